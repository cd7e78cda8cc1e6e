#include "app/cluster_role.h"

#include <fmt/format.h>

#include <utility>

#include "core/time.h"

namespace tldmon::app {

namespace {

store::postgres::ElectorOptions Elector(const std::string& conninfo,
                                        std::chrono::milliseconds ttl) {
  store::postgres::ElectorOptions o;
  o.conninfo = conninfo;
  o.holder = store::postgres::DefaultHolderName();
  o.ttl = ttl;
  // A follower tries to take over a third of a ttl after the lease lapses
  // at the latest: leader loss costs at most ttl + ttl/3 (docs/operations.md).
  o.attempt_every = ttl / 3;
  return o;
}

store::postgres::FollowerOptions Follower(const std::string& conninfo) {
  store::postgres::FollowerOptions o;
  o.conninfo = conninfo;
  o.poll_every = std::chrono::milliseconds(2000);  // the safety net under NOTIFY
  return o;
}

}  // namespace

ClusterRole::ClusterRole(const std::string& conninfo, store::PostgresStore* store,
                         std::chrono::milliseconds lease_ttl)
    : store_(store),
      elector_(Elector(conninfo, lease_ttl),
               [this](std::optional<std::int64_t>) {
                 // The engine loop acts on the change at its next tick: now.
                 std::function<void()> wake;
                 {
                   std::lock_guard lock(mu_);
                   wake = wake_;
                 }
                 if (wake) wake();
               }),
      follower_(Follower(conninfo), [this](std::int64_t) {
        std::function<void()> wake;
        {
          std::lock_guard lock(mu_);
          if (!behind_since_) behind_since_ = std::chrono::steady_clock::now();
          wake = wake_;
        }
        if (wake) wake();
      }) {
  // Until the loop's first tick decides, engine writes are refused.
  store_->SetEngineFence(&elector_.lease(), 0);
}

ClusterRole::~ClusterRole() { Stop(); }

void ClusterRole::SetWake(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wake_ = std::move(wake);
}

void ClusterRole::Start() {
  follower_.Start();
  elector_.Start();
}

void ClusterRole::Stop() {
  {
    std::lock_guard lock(mu_);
    wake_ = nullptr;
  }
  elector_.Stop(true);
  follower_.Stop();
}

std::optional<std::int64_t> ClusterRole::LeadingEpoch() const { return elector_.LeadingEpoch(); }

void ClusterRole::Fence(std::optional<std::int64_t> epoch) {
  // A follower keeps epoch 0, which no lease has: it cannot write results.
  store_->SetEngineFence(&elector_.lease(), epoch.value_or(0));
}

std::int64_t ClusterRole::PublishedGeneration() const { return follower_.generation(); }

void ClusterRole::Applied(std::int64_t generation) {
  applied_ = generation;
  std::lock_guard lock(mu_);
  if (generation >= follower_.generation()) behind_since_.reset();
}

void ClusterRole::Processed(UnixSeconds last_cycle) { last_cycle_ = last_cycle; }

double ClusterRole::LagSeconds() const {
  if (LeadingEpoch()) return 0;
  std::lock_guard lock(mu_);
  if (!behind_since_) return 0;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - *behind_since_).count();
}

std::string ClusterRole::HealthJson() const {
  const std::optional<std::int64_t> epoch = LeadingEpoch();
  const UnixSeconds last = last_cycle_.load();
  return fmt::format(
      R"({{"status":"ok","role":"{}","epoch":{},"lastCycle":{},"publishedGeneration":{},)"
      R"("appliedGeneration":{},"lagSeconds":{:.3f}}})",
      epoch ? "leader" : "follower", epoch ? std::to_string(*epoch) : "null",
      last == engine::kNever ? std::string("null") : "\"" + FormatIso8601(last) + "\"",
      follower_.generation(), epoch ? follower_.generation() : applied_.load(), LagSeconds());
}

void ClusterRole::AppendMetrics(std::string& out) const {
  const std::optional<std::int64_t> epoch = LeadingEpoch();
  out +=
      "# HELP tldmon_cluster_leader 1 while this host runs the engine (holds the lease).\n"
      "# TYPE tldmon_cluster_leader gauge\n";
  out += fmt::format("tldmon_cluster_leader {}\n", epoch ? 1 : 0);
  out +=
      "# HELP tldmon_cluster_leader_epoch The lease epoch this host leads with (0: following).\n"
      "# TYPE tldmon_cluster_leader_epoch gauge\n";
  out += fmt::format("tldmon_cluster_leader_epoch {}\n", epoch.value_or(0));
  out +=
      "# HELP tldmon_cluster_published_generation The newest generation the leader published.\n"
      "# TYPE tldmon_cluster_published_generation gauge\n";
  out += fmt::format("tldmon_cluster_published_generation {}\n", follower_.generation());
  out +=
      "# HELP tldmon_cluster_follower_lag_seconds Seconds this follower's documents have been"
      " behind the newest published generation (0: current, or leading).\n"
      "# TYPE tldmon_cluster_follower_lag_seconds gauge\n";
  out += fmt::format("tldmon_cluster_follower_lag_seconds {:.3f}\n", LagSeconds());
  out +=
      "# HELP tldmon_cluster_terms_total Times this host took the lead.\n"
      "# TYPE tldmon_cluster_terms_total counter\n";
  out += fmt::format("tldmon_cluster_terms_total {}\n", elector_.terms());
  out +=
      "# HELP tldmon_cluster_lease_losses_total Times this host lost the lead.\n"
      "# TYPE tldmon_cluster_lease_losses_total counter\n";
  out += fmt::format("tldmon_cluster_lease_losses_total {}\n", elector_.losses());
  const store::postgres::PgPool::Stats reads = store_->ReadPoolStats();
  out +=
      "# HELP tldmon_store_read_connections PostgreSQL read connections of this host: open now,"
      " lent to a request now, and the pool's size.\n"
      "# TYPE tldmon_store_read_connections gauge\n";
  out += fmt::format("tldmon_store_read_connections{{state=\"open\"}} {}\n", reads.open);
  out += fmt::format("tldmon_store_read_connections{{state=\"lent\"}} {}\n", reads.lent);
  out += fmt::format("tldmon_store_read_connections{{state=\"capacity\"}} {}\n", reads.capacity);
  out +=
      "# HELP tldmon_store_read_connection_timeouts_total Reads that found every read connection"
      " busy for 5 s and answered 503.\n"
      "# TYPE tldmon_store_read_connection_timeouts_total counter\n";
  out += fmt::format("tldmon_store_read_connection_timeouts_total {}\n", reads.timeouts);
}

}  // namespace tldmon::app

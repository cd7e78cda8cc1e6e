#include "store/postgres/leader_elector.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <utility>

namespace tldmon::store::postgres {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string DefaultHolderName() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  std::random_device rd;
  char tail[16];
  std::snprintf(tail, sizeof tail, "%08x", rd());
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + tail;
}

LeaderElector::LeaderElector(ElectorOptions options, RoleChange on_change)
    : options_(std::move(options)),
      on_change_(std::move(on_change)),
      lease_(options_.lease, options_.holder.empty() ? DefaultHolderName() : options_.holder,
             options_.ttl) {}

LeaderElector::~LeaderElector() { Stop(true); }

void LeaderElector::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void LeaderElector::Stop(bool resign) {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    resign_ = resign;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::optional<std::int64_t> LeaderElector::LeadingEpoch() const {
  std::lock_guard lock(mu_);
  if (!epoch_ || Clock::now() >= trust_until_) return std::nullopt;
  return epoch_;
}

bool LeaderElector::WaitFor(Clock::duration d) {
  std::unique_lock lock(mu_);
  return !cv_.wait_for(lock, d, [this] { return stop_; });
}

void LeaderElector::Lead(std::int64_t epoch, Clock::time_point trust_until) {
  bool new_term = false;
  {
    std::lock_guard lock(mu_);
    new_term = epoch_ != epoch;
    epoch_ = epoch;
    trust_until_ = trust_until;
  }
  if (new_term) {
    ++terms_;
    if (on_change_) on_change_(epoch);
  }
}

void LeaderElector::StepDown() {
  bool was = false;
  {
    std::lock_guard lock(mu_);
    was = epoch_.has_value();
    epoch_.reset();
  }
  if (was) {
    ++losses_;
    if (on_change_) on_change_(std::nullopt);
  }
}

void LeaderElector::Run() {
  const auto ttl = options_.ttl;
  const auto renew_every = ttl / 3;
  // A statement that cannot finish inside a third of the ttl is as good as
  // failed: the next one must still be able to run before the deadline.
  const std::string third = std::to_string(std::max<std::int64_t>(1, (ttl / 3).count()));
  const std::vector<std::pair<std::string, std::string>> connection_options = {
      {"connect_timeout", std::to_string(std::max<std::int64_t>(1, (ttl / 3).count() / 1000))},
      {"tcp_user_timeout", third},
      {"keepalives", "1"},
      {"keepalives_idle", "5"},
      {"keepalives_interval", "2"},
      {"keepalives_count", "2"},
      {"options", "-c statement_timeout=" + third + " -c idle_in_transaction_session_timeout=" +
                      std::to_string(ttl.count())},
      {"application_name", "tldmon-elector"},
  };
  std::unique_ptr<PgConn> conn;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) break;
    }
    if (conn == nullptr || !conn->ok()) {
      conn.reset();
      auto c = PgConn::Connect(options_.conninfo, connection_options);
      if (c.ok()) conn = std::move(*c);
    }
    const Clock::time_point attempt = Clock::now();
    std::optional<std::int64_t> leading;
    {
      std::lock_guard lock(mu_);
      leading = epoch_;
    }
    if (conn != nullptr) {
      if (leading) {
        auto renewed = lease_.Renew(*conn, *leading);
        if (renewed.ok() && *renewed) {
          Lead(*leading, lease_.TrustDeadline(attempt));
        } else if (renewed.ok()) {
          StepDown();  // expired or taken over
        }
        // An error: keep the old deadline; the check below steps down when
        // it passes.
      } else {
        auto took = lease_.TryAcquire(*conn);
        if (took.ok() && took->has_value()) Lead(**took, lease_.TrustDeadline(attempt));
      }
    }
    Clock::duration wait = options_.attempt_every;
    {
      std::lock_guard lock(mu_);
      leading = epoch_;
      const Clock::time_point now = Clock::now();
      if (epoch_ && now >= trust_until_) leading.reset();
      // A leader wakes by its deadline at the latest, so that the role
      // change is told on time even when renews keep failing.
      if (leading) wait = std::min<Clock::duration>(renew_every, trust_until_ - now);
    }
    if (!leading) StepDown();
    if (!WaitFor(wait)) break;
  }
  bool resign = false;
  std::optional<std::int64_t> epoch;
  {
    std::lock_guard lock(mu_);
    resign = resign_;
    epoch = epoch_;
  }
  if (resign && epoch && conn != nullptr && conn->ok()) (void)lease_.Resign(*conn, *epoch);
  StepDown();
}

}  // namespace tldmon::store::postgres

// ClusterRole: serve's part among several hosts sharing a PostgreSQL store
// (issue 13; docs/operations.md "Several hosts"). It runs the host's
// LeaderElector (who runs the engine) and GenerationFollower (what the
// leader published), fences the store's engine writes with the epoch the
// engine loop acts on, wakes the loop when a cycle is published, and says
// what /healthz and /metrics report: role, epoch, last published cycle and
// the follower's lag.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "app/engine_loop.h"
#include "store/postgres/generation_follower.h"
#include "store/postgres/leader_elector.h"
#include "store/postgres/postgres_store.h"

namespace tldmon::app {

class ClusterRole final : public EngineRole {
 public:
  // Starts the elector and the follower on `conninfo`. `store` and the
  // object behind `wake` must outlive this.
  ClusterRole(const std::string& conninfo, store::PostgresStore* store,
              std::chrono::milliseconds lease_ttl);
  ~ClusterRole() override;  // Stop(): resigns the lease

  // Called when a new generation is published (the engine loop's Wake).
  void SetWake(std::function<void()> wake);
  void Start();
  void Stop();

  std::optional<std::int64_t> LeadingEpoch() const override;
  void Fence(std::optional<std::int64_t> epoch) override;
  std::int64_t PublishedGeneration() const override;
  void Applied(std::int64_t generation) override;
  void Processed(UnixSeconds last_cycle) override;

  // /healthz body: {"status":"ok","role":"leader"|"follower",...}.
  std::string HealthJson() const;
  // Prometheus lines: tldmon_cluster_leader, _epoch, _follower_lag_seconds, ...
  void AppendMetrics(std::string& out) const;

 private:
  double LagSeconds() const;

  store::PostgresStore* store_;
  store::postgres::LeaderElector elector_;
  store::postgres::GenerationFollower follower_;
  std::atomic<std::int64_t> applied_{-1};
  std::atomic<UnixSeconds> last_cycle_{engine::kNever};
  mutable std::mutex mu_;
  std::function<void()> wake_;  // guarded by mu_
  // When the newest unapplied generation was first seen (steady clock).
  std::optional<std::chrono::steady_clock::time_point> behind_since_;  // guarded by mu_
};

}  // namespace tldmon::app

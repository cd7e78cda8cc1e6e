// LeaderElector: one host's side of the engine election (issue 13), on its
// own thread and its own connection: a follower tries to take the lease
// every `attempt_every`; the leader renews it every ttl/3. The engine asks
// LeadingEpoch() before each cycle and fences its write transaction with
// that epoch (LeaderLease::Fence), so safety never rests on this thread.
//
// When is leadership lost?
//   * a renew finds the lease expired or taken: at once;
//   * the database cannot be reached (partition, PostgreSQL down): at the
//     local trust deadline, attempt start + ttl - ttl/5 on the monotonic
//     clock, which comes before the database lets another host take over
//     (its clock starts the ttl later, when the renew statement ran). So
//     two hosts never both believe they lead, if their clocks run at about
//     the same rate.
// With the default ttl of 15 s another host leads at most ttl + attempt_every
// (20 s) after a leader dies without resigning, and at the followers' next
// attempt (at most attempt_every, 5 s) after a resign.
//
// The connection uses connect_timeout and tcp_user_timeout so that a dead
// network fails a statement instead of hanging it, and
// idle_in_transaction_session_timeout = ttl (see leader_lease.h).
//
// Thread-safe: LeadingEpoch() from any thread; Start/Stop from the owner.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "store/postgres/leader_lease.h"

namespace tldmon::store::postgres {

struct ElectorOptions {
  std::string conninfo;
  std::string lease = "engine";
  std::string holder;  // unique per process; see DefaultHolderName()
  std::chrono::milliseconds ttl{15000};
  std::chrono::milliseconds attempt_every{5000};  // a follower's takeover attempts
};

// "<hostname>:<pid>:<8 random hex digits>".
std::string DefaultHolderName();

class LeaderElector {
 public:
  // Called on the elector's thread with the new epoch when this host starts
  // leading, and with nullopt when it stops.
  using RoleChange = std::function<void(std::optional<std::int64_t> epoch)>;

  LeaderElector(ElectorOptions options, RoleChange on_change = {});
  ~LeaderElector();  // Stop(true)
  LeaderElector(const LeaderElector&) = delete;
  LeaderElector& operator=(const LeaderElector&) = delete;

  void Start();
  // Ends the thread; with `resign`, gives the lease up first so that a
  // follower takes over at once.
  void Stop(bool resign = true);

  // The epoch while this host holds the lease and is inside its trust
  // deadline; nullopt otherwise.
  std::optional<std::int64_t> LeadingEpoch() const;
  // Takeovers this elector made, and times it lost the lease (metrics).
  std::uint64_t terms() const { return terms_.load(); }
  std::uint64_t losses() const { return losses_.load(); }
  const LeaderLease& lease() const { return lease_; }

 private:
  void Run();
  void Lead(std::int64_t epoch, std::chrono::steady_clock::time_point trust_until);
  void StepDown();
  bool WaitFor(std::chrono::steady_clock::duration d);  // false when stopping

  ElectorOptions options_;
  RoleChange on_change_;
  LeaderLease lease_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;                                    // guarded by mu_
  bool resign_ = false;                                  // guarded by mu_
  std::optional<std::int64_t> epoch_;                    // guarded by mu_
  std::chrono::steady_clock::time_point trust_until_{};  // guarded by mu_
  std::atomic<std::uint64_t> terms_{0}, losses_{0};
};

}  // namespace tldmon::store::postgres

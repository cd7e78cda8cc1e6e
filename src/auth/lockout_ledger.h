// LockoutLedger: where Lockout (lockout.h) keeps each account's failure
// count and lock: this process's memory (MemoryLockoutLedger, one host), or
// PostgreSQL (SharedLockoutLedger, several hosts: guessing through every
// host of a cluster counts against one lock).
//
// Thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/thread_annotations.h"
#include "core/time.h"

namespace tldmon::auth {

struct LockoutState {
  int consecutive_failures = 0;
  UnixSeconds locked_until = 0;
};

class LockoutLedger {
 public:
  using Change = std::function<LockoutState(LockoutState)>;
  virtual ~LockoutLedger() = default;
  // The account's state ({} when it has none).
  virtual LockoutState Get(std::string_view username) const = 0;
  // Replaces the account's state by change(state) as one step (no other
  // update of the account in between); returns the new state.
  virtual LockoutState Update(std::string_view username, const Change& change) = 0;
  virtual void Erase(std::string_view username) = 0;
  // Accounts with a state.
  virtual std::size_t size() const = 0;
};

class MemoryLockoutLedger final : public LockoutLedger {
 public:
  LockoutState Get(std::string_view username) const override;
  LockoutState Update(std::string_view username, const Change& change) override;
  void Erase(std::string_view username) override;
  std::size_t size() const override;

 private:
  mutable Mutex mu_;
  std::unordered_map<std::string, LockoutState> state_ GUARDED_BY(mu_);
};

}  // namespace tldmon::auth

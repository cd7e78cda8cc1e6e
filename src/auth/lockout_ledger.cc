#include "auth/lockout_ledger.h"

namespace tldmon::auth {

LockoutState MemoryLockoutLedger::Get(std::string_view username) const {
  MutexLock lock(mu_);
  auto it = state_.find(std::string(username));
  return it == state_.end() ? LockoutState{} : it->second;
}

LockoutState MemoryLockoutLedger::Update(std::string_view username, const Change& change) {
  MutexLock lock(mu_);
  LockoutState& s = state_[std::string(username)];
  s = change(s);
  return s;
}

void MemoryLockoutLedger::Erase(std::string_view username) {
  MutexLock lock(mu_);
  state_.erase(std::string(username));
}

std::size_t MemoryLockoutLedger::size() const {
  MutexLock lock(mu_);
  return state_.size();
}

}  // namespace tldmon::auth

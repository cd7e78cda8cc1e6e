#include "auth/lockout.h"

#include <algorithm>
#include <utility>

namespace tldmon::auth {

Lockout::Lockout(int after_failures, UnixSeconds base, UnixSeconds max,
                 std::unique_ptr<LockoutLedger> ledger)
    : after_failures_(std::max(1, after_failures)),
      base_(std::max<UnixSeconds>(1, base)),
      max_(std::max(max, std::max<UnixSeconds>(1, base))),
      ledger_(ledger != nullptr ? std::move(ledger) : std::make_unique<MemoryLockoutLedger>()) {}

UnixSeconds Lockout::RetryAfter(std::string_view username, UnixSeconds now) const {
  const LockoutState s = ledger_->Get(username);
  return now >= s.locked_until ? 0 : s.locked_until - now;
}

UnixSeconds Lockout::RecordFailure(std::string_view username, UnixSeconds now) {
  UnixSeconds started = 0;
  ledger_->Update(username, [&](LockoutState s) {
    ++s.consecutive_failures;
    const int over = s.consecutive_failures - after_failures_;
    started = 0;
    if (over < 0) return s;
    // base * 2^over, saturating at max (the shift is bounded so it cannot overflow).
    UnixSeconds duration = base_;
    for (int i = 0; i < over && duration < max_; ++i) duration *= 2;
    duration = std::min(duration, max_);
    s.locked_until = std::max(s.locked_until, now + duration);
    started = duration;
    return s;
  });
  return started;
}

void Lockout::RecordSuccess(std::string_view username) { ledger_->Erase(username); }

void Lockout::Forget(std::string_view username) { ledger_->Erase(username); }

std::size_t Lockout::size() const { return ledger_->size(); }

}  // namespace tldmon::auth

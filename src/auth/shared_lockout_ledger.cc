#include "auth/shared_lockout_ledger.h"

#include <spdlog/spdlog.h>

#include <utility>

namespace tldmon::auth {
namespace {

namespace pg = store::postgres;

LockoutState FromRecord(const pg::LockoutRecord& r) {
  return LockoutState{r.consecutive_failures, r.locked_until};
}

}  // namespace

Result<std::unique_ptr<SharedLockoutLedger>> SharedLockoutLedger::Open(
    const std::string& conninfo) {
  auto records = pg::SessionRecords::Open(conninfo);
  if (!records.ok()) return records.status();
  return std::unique_ptr<SharedLockoutLedger>(new SharedLockoutLedger(std::move(*records)));
}

LockoutState SharedLockoutLedger::Get(std::string_view username) const {
  auto r = records_->GetLockout(username);
  if (!r.ok()) {
    spdlog::warn("lockout: reading {}'s state failed: {}", username, r.status().message());
    return {};
  }
  return FromRecord(*r);
}

LockoutState SharedLockoutLedger::Update(std::string_view username, const Change& change) {
  auto r = records_->UpdateLockout(username, [&](pg::LockoutRecord current) {
    const LockoutState next = change(FromRecord(current));
    return pg::LockoutRecord{next.consecutive_failures, next.locked_until};
  });
  if (!r.ok()) {
    spdlog::warn("lockout: recording {}'s failure failed: {}", username, r.status().message());
    return change(LockoutState{});
  }
  return FromRecord(*r);
}

void SharedLockoutLedger::Erase(std::string_view username) {
  if (Status s = records_->DeleteLockout(username); !s.ok())
    spdlog::warn("lockout: clearing {}'s state failed: {}", username, s.message());
}

std::size_t SharedLockoutLedger::size() const {
  auto n = records_->CountLockouts();
  return n.ok() ? static_cast<std::size_t>(*n) : 0;
}

}  // namespace tldmon::auth

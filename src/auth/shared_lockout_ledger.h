// SharedLockoutLedger: Lockout's states in PostgreSQL (migration 8), so
// failed logins on every host of a cluster count against one account's
// lock (store/postgres/session_records.h holds the SQL).
//
// When the database cannot be reached the ledger fails open: Get answers
// "not locked" and a failure is not recorded (a warning is logged). Logins
// then fail anyway, since a session cannot be stored, and the per-host
// rate limits still bound guessing.
//
// Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "auth/lockout_ledger.h"
#include "core/status.h"
#include "store/postgres/session_records.h"

namespace tldmon::auth {

class SharedLockoutLedger final : public LockoutLedger {
 public:
  static Result<std::unique_ptr<SharedLockoutLedger>> Open(const std::string& conninfo);

  LockoutState Get(std::string_view username) const override;
  LockoutState Update(std::string_view username, const Change& change) override;
  void Erase(std::string_view username) override;
  std::size_t size() const override;

 private:
  explicit SharedLockoutLedger(std::unique_ptr<store::postgres::SessionRecords> records)
      : records_(std::move(records)) {}
  const std::unique_ptr<store::postgres::SessionRecords> records_;
};

}  // namespace tldmon::auth

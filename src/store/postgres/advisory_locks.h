// The transaction-scoped advisory locks PostgresStore takes to serialize
// work between hosts (pg_advisory_xact_lock: released at COMMIT or
// ROLLBACK, so a paused or vanished holder cannot keep one). Never session
// advisory locks: a half-dead holder keeps those for hours (issue 13).
//
// A key is one bigint: the top 16 bits name the lock, the low 48 its
// object (a probe index, a day number).
#pragma once

#include <cstdint>

namespace tldmon::store::postgres {

enum class AdvisoryLock : std::int64_t {
  kDictionary = 1,  // appending to dict (codes are dense)
  kPartitions = 2,  // creating report partitions
  kDay = 3,         // a UTC day's reports: shared to write, exclusive to compact
  kProbe = 4,       // one probe's report batches (per-group sequence numbers)
  kAccount = 5,     // one account's sessions (hashtext of the user name)
};

constexpr std::int64_t AdvisoryKey(AdvisoryLock lock, std::int64_t object = 0) {
  return (static_cast<std::int64_t>(lock) << 48) | (object & ((std::int64_t{1} << 48) - 1));
}

}  // namespace tldmon::store::postgres

// PostgresStore: the methods not yet ported from SqliteStore (see
// postgres_store.h). Each says so rather than pretending.
#include "store/postgres/postgres_store.h"

namespace tldmon::store {

Status PostgresStore::NotYet(const char* what) {
  return FailedPrecondition(std::string("Store::") + what + " is not yet on PostgreSQL (issue 13)");
}

Result<CompactionOutcome> PostgresStore::CompactDay(UnixSeconds /*day*/) {
  return NotYet("CompactDay");
}

Result<RetentionOutcome> PostgresStore::DropProbeDataBefore(UnixSeconds /*before*/) {
  return NotYet("DropProbeDataBefore");
}

}  // namespace tldmon::store

// The change generation of SqliteStore (store.h "Change generation"): one
// row of the table change_generation (migration 0006), raised inside the
// write transaction of every configuration edit.
#include <cstdint>
#include <mutex>

#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace tldmon::store {

Result<std::uint64_t> SqliteStore::ChangeGeneration() const {
  MutexLock lock(impl_->mu);
  return impl_->ChangeGeneration();
}

Result<std::uint64_t> SqliteStoreImpl::ChangeGeneration() {
  TLDMON_SQLITE_STMT(st, *db_, "SELECT value FROM change_generation WHERE id = 1");
  Result<bool> row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row || st.Int(0) < 0) return Internal("the change_generation row is missing or damaged");
  return static_cast<std::uint64_t>(st.Int(0));
}

Status SqliteStoreImpl::BumpChangeGeneration() {
  TLDMON_SQLITE_STMT(st, *db_, "UPDATE change_generation SET value = value + 1 WHERE id = 1");
  return st.Run();
}

}  // namespace tldmon::store

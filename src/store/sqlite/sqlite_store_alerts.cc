// Alerts (migration 11, docs/formats/store-schema.md "Alerts"): the alert
// tracker's state and the event queue, written together.
#include "store/alert_state_codec.h"
#include "store/sqlite/sqlite_store_impl.h"

namespace tldmon::store {

Status SqliteStoreImpl::RecordAlerts(const engine::AlertTrackerState& state,
                                     std::span<const StoredAlertEvent> events) {
  Result<sqlite::Transaction> txn = sqlite::Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  {
    // Bound without a copy: the bytes must outlive Run().
    const std::string bytes = EncodeAlertTracker(state);
    TLDMON_SQLITE_STMT(st, *db_, "INSERT OR REPLACE INTO alert_tracker (id, state) VALUES (1, ?1)");
    st.BindBlob(1, bytes);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  for (const StoredAlertEvent& e : events) {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO alert_event (cycle, fingerprint, firing, body)"
                       " VALUES (?1, ?2, ?3, ?4)");
    st.Bind(1, static_cast<std::int64_t>(e.cycle))
        .Bind(2, e.fingerprint)
        .Bind(3, static_cast<std::int64_t>(e.firing ? 1 : 0))
        .Bind(4, e.body);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  return txn->Commit();
}

Result<std::optional<engine::AlertTrackerState>> SqliteStoreImpl::LoadAlertTracker() {
  TLDMON_SQLITE_STMT(st, *db_, "SELECT state FROM alert_tracker WHERE id = 1");
  Result<bool> row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<engine::AlertTrackerState>();
  auto state = DecodeAlertTracker(st.Blob(0));
  if (!state.ok()) return state.status();
  return std::optional<engine::AlertTrackerState>(std::move(state).value());
}

Result<std::vector<StoredAlertEvent>> SqliteStoreImpl::AlertEventsAfter(std::int64_t after,
                                                                       std::size_t limit) {
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT id, cycle, fingerprint, firing, body FROM alert_event"
                     " WHERE id > ?1 ORDER BY id LIMIT ?2");
  st.Bind(1, after).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<StoredAlertEvent> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({st.Int(0), st.Int(1), std::string(st.Text(2)), st.Int(3) != 0,
                   std::string(st.Text(4))});
  }
  return out;
}

Result<std::int64_t> SqliteStoreImpl::AlertCursor(std::string_view channel) {
  TLDMON_SQLITE_STMT(st, *db_, "SELECT delivered FROM alert_cursor WHERE channel = ?1");
  st.Bind(1, channel);
  Result<bool> row = st.Step();
  if (!row.ok()) return row.status();
  return *row ? st.Int(0) : std::int64_t{0};
}

Status SqliteStoreImpl::SetAlertCursor(std::string_view channel, std::int64_t delivered) {
  if (channel.empty()) return InvalidArgument("an alert channel needs a name");
  Result<sqlite::Transaction> txn = sqlite::Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  auto now = AlertCursor(channel);
  if (!now.ok()) return now.status();
  if (delivered < *now)
    return InvalidArgument("alert channel " + std::string(channel) + " is at event " +
                           std::to_string(*now) + "; it never goes back to " +
                           std::to_string(delivered));
  TLDMON_SQLITE_STMT(st, *db_, "INSERT OR REPLACE INTO alert_cursor (channel, delivered) VALUES (?1, ?2)");
  st.Bind(1, channel).Bind(2, delivered);
  TLDMON_RETURN_IF_ERROR(st.Run());
  return txn->Commit();
}

}  // namespace tldmon::store

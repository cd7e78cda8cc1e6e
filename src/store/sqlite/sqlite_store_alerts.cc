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
  TLDMON_RETURN_IF_ERROR(AppendAlertEvents(events));
  return txn->Commit();
}

// Inside the caller's transaction.
Status SqliteStoreImpl::AppendAlertEvents(std::span<const StoredAlertEvent> events) {
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
  return Status::Ok();
}

Status SqliteStoreImpl::RecordSourceAlerts(std::string_view source, std::string_view state,
                                           std::span<const StoredAlertEvent> events) {
  if (source.empty() || source == "engine")
    return InvalidArgument("an alert source needs a name other than 'engine'");
  Result<sqlite::Transaction> txn = sqlite::Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT OR REPLACE INTO alert_source_state (source, state) VALUES (?1, ?2)");
    st.Bind(1, source).BindBlob(2, state);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  TLDMON_RETURN_IF_ERROR(AppendAlertEvents(events));
  return txn->Commit();
}

Result<std::optional<std::string>> SqliteStoreImpl::SourceAlertState(std::string_view source) {
  TLDMON_SQLITE_STMT(st, *db_, "SELECT state FROM alert_source_state WHERE source = ?1");
  st.Bind(1, source);
  Result<bool> row = st.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(st.Blob(0)));
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
  Result<sqlite::Transaction> txn = sqlite::Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(MoveAlertCursor(channel, delivered));
  return txn->Commit();
}

// Inside the caller's transaction.
Status SqliteStoreImpl::MoveAlertCursor(std::string_view channel, std::int64_t delivered) {
  if (channel.empty()) return InvalidArgument("an alert channel needs a name");
  auto now = AlertCursor(channel);
  if (!now.ok()) return now.status();
  if (delivered < *now)
    return InvalidArgument("alert channel " + std::string(channel) + " is at event " +
                           std::to_string(*now) + "; it never goes back to " +
                           std::to_string(delivered));
  TLDMON_SQLITE_STMT(st, *db_, "INSERT OR REPLACE INTO alert_cursor (channel, delivered) VALUES (?1, ?2)");
  st.Bind(1, channel).Bind(2, delivered);
  return st.Run();
}

Status SqliteStoreImpl::RecordAlertDelivery(std::string_view channel,
                                            std::optional<std::int64_t> delivered_through,
                                            std::span<const AlertDelivery> log) {
  if (channel.empty()) return InvalidArgument("an alert channel needs a name");
  for (const AlertDelivery& d : log)
    if (d.channel != channel || (d.outcome != "delivered" && d.outcome != "muted" && d.outcome != "failed"))
      return InvalidArgument("alert delivery log row for channel '" + d.channel + "', outcome '" +
                             d.outcome + "': not of channel " + std::string(channel) +
                             " or not delivered/muted/failed");
  Result<sqlite::Transaction> txn = sqlite::Transaction::Begin(*db_);
  if (!txn.ok()) return txn.status();
  if (delivered_through) TLDMON_RETURN_IF_ERROR(MoveAlertCursor(channel, *delivered_through));
  for (const AlertDelivery& d : log) {
    TLDMON_SQLITE_STMT(st, *db_,
                       "INSERT INTO alert_delivery (channel, event_id, at, outcome, detail)"
                       " VALUES (?1, ?2, ?3, ?4, ?5)");
    st.Bind(1, d.channel)
        .Bind(2, d.event_id)
        .Bind(3, static_cast<std::int64_t>(d.at))
        .Bind(4, d.outcome)
        .Bind(5, d.detail);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  if (!log.empty()) {
    TLDMON_SQLITE_STMT(st, *db_,
                       "DELETE FROM alert_delivery WHERE id <= (SELECT MAX(id) FROM alert_delivery) - ?1");
    st.Bind(1, kMaxAlertDeliveries);
    TLDMON_RETURN_IF_ERROR(st.Run());
  }
  return txn->Commit();
}

Result<std::vector<AlertDelivery>> SqliteStoreImpl::AlertDeliveries(std::string_view channel,
                                                                   std::size_t limit) {
  TLDMON_SQLITE_STMT(st, *db_,
                     "SELECT id, channel, event_id, at, outcome, detail FROM alert_delivery"
                     " WHERE ?1 = '' OR channel = ?1 ORDER BY id DESC LIMIT ?2");
  st.Bind(1, channel).Bind(2, static_cast<std::int64_t>(limit));
  std::vector<AlertDelivery> out;
  for (;;) {
    Result<bool> row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({st.Int(0), std::string(st.Text(1)), st.Int(2), st.Int(3),
                   std::string(st.Text(4)), std::string(st.Text(5))});
  }
  return out;
}

Result<std::int64_t> SqliteStoreImpl::LastAlertEventId() {
  TLDMON_SQLITE_STMT(st, *db_, "SELECT COALESCE(MAX(id), 0) FROM alert_event");
  Result<bool> row = st.Step();
  if (!row.ok()) return row.status();
  return *row ? st.Int(0) : std::int64_t{0};
}

}  // namespace tldmon::store

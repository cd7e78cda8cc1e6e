// PostgresStore: alerts (the tracker's state, the event queue, channel
// cursors, the delivery log, other sources' state) and the kept monthly
// figures (PostgreSQL migration 4).
#include "store/alert_state_codec.h"
#include "store/postgres/postgres_store.h"

namespace tldmon::store {

using postgres::PgFormat;
using postgres::PgParam;
using postgres::PgTransaction;

Status PostgresStore::AppendAlertEvents(std::span<const StoredAlertEvent> events) {
  if (events.empty()) return Status::Ok();
  // Ids must commit in id order (see the migration): one appender at a time.
  TLDMON_RETURN_IF_ERROR(conn_->ExecScript("LOCK TABLE alert_event IN EXCLUSIVE MODE"));
  for (const StoredAlertEvent& e : events) {
    TLDMON_RETURN_IF_ERROR(conn_
                               ->Exec("INSERT INTO alert_event (cycle, fingerprint, firing, body) "
                                      "VALUES ($1, $2, $3, $4)",
                                      {PgParam(static_cast<std::int64_t>(e.cycle)),
                                       PgParam(e.fingerprint), PgParam(e.firing), PgParam(e.body)})
                               .status());
  }
  return Status::Ok();
}

Status PostgresStore::RecordAlerts(const engine::AlertTrackerState& state,
                                   std::span<const StoredAlertEvent> events) {
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  // The engine records a cycle's alerts just before it commits the cycle:
  // fenced like the commit, so a stale leader records none.
  if (fence_lease_ != nullptr) TLDMON_RETURN_IF_ERROR(fence_lease_->Fence(*conn_, fence_epoch_));
  TLDMON_RETURN_IF_ERROR(conn_
                             ->Exec("INSERT INTO alert_tracker (id, state) VALUES (1, $1)"
                                    " ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state",
                                    {PgParam::Bytes(EncodeAlertTracker(state))})
                             .status());
  TLDMON_RETURN_IF_ERROR(AppendAlertEvents(events));
  return txn->Commit();
}

Status PostgresStore::RecordSourceAlerts(std::string_view source, std::string_view state,
                                         std::span<const StoredAlertEvent> events) {
  if (source.empty() || source == "engine")
    return InvalidArgument("an alert source needs a name other than 'engine'");
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(conn_
                             ->Exec("INSERT INTO alert_source_state (source, state) VALUES ($1, $2)"
                                    " ON CONFLICT (source) DO UPDATE SET state = EXCLUDED.state",
                                    {PgParam(source), PgParam::Bytes(state)})
                             .status());
  TLDMON_RETURN_IF_ERROR(AppendAlertEvents(events));
  return txn->Commit();
}

Result<std::optional<std::string>> PostgresStore::SourceAlertState(std::string_view source) const {
  MutexLock lock(mu_);
  auto r = conn_->Exec("SELECT state FROM alert_source_state WHERE source = $1", {PgParam(source)},
                       PgFormat::kBinary);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<std::string>();
  return std::optional<std::string>(std::string(r->bytes(0, 0)));
}

Result<std::optional<engine::AlertTrackerState>> PostgresStore::LoadAlertTracker() const {
  MutexLock lock(mu_);
  auto r = conn_->Exec("SELECT state FROM alert_tracker WHERE id = 1", {}, PgFormat::kBinary);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::optional<engine::AlertTrackerState>();
  auto state = DecodeAlertTracker(r->bytes(0, 0));
  if (!state.ok()) return state.status();
  return std::optional<engine::AlertTrackerState>(std::move(state).value());
}

Result<std::vector<StoredAlertEvent>> PostgresStore::AlertEventsAfter(std::int64_t after,
                                                                      std::size_t limit) const {
  MutexLock lock(mu_);
  auto r = conn_->Exec(
      "SELECT id, cycle, fingerprint, firing, body FROM alert_event WHERE id > $1 ORDER BY id "
      "LIMIT $2",
      {PgParam(after), PgParam(static_cast<std::int64_t>(limit))});
  if (!r.ok()) return r.status();
  std::vector<StoredAlertEvent> out;
  for (int row = 0; row < r->rows(); ++row) {
    out.push_back({r->Int(row, 0), r->Int(row, 1), std::string(r->text(row, 2)), r->Bool(row, 3),
                   std::string(r->text(row, 4))});
  }
  return out;
}

Result<std::int64_t> PostgresStore::ReadAlertCursor(std::string_view channel) const {
  auto r = conn_->Exec("SELECT delivered FROM alert_cursor WHERE channel = $1", {PgParam(channel)});
  if (!r.ok()) return r.status();
  return r->rows() == 0 ? std::int64_t{0} : r->Int(0, 0);
}

Result<std::int64_t> PostgresStore::AlertCursor(std::string_view channel) const {
  MutexLock lock(mu_);
  return ReadAlertCursor(channel);
}

Status PostgresStore::MoveAlertCursor(std::string_view channel, std::int64_t delivered) {
  if (channel.empty()) return InvalidArgument("an alert channel needs a name");
  // Row-locked read: two hosts moving one cursor are serialized.
  auto r = conn_->Exec("SELECT delivered FROM alert_cursor WHERE channel = $1 FOR UPDATE",
                       {PgParam(channel)});
  if (!r.ok()) return r.status();
  const std::int64_t now = r->rows() == 0 ? 0 : r->Int(0, 0);
  if (delivered < now)
    return InvalidArgument("alert channel " + std::string(channel) + " is at event " +
                           std::to_string(now) + "; it never goes back to " +
                           std::to_string(delivered));
  return conn_
      ->Exec(
          "INSERT INTO alert_cursor (channel, delivered) VALUES ($1, $2)"
          " ON CONFLICT (channel) DO UPDATE SET delivered = EXCLUDED.delivered",
          {PgParam(channel), PgParam(delivered)})
      .status();
}

Status PostgresStore::SetAlertCursor(std::string_view channel, std::int64_t delivered) {
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  TLDMON_RETURN_IF_ERROR(MoveAlertCursor(channel, delivered));
  return txn->Commit();
}

Status PostgresStore::RecordAlertDelivery(std::string_view channel,
                                          std::optional<std::int64_t> delivered_through,
                                          std::span<const AlertDelivery> log) {
  if (channel.empty()) return InvalidArgument("an alert channel needs a name");
  for (const AlertDelivery& d : log)
    if (d.channel != channel ||
        (d.outcome != "delivered" && d.outcome != "muted" && d.outcome != "failed"))
      return InvalidArgument("alert delivery log row for channel '" + d.channel + "', outcome '" +
                             d.outcome + "': not of channel " + std::string(channel) +
                             " or not delivered/muted/failed");
  MutexLock lock(mu_);
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  if (delivered_through) TLDMON_RETURN_IF_ERROR(MoveAlertCursor(channel, *delivered_through));
  for (const AlertDelivery& d : log) {
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec(
                "INSERT INTO alert_delivery (channel, event_id, at, outcome, detail)"
                " VALUES ($1, $2, $3, $4, $5)",
                {PgParam(d.channel), PgParam(d.event_id), PgParam(static_cast<std::int64_t>(d.at)),
                 PgParam(d.outcome), PgParam(d.detail)})
            .status());
  }
  if (!log.empty()) {
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec(
                "DELETE FROM alert_delivery WHERE id <= (SELECT max(id) FROM alert_delivery) - $1",
                {PgParam(kMaxAlertDeliveries)})
            .status());
  }
  return txn->Commit();
}

Result<std::vector<AlertDelivery>> PostgresStore::AlertDeliveries(std::string_view channel,
                                                                  std::size_t limit) const {
  MutexLock lock(mu_);
  auto r = conn_->Exec(
      "SELECT id, channel, event_id, at, outcome, detail FROM alert_delivery"
      " WHERE $1 = '' OR channel = $1 ORDER BY id DESC LIMIT $2",
      {PgParam(channel), PgParam(static_cast<std::int64_t>(limit))});
  if (!r.ok()) return r.status();
  std::vector<AlertDelivery> out;
  for (int row = 0; row < r->rows(); ++row) {
    out.push_back({r->Int(row, 0), std::string(r->text(row, 1)), r->Int(row, 2), r->Int(row, 3),
                   std::string(r->text(row, 4)), std::string(r->text(row, 5))});
  }
  return out;
}

Result<std::int64_t> PostgresStore::LastAlertEventId() const {
  MutexLock lock(mu_);
  auto r = conn_->Exec("SELECT coalesce(max(id), 0) FROM alert_event");
  if (!r.ok()) return r.status();
  return r->Int(0, 0);
}

// ---- Monthly figures -----------------------------------------------------

Status PostgresStore::KeepMonthlyFigures(std::span<const MonthlyFiguresRow> rows) {
  MutexLock lock(mu_);
  std::vector<std::int64_t> ids(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string where = "monthly figures #" + std::to_string(i) + ": ";
    auto id = EntityRowId(rows[i].entity);
    if (!id.ok()) return id.status();
    if (!*id) return InvalidArgument(where + "unknown entity " + rows[i].entity.Path());
    if (MonthStart(rows[i].month) != rows[i].month)
      return InvalidArgument(where + std::to_string(rows[i].month) + " is not a month start");
    if (static_cast<int>(rows[i].test) >= kTestKindCount)
      return InvalidArgument(where + "unknown test kind");
    ids[i] = **id;
  }
  auto txn = PgTransaction::Begin(*conn_);
  if (!txn.ok()) return txn.status();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    TLDMON_RETURN_IF_ERROR(
        conn_
            ->Exec(
                "INSERT INTO monthly_figures (entity_id, month, test, body) VALUES ($1, $2, $3, $4)"
                " ON CONFLICT (entity_id, month, test) DO UPDATE SET body = EXCLUDED.body",
                {PgParam(ids[i]), PgParam(static_cast<std::int64_t>(rows[i].month)),
                 PgParam(static_cast<int>(rows[i].test)), PgParam(rows[i].body)})
            .status());
  }
  return txn->Commit();
}

Result<std::vector<MonthlyFiguresRow>> PostgresStore::KeptMonthlyFigures(
    const EntityId& entity) const {
  MutexLock lock(mu_);
  auto id = EntityRowId(entity);
  if (!id.ok()) return id.status();
  if (!*id) return NotFound("unknown entity " + entity.Path());
  auto r = conn_->Exec(
      "SELECT month, test, body FROM monthly_figures WHERE entity_id = $1 ORDER BY month, test",
      {PgParam(**id)});
  if (!r.ok()) return r.status();
  std::vector<MonthlyFiguresRow> out;
  for (int row = 0; row < r->rows(); ++row) {
    out.push_back({entity, r->Int(row, 0), static_cast<TestKind>(r->Int(row, 1)),
                   std::string(r->text(row, 2))});
  }
  return out;
}

}  // namespace tldmon::store

#include "store/store.h"

#include <set>

namespace tldmon::store {

std::string IncidentIdOf(const engine::Incident& incident) {
  // mosapi-api.md §6.5: incidentID = "<startTime>.<eventId>".
  return std::to_string(incident.start_time) + "." + std::to_string(incident.event_id);
}

Status Store::PutRecord(std::string_view kind, std::string_view key, std::string_view bytes) {
  const RecordChange change = RecordChange::Put(kind, key, bytes);
  return WriteRecords({&change, 1}).status();
}

Status Store::DeleteRecord(std::string_view kind, std::string_view key) {
  const RecordChange change = RecordChange::Delete(kind, key);
  Result<RecordWriteOutcome> done = WriteRecords({&change, 1});
  if (!done.ok()) return done.status();
  if (done->deleted == 0) {
    return NotFound("no " + std::string(kind) + " record '" + std::string(key) + "'");
  }
  return Status::Ok();
}

Result<std::vector<KeyedRecord>> Store::ListRecords(std::string_view kind,
                                                    std::string_view key_prefix) const {
  const RecordQuery query{kind, key_prefix};
  Result<std::vector<std::vector<KeyedRecord>>> read = ReadRecords({&query, 1});
  if (!read.ok()) return read.status();
  return std::move(read->front());
}

Status Store::ReplaceRecords(std::string_view kind, std::span<const KeyedRecord> records) {
  std::vector<RecordChange> changes;
  changes.reserve(records.size() + 1);
  changes.push_back(RecordChange::DeletePrefix(kind, ""));
  for (const KeyedRecord& r : records) changes.push_back(RecordChange::Put(kind, r.key, r.bytes));
  // A key twice is two puts of one key, which WriteRecords rejects.
  return WriteRecords(changes).status();
}

namespace {

// A ForEach… visitor's rows, collected.
template <typename Row, typename ForEach>
Result<std::vector<Row>> Collect(ForEach&& for_each) {
  std::vector<Row> out;
  TLDMON_RETURN_IF_ERROR(for_each([&](const Row& r) { out.push_back(r); }));
  return out;
}

}  // namespace

Result<std::vector<NsIpRtt>> Store::NsIpRtts(const EntityId& entity, UnixSeconds from,
                                             UnixSeconds to) const {
  return Collect<NsIpRtt>([&](auto visit) { return ForEachNsIpRtt(entity, from, to, visit); });
}

Result<std::vector<ProbeCycleRtt>> Store::ProbeRtts(const EntityId& entity, UnixSeconds from,
                                                    UnixSeconds to) const {
  return Collect<ProbeCycleRtt>(
      [&](auto visit) { return ForEachProbeRtt(entity, from, to, visit); });
}

Status ValidateEntityBatch(std::span<const EntityConfig> entities) {
  std::set<EntityId> seen;
  for (std::size_t i = 0; i < entities.size(); ++i) {
    const EntityConfig& e = entities[i];
    Status s = e.Validate();
    if (!s.ok()) return InvalidArgument("entity #" + std::to_string(i) + ": " + s.message());
    if (!seen.insert(e.id).second)
      return InvalidArgument("entity " + e.id.Path() + " appears twice in one PutEntities call");
  }
  return Status::Ok();
}

}  // namespace tldmon::store

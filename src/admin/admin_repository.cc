#include "admin/admin_repository.h"

#include <set>
#include <string>
#include <utility>

#include "admin/date_text.h"
#include "admin/metrica_import.h"
#include "admin/rdap_base_urls_import.h"

namespace tldmon::admin {
namespace {

Status Damaged(std::string_view kind, std::string_view key, std::string_view why) {
  return Internal("stored " + std::string(kind) + " record '" + std::string(key) +
                  "' is damaged: " + std::string(why));
}

Status CheckEntity(const EntityId& entity) {
  Status s = EntityId::ValidateId(entity.kind, entity.id);
  if (!s.ok()) return InvalidArgument("entity " + entity.Path() + ": " + s.message());
  return Status::Ok();
}

// "ry/example/": selects exactly one entity's reports (ids contain no '/').
std::string MetricaPrefix(const EntityId& entity) { return entity.Path() + "/"; }

std::string MetricaKey(const EntityId& entity, const CivilDate& date) {
  // FormatDate is fixed-width YYYY-MM-DD, so keys sort by date.
  return MetricaPrefix(entity) + FormatDate(date);
}

// Decodes a stored report and checks it is the one its key names.
Result<MetricaReport> DecodeMetrica(std::string_view key, std::string_view bytes,
                                    const EntityId& entity, const CivilDate& date) {
  Result<MetricaReport> report = ParseStoredMetricaReport(bytes);
  if (!report.ok()) return Damaged(kMetricaKind, key, report.status().message());
  if (report->entity != entity || report->domain_list_date != date) {
    return Damaged(kMetricaKind, key,
                   "it holds the report of " + report->entity.Path() + " for " +
                       FormatDate(report->domain_list_date));
  }
  return report;
}

}  // namespace

// ---------------------------------------------------------------------------
// Domain METRICA

Status AdminRepository::PutMetricaReports(const EntityId& entity,
                                          std::span<const MetricaReport> reports) {
  TLDMON_RETURN_IF_ERROR(CheckEntity(entity));
  // Keys and blobs must outlive the batch, which holds views.
  struct Encoded {
    std::string key;
    std::string blob;
    const std::string* generation;
  };
  std::vector<Encoded> encoded;
  encoded.reserve(reports.size());
  std::set<std::string> dates;
  for (const MetricaReport& r : reports) {
    const std::string date = FormatDate(r.domain_list_date);
    if (r.entity != entity) {
      return InvalidArgument("METRICA report for " + date + " belongs to " + r.entity.Path() +
                             ", not " + entity.Path());
    }
    if (!dates.insert(date).second) {
      return InvalidArgument("two METRICA reports of " + entity.Path() + " for " + date);
    }
    std::string blob = SerializeMetricaReport(r);
    // Store only what reads back as itself, so every stored report loads.
    Result<MetricaReport> back = ParseStoredMetricaReport(blob);
    if (!back.ok()) {
      return InvalidArgument("METRICA report of " + entity.Path() + " for " + date +
                             " cannot be stored: " + back.status().message());
    }
    if (*back != r) {
      return InvalidArgument("METRICA report of " + entity.Path() + " for " + date +
                             " cannot be stored: it would not read back unchanged");
    }
    encoded.push_back(
        {MetricaKey(entity, r.domain_list_date), std::move(blob), &r.domain_list_generation_date});
  }
  std::vector<store::RecordChange> changes;
  changes.reserve(2 * encoded.size());
  for (const Encoded& e : encoded) {
    changes.push_back(store::RecordChange::Put(kMetricaKind, e.key, e.blob));
    changes.push_back(store::RecordChange::Put(kMetricaIndexKind, e.key, *e.generation));
  }
  return store_.WriteRecords(changes).status();
}

Result<std::vector<DomainListEntry>> AdminRepository::MetricaDomainLists(
    const EntityId& entity) const {
  TLDMON_RETURN_IF_ERROR(CheckEntity(entity));
  const std::string prefix = MetricaPrefix(entity);
  Result<std::vector<store::KeyedRecord>> index = store_.ListRecords(kMetricaIndexKind, prefix);
  if (!index.ok()) return index.status();
  std::vector<DomainListEntry> entries;
  entries.reserve(index->size());
  for (const store::KeyedRecord& r : *index) {
    const std::optional<CivilDate> date = ParseDate(std::string_view(r.key).substr(prefix.size()));
    if (!date) return Damaged(kMetricaIndexKind, r.key, "the key does not end in a date");
    if (!ParseRfc3339(r.bytes)) {
      return Damaged(kMetricaIndexKind, r.key, "not an RFC 3339 generation date");
    }
    entries.push_back({*date, r.bytes});
  }
  return entries;
}

Result<std::optional<MetricaReport>> AdminRepository::MetricaReportOn(const EntityId& entity,
                                                                      const CivilDate& date) const {
  TLDMON_RETURN_IF_ERROR(CheckEntity(entity));
  const std::string key = MetricaKey(entity, date);
  Result<std::optional<std::string>> bytes = store_.GetRecord(kMetricaKind, key);
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return std::optional<MetricaReport>();
  Result<MetricaReport> report = DecodeMetrica(key, **bytes, entity, date);
  if (!report.ok()) return report.status();
  return std::optional<MetricaReport>(std::move(report).value());
}

Result<std::optional<MetricaReport>> AdminRepository::LatestMetricaReport(
    const EntityId& entity) const {
  Result<std::vector<DomainListEntry>> entries = MetricaDomainLists(entity);
  if (!entries.ok()) return entries.status();
  const std::optional<DomainListEntry> latest = LatestDomainList(*entries);
  if (!latest) return std::optional<MetricaReport>();
  Result<std::optional<MetricaReport>> report = MetricaReportOn(entity, latest->domain_list_date);
  if (report.ok() && !report->has_value()) {
    // Both are written in one transaction; only damage separates them.
    return Damaged(kMetricaIndexKind, MetricaKey(entity, latest->domain_list_date),
                   "it lists a report that is not stored");
  }
  return report;
}

// ---------------------------------------------------------------------------
// RDAP base URL list

Status AdminRepository::PutRdapBaseUrlList(const RdapBaseUrlList& list) {
  TLDMON_RETURN_IF_ERROR(ValidateRdapBaseUrlList(list));
  const std::string blob = RenderRdapBaseUrlList(list);
  return store_.PutRecord(kRdapBaseUrlsKind, kRdapBaseUrlsKey, blob);
}

Result<std::optional<RdapBaseUrlList>> AdminRepository::RdapBaseUrls() const {
  Result<std::optional<std::string>> bytes = store_.GetRecord(kRdapBaseUrlsKind, kRdapBaseUrlsKey);
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return std::optional<RdapBaseUrlList>();
  Result<RdapBaseUrlList> list = ParseStoredRdapBaseUrlList(**bytes);
  if (!list.ok()) return Damaged(kRdapBaseUrlsKind, kRdapBaseUrlsKey, list.status().message());
  return std::optional<RdapBaseUrlList>(std::move(list).value());
}

// ---------------------------------------------------------------------------
// Maintenance windows

Result<MaintenanceSchedule> AdminRepository::LoadMaintenance(const EntityId& entity) const {
  TLDMON_RETURN_IF_ERROR(CheckEntity(entity));
  const std::string key = entity.Path();
  Result<std::optional<std::string>> bytes = store_.GetRecord(kMaintenanceKind, key);
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return MaintenanceSchedule();
  Result<MaintenanceSchedule> schedule = MaintenanceSchedule::Deserialize(**bytes);
  if (!schedule.ok()) return Damaged(kMaintenanceKind, key, schedule.status().message());
  return schedule;
}

Status AdminRepository::SaveMaintenance(const EntityId& entity,
                                        const MaintenanceSchedule& schedule) {
  TLDMON_RETURN_IF_ERROR(CheckEntity(entity));
  const std::string key = entity.Path();
  if (schedule.size() == 0) {
    // Absent and empty mean the same; keep no record (an absent one is fine).
    const store::RecordChange remove = store::RecordChange::Delete(kMaintenanceKind, key);
    return store_.WriteRecords({&remove, 1}).status();
  }
  return store_.PutRecord(kMaintenanceKind, key, schedule.Serialize());
}

Result<std::map<EntityId, MaintenanceSchedule>> AdminRepository::LoadAllMaintenance() const {
  Result<std::vector<store::KeyedRecord>> records = store_.ListRecords(kMaintenanceKind);
  if (!records.ok()) return records.status();
  std::map<EntityId, MaintenanceSchedule> out;
  for (const store::KeyedRecord& r : *records) {
    Result<EntityId> entity = EntityId::Parse(r.key);
    if (!entity.ok()) return Damaged(kMaintenanceKind, r.key, "the key is not an entity");
    Result<MaintenanceSchedule> schedule = MaintenanceSchedule::Deserialize(r.bytes);
    if (!schedule.ok()) return Damaged(kMaintenanceKind, r.key, schedule.status().message());
    out.emplace(std::move(entity).value(), std::move(schedule).value());
  }
  return out;
}

}  // namespace tldmon::admin

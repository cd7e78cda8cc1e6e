// AdminRepository: persists the admin-fed MoSAPI data in the Store's keyed
// records (store/keyed_record.h), so `tldmon admin` writes it and
// `tldmon serve` reads it (docs/formats/store-schema.md "Keyed records"):
//   kind "metrica"         key "<entity path>/<YYYY-MM-DD>"  SerializeMetricaReport
//   kind "metrica.index"   same key                          domainListGenerationDate
//   kind "rdap_base_urls"  key "current"                     RenderRdapBaseUrlList
//   kind "maintenance"     key "<entity path>"               MaintenanceSchedule::Serialize
// A METRICA report and its index entry are written in one transaction, so
// the index always lists exactly the stored reports and a listing
// (`metrica/domainLists`, mosapi-api.md §6.11) never reads report bodies.
//
// Every read validates what it decodes: a damaged record is Internal naming
// the kind and key, never a crash and never a half-read result.
//
// Ownership and threads: holds a reference to `store`, which must outlive it;
// as thread-safe as the Store. Read-modify-write sequences of a caller (load
// a schedule, change it, save it) are not atomic: the last save wins.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "admin/maintenance_schedule.h"
#include "admin/metrica_listing.h"
#include "admin/metrica_report.h"
#include "admin/rdap_base_urls.h"
#include "core/entity_id.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::admin {

inline constexpr std::string_view kMetricaKind = "metrica";
inline constexpr std::string_view kMetricaIndexKind = "metrica.index";
inline constexpr std::string_view kRdapBaseUrlsKind = "rdap_base_urls";
inline constexpr std::string_view kRdapBaseUrlsKey = "current";
inline constexpr std::string_view kMaintenanceKind = "maintenance";

class AdminRepository {
 public:
  explicit AdminRepository(store::Store& store) : store_(store) {}

  // ---- Domain METRICA (mosapi-api.md §6.11) ----

  // Stores `reports` of `entity` in one transaction; a report for a date
  // already stored replaces it. InvalidArgument, writing nothing, if the
  // entity id is invalid, a report belongs to another entity, two reports
  // share a date, or a report would not read back equal to itself
  // (ParseStoredMetricaReport, e.g. an empty domainListGenerationDate).
  Status PutMetricaReports(const EntityId& entity, std::span<const MetricaReport> reports);

  // The stored reports of `entity` as listing entries, ascending by date —
  // the input of DomainListsResponse / LatestDomainList.
  Result<std::vector<DomainListEntry>> MetricaDomainLists(const EntityId& entity) const;

  // The report of `entity` for `date`; nullopt if none is stored (404).
  Result<std::optional<MetricaReport>> MetricaReportOn(const EntityId& entity,
                                                       const CivilDate& date) const;

  // The report with the newest domainListDate ("latest"); nullopt if none.
  Result<std::optional<MetricaReport>> LatestMetricaReport(const EntityId& entity) const;

  // ---- Registrars' RDAP base URL list (mosapi-api.md §6.13) ----

  // Replaces the stored list. InvalidArgument if it fails
  // ValidateRdapBaseUrlList.
  Status PutRdapBaseUrlList(const RdapBaseUrlList& list);
  // The stored list; nullopt if none was ever imported.
  Result<std::optional<RdapBaseUrlList>> RdapBaseUrls() const;

  // ---- Maintenance windows (mosapi-api.md §6.7) ----

  // The stored schedule of `entity`; empty if it has none.
  Result<MaintenanceSchedule> LoadMaintenance(const EntityId& entity) const;
  // Replaces the schedule of `entity`; an empty schedule removes the record.
  Status SaveMaintenance(const EntityId& entity, const MaintenanceSchedule& schedule);
  // Every entity's non-empty schedule (for the server's start-up).
  Result<std::map<EntityId, MaintenanceSchedule>> LoadAllMaintenance() const;

 private:
  store::Store& store_;
};

}  // namespace tldmon::admin

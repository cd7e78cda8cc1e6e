// The `metrica/domainLists` listing and "latest" selection of Domain METRICA
// (mosapi-api.md §6.11). Works on light entries (date + generation date) so a
// caller can keep an index without holding every report in memory.
//
// Pure and thread-safe; "now" is a parameter.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/date_range.h"
#include "admin/extended_error.h"
#include "core/status.h"
#include "admin/metrica_report.h"
#include "core/entity_id.h"
#include "core/time.h"

namespace tldmon::admin {

struct DomainListEntry {
  CivilDate domain_list_date;
  std::string domain_list_generation_date;  // RFC 3339, as stored
  friend bool operator==(const DomainListEntry&, const DomainListEntry&) = default;
};

DomainListEntry EntryOf(const MetricaReport& report);

// The entry with the newest domainListDate ("latest" of §6.11), or nullopt
// when there is none (the endpoint answers 404).
std::optional<DomainListEntry> LatestDomainList(const std::vector<DomainListEntry>& entries);

// Entries whose date lies in `range` (both ends inclusive, see DateRange),
// newest first.
std::vector<DomainListEntry> SelectDomainLists(std::vector<DomainListEntry> entries,
                                               const DateRange& range);

// {"version":2,"tld":"example"|"ianaId":9999,"domainLists":[{"domainListDate":
// "2018-12-12","domainListGenerationDate":"2018-12-13T23:20:50.52Z"},...]},
// entries in the order given.
std::string RenderDomainLists(const EntityId& entity, const std::vector<DomainListEntry>& entries);

// The whole `GET .../metrica/domainLists[?startDate=&endDate=]` answer: the
// date range validated (ValidateDateRange, DateForm::kCalendarDate; codes
// 2011-2014), then the selected entries rendered. `start_date`/`end_date` are
// the raw query values (nullopt = absent).
Result<std::string, ExtendedError> DomainListsResponse(const EntityId& entity,
                                                 std::vector<DomainListEntry> entries,
                                                 std::optional<std::string_view> start_date,
                                                 std::optional<std::string_view> end_date,
                                                 UnixSeconds now);

}  // namespace tldmon::admin

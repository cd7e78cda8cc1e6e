#include "admin/metrica_listing.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "admin/date_text.h"
#include "admin/entity_field.h"

namespace tldmon::admin {

DomainListEntry EntryOf(const MetricaReport& report) {
  return DomainListEntry{report.domain_list_date, report.domain_list_generation_date};
}

std::optional<DomainListEntry> LatestDomainList(const std::vector<DomainListEntry>& entries) {
  std::optional<DomainListEntry> latest;
  for (const DomainListEntry& e : entries) {
    if (!latest || FromCivilDate(e.domain_list_date) > FromCivilDate(latest->domain_list_date)) {
      latest = e;
    }
  }
  return latest;
}

std::vector<DomainListEntry> SelectDomainLists(std::vector<DomainListEntry> entries,
                                               const DateRange& range) {
  std::erase_if(entries, [&](const DomainListEntry& e) {
    return !range.Contains(FromCivilDate(e.domain_list_date));
  });
  std::stable_sort(entries.begin(), entries.end(),
                   [](const DomainListEntry& a, const DomainListEntry& b) {
                     return FromCivilDate(a.domain_list_date) > FromCivilDate(b.domain_list_date);
                   });
  return entries;
}

std::string RenderDomainLists(const EntityId& entity, const std::vector<DomainListEntry>& entries) {
  using OrderedJson = nlohmann::ordered_json;
  OrderedJson out;
  out["version"] = 2;
  AppendEntityField(out, entity, "ianaId");
  OrderedJson lists = OrderedJson::array();
  for (const DomainListEntry& e : entries) {
    OrderedJson item;
    item["domainListDate"] = FormatDate(e.domain_list_date);
    item["domainListGenerationDate"] = e.domain_list_generation_date;
    lists.push_back(std::move(item));
  }
  out["domainLists"] = std::move(lists);
  return out.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

Result<std::string, ExtendedError> DomainListsResponse(const EntityId& entity,
                                                 std::vector<DomainListEntry> entries,
                                                 std::optional<std::string_view> start_date,
                                                 std::optional<std::string_view> end_date,
                                                 UnixSeconds now) {
  Result<DateRange, ExtendedError> range =
      ValidateDateRange(start_date, end_date, DateForm::kCalendarDate, now);
  if (!range.ok()) return range.error();
  return RenderDomainLists(entity, SelectDomainLists(std::move(entries), *range));
}

}  // namespace tldmon::admin

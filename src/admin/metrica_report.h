// Domain METRICA reports (mosapi-api.md §6.11): per entity and day, the
// domains flagged per threat type. Plain data, copied freely; imported by
// `tldmon admin metrica import` (docs/formats/metrica-import.md), kept by the
// store as the blob SerializeMetricaReport produces, served as the report
// object of `metrica/domainList/{latest,<date>}`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/entity_id.h"
#include "core/time.h"

namespace tldmon::admin {

// count == -1: the threat type is disabled / not monitored (then `domains`
// is empty); otherwise `domains` lists at most `count` names.
inline constexpr std::int64_t kThreatTypeDisabled = -1;

struct ThreatData {
  std::string threat_type;  // "spam", "phishing", "botnetCc", "malware", ...
  std::int64_t count = 0;
  std::vector<std::string> domains;  // as imported (order and case kept)
  friend bool operator==(const ThreatData&, const ThreatData&) = default;
};

struct MetricaReport {
  EntityId entity;             // `tld` (registry) or `ianaId` (registrar)
  CivilDate domain_list_date;  // the day the report covers
  std::int64_t unique_abuse_domains = 0;
  std::vector<ThreatData> domain_list_data;  // in imported order
  // RFC 3339 date-time as imported (e.g. "2018-12-13T23:20:50.52Z"), or the
  // import time "YYYY-MM-DDTHH:MM:SSZ" when the file had none. Shown only in
  // the `domainLists` listing.
  std::string domain_list_generation_date;
  friend bool operator==(const MetricaReport&, const MetricaReport&) = default;
};

// The report object of §6.11, compact, fields in this order: version (2),
// tld | ianaId (string | number), domainListDate, uniqueAbuseDomains,
// domainListData[{threatType, count, domains}]. Neither domainsInZone nor
// totalDomains (project default), no domainListGenerationDate.
std::string RenderMetricaReport(const MetricaReport& report);

// The storage blob: the report object plus "domainListGenerationDate" after
// "domainListDate" — i.e. one report in the import format, so the store's copy
// is readable with the same parser. Lossless: ParseStoredMetricaReport
// (metrica_import.h) of the result equals `report`.
std::string SerializeMetricaReport(const MetricaReport& report);

}  // namespace tldmon::admin

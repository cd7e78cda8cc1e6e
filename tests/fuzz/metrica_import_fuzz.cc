// Fuzz target for Domain METRICA import files (ParseMetricaImport,
// docs/formats/metrica-import.md) and the store's report blobs
// (ParseStoredMetricaReport). The input is the file's bytes.
//
// Invariants (abort when one fails):
//   * a rejection carries a message;
//   * every accepted report is for the import's entity, has a generation
//     date, and survives its storage round trip (SerializeMetricaReport, then
//     ParseStoredMetricaReport) unchanged, as does an accepted stored blob;
//   * no two accepted reports share a domainListDate; counts are -1 or
//     at least the number of domains listed.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>
#include <tuple>
#include <vector>

#include "admin/metrica_import.h"
#include "admin/metrica_report.h"
#include "core/entity_id.h"
#include "fuzz_check.h"

namespace {

using namespace tldmon;         // NOLINT
using namespace tldmon::admin;  // NOLINT

constexpr UnixSeconds kImportTime = 1767225600;  // 2026-01-01T00:00:00Z

void CheckRoundTrip(const MetricaReport& report) {
  const Result<MetricaReport> back = ParseStoredMetricaReport(SerializeMetricaReport(report));
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == report);
}

void CheckImport(std::string_view input, const EntityId& target) {
  MetricaImportLimits limits;
  limits.max_domains = 10'000;
  const Result<std::vector<MetricaReport>> r =
      ParseMetricaImport(input, target, kImportTime, limits);
  if (!r.ok()) {
    FUZZ_CHECK(!r.status().message().empty());
    return;
  }
  FUZZ_CHECK(!r->empty() && r->size() <= limits.max_reports);
  std::set<std::tuple<int, int, int>> dates;
  for (const MetricaReport& report : *r) {
    FUZZ_CHECK(report.entity == target);
    FUZZ_CHECK(!report.domain_list_generation_date.empty());
    FUZZ_CHECK(report.domain_list_data.size() <= limits.max_threat_types);
    for (const ThreatData& t : report.domain_list_data) {
      FUZZ_CHECK(t.count == kThreatTypeDisabled ||
                 (t.count >= 0 && static_cast<std::uint64_t>(t.count) >= t.domains.size()));
      FUZZ_CHECK(t.count != kThreatTypeDisabled || t.domains.empty());
    }
    const CivilDate& d = report.domain_list_date;
    FUZZ_CHECK(dates.insert({d.year, d.month, d.day}).second);
    CheckRoundTrip(report);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckImport(input, EntityId{EntityKind::kRegistry, "example"});
  CheckImport(input, EntityId{EntityKind::kRegistrar, "9999"});
  const Result<MetricaReport> stored = ParseStoredMetricaReport(input);
  if (stored.ok())
    CheckRoundTrip(*stored);
  else
    FUZZ_CHECK(!stored.status().message().empty());
  return 0;
}

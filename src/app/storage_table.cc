#include "app/storage_table.h"

#include <fmt/format.h>

#include "core/time.h"

namespace tldmon::app {
namespace {

std::string DayText(UnixSeconds day) { return FormatIso8601(day).substr(0, 10); }

std::string Bytes(std::int64_t n) {
  if (n < 10 * 1024) return fmt::format("{} B", n);
  if (n < 10 * 1024 * 1024) return fmt::format("{:.1f} KiB", static_cast<double>(n) / 1024);
  return fmt::format("{:.1f} MiB", static_cast<double>(n) / (1024 * 1024));
}

std::string PerMetric(std::int64_t bytes, std::int64_t metrics) {
  return metrics == 0
             ? "-"
             : fmt::format("{:.2f}", static_cast<double>(bytes) / static_cast<double>(metrics));
}

}  // namespace

std::string StorageForm(const store::DayStorage& d) {
  if (d.raw_reports > 0 && d.compacted_reports > 0) return "mixed";
  return d.compacted_reports > 0 ? "compacted" : "raw";
}

void PrintStorageTable(std::ostream& out, const std::vector<store::DayStorage>& days) {
  constexpr const char* kFormat = "{:<10} {:<9} {:>12} {:>13} {:>11} {:>12}\n";
  out << fmt::format(kFormat, "DAY", "FORM", "REPORTS", "METRICS", "BYTES", "BYTES/METRIC");
  store::DayStorage total;
  for (const store::DayStorage& d : days) {
    const std::int64_t bytes = d.raw_bytes + d.compacted_bytes;
    const std::int64_t metrics = d.raw_metrics + d.compacted_metrics;
    out << fmt::format(kFormat, DayText(d.day), StorageForm(d), d.raw_reports + d.compacted_reports,
                       metrics, Bytes(bytes), PerMetric(bytes, metrics));
    total.raw_reports += d.raw_reports + d.compacted_reports;
    total.raw_metrics += metrics;
    total.raw_bytes += bytes;
  }
  out << fmt::format(kFormat, "TOTAL", fmt::format("{} days", days.size()), total.raw_reports,
                     total.raw_metrics, Bytes(total.raw_bytes),
                     PerMetric(total.raw_bytes, total.raw_metrics));
}

nlohmann::json StorageRowsJson(const std::vector<store::DayStorage>& days) {
  nlohmann::json out = nlohmann::json::array();
  for (const store::DayStorage& d : days)
    out.push_back({{"day", DayText(d.day)},
                   {"form", StorageForm(d)},
                   {"reports", d.raw_reports + d.compacted_reports},
                   {"metrics", d.raw_metrics + d.compacted_metrics},
                   {"bytes", d.raw_bytes + d.compacted_bytes},
                   {"rawReports", d.raw_reports},
                   {"compactedReports", d.compacted_reports},
                   {"rawBytes", d.raw_bytes},
                   {"compactedBytes", d.compacted_bytes}});
  return out;
}

}  // namespace tldmon::app

#include "admin/metrica_report.h"

#include <nlohmann/json.hpp>

#include "admin/date_text.h"
#include "admin/entity_field.h"

namespace tldmon::admin {
namespace {

using ReportJson = nlohmann::ordered_json;

ReportJson ReportObject(const MetricaReport& report, bool with_generation_date) {
  ReportJson out;
  out["version"] = 2;
  AppendEntityField(out, report.entity, "ianaId");
  out["domainListDate"] = FormatDate(report.domain_list_date);
  if (with_generation_date) out["domainListGenerationDate"] = report.domain_list_generation_date;
  out["uniqueAbuseDomains"] = report.unique_abuse_domains;
  ReportJson data = ReportJson::array();
  for (const ThreatData& threat : report.domain_list_data) {
    ReportJson entry;
    entry["threatType"] = threat.threat_type;
    entry["count"] = threat.count;
    entry["domains"] = threat.domains;
    data.push_back(std::move(entry));
  }
  out["domainListData"] = std::move(data);
  return out;
}

std::string Dump(const ReportJson& value) {
  // Imported strings are validated UTF-8; `replace` only guards against a
  // struct filled by other code, so dump() can never throw.
  return value.dump(-1, ' ', false, ReportJson::error_handler_t::replace);
}

}  // namespace

std::string RenderMetricaReport(const MetricaReport& report) {
  return Dump(ReportObject(report, /*with_generation_date=*/false));
}

std::string SerializeMetricaReport(const MetricaReport& report) {
  return Dump(ReportObject(report, /*with_generation_date=*/true));
}

}  // namespace tldmon::admin

#include "rri/report_type.h"

namespace tldmon::rri {

std::string_view ReportTypeName(ReportType type) {
  switch (type) {
    case ReportType::kRegistrarTransactions: return "registrar-transactions";
    case ReportType::kRegistryFunctionsActivity: return "registry-functions-activity";
    case ReportType::kEscrowReport: return "registry-escrow-report";
    case ReportType::kEscrowNotification: return "escrow-agent-notification";
  }
  return "";
}

std::optional<ReportType> ParseReportType(std::string_view name) {
  for (int i = 0; i < kReportTypeCount; ++i) {
    const auto t = static_cast<ReportType>(i);
    if (ReportTypeName(t) == name) return t;
  }
  return std::nullopt;
}

}  // namespace tldmon::rri

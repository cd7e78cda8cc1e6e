// The four kinds of upload the RRI receives (rri.md §2), named by the URL
// segment that carries them: /report/<name>/<tld>/...
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tldmon::rri {

enum class ReportType : std::uint8_t {
  kRegistrarTransactions = 0,      // Spec 3 §1, CSV, per month
  kRegistryFunctionsActivity = 1,  // Spec 3 §2, CSV, per month
  kEscrowReport = 2,               // Spec 2 deposit report, rdeReport XML, per deposit id
  kEscrowNotification = 3,         // the escrow agent's rdeNotification XML, per day
};
inline constexpr int kReportTypeCount = 4;

// "registrar-transactions", "registry-functions-activity",
// "registry-escrow-report", "escrow-agent-notification".
std::string_view ReportTypeName(ReportType type);
std::optional<ReportType> ParseReportType(std::string_view name);
// Whether the type is one of the two monthly CSV reports.
inline bool IsMonthly(ReportType type) {
  return type == ReportType::kRegistrarTransactions ||
         type == ReportType::kRegistryFunctionsActivity;
}

}  // namespace tldmon::rri

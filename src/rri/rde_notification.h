// The escrow agent's notification `rdeNotification:notification` (rri.md
// §6: deaName, version, repDate, status DVPN|DVFN|DRFN, then optional
// reDate, vaDate, lastFullDate and an embedded rdeReport:report) and its
// checks: 2001 (schema), 2005 (version), 2004 (repDate after today),
// 2008 (before the TLD's creation), and an embedded report's checks
// (rde_report.h; without the URL id and DIFF rules).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"
#include "rri/rde_report.h"
#include "rri/rri_result.h"

namespace tldmon::rri {

inline constexpr std::string_view kRdeNotificationNamespace =
    "urn:ietf:params:xml:ns:rdeNotification-1.0";

enum class NotificationStatus : std::uint8_t {
  kDvpn,  // deposit verified positively
  kDvfn,  // deposit verification failed
  kDrfn,  // no new deposit received (lastFullDate names the last FULL held)
};
std::string_view NotificationStatusName(NotificationStatus s);  // "DVPN", "DVFN", "DRFN"

struct RdeNotification {
  std::string dea_name;
  int version = 0;
  CivilDate rep_date;
  NotificationStatus status = NotificationStatus::kDvpn;
  std::optional<UnixSeconds> re_date, va_date;
  std::optional<CivilDate> last_full_date;
  std::optional<RdeReport> report;
};

struct NotificationContext {
  std::string tld;
  UnixSeconds now = 0;
  std::optional<UnixSeconds> tld_created;
};

Verdict ValidateEscrowNotification(std::string_view body, const NotificationContext& ctx,
                                   RdeNotification* parsed);

}  // namespace tldmon::rri

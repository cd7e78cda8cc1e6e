// What the RRI knows of a TLD beyond tldmon's monitoring configuration
// (`tldmon admin rri set`; docs/rri.md "Per-TLD settings"). ICANN holds these
// in its own records; tldmon cannot know them, so each is optional and a
// check that needs an unset value is not made:
//   created          the TLD's creation (delegation) date: uploads for an
//                    earlier month or date are 2008
//   disabled         interfaces disabled for the TLD: uploads are 2007
//   deposit_schedule what the reporting summary says and which days a
//                    deposit report is expected (None, Weekly, Daily)
//   tracked_from     the first day obligations are tracked (missing deposit,
//                    no report received); unset: the earliest day its uploads
//                    speak of (reporting_status.h), so a TLD that never uses
//                    the RRI is not shown as failing every obligation
#pragma once

#include <bitset>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"
#include "rri/report_type.h"

namespace tldmon::rri {

enum class DepositSchedule : std::uint8_t { kNone, kWeekly, kDaily };
std::string_view DepositScheduleName(DepositSchedule s);  // "None", "Weekly", "Daily"
std::optional<DepositSchedule> ParseDepositSchedule(std::string_view name);  // case-insensitive

struct TldSettings {
  std::string tld;
  std::optional<CivilDate> created;
  std::bitset<kReportTypeCount> disabled;
  DepositSchedule deposit_schedule = DepositSchedule::kDaily;
  std::optional<CivilDate> tracked_from;

  bool Enabled(ReportType t) const { return !disabled.test(static_cast<std::size_t>(t)); }
  // The first second of `created`, if set.
  std::optional<UnixSeconds> CreatedAt() const;
  friend bool operator==(const TldSettings&, const TldSettings&) = default;
};

// The stored form (a JSON object) and back; Parse fails on anything else.
std::string SerializeTldSettings(const TldSettings& s);
Result<TldSettings> ParseTldSettings(std::string_view bytes);

}  // namespace tldmon::rri

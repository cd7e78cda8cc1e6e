// The reporting obligations of one TLD as of now (rri.md §7): what
// `GET /info/status/registry/<tld>` answers, the dashboard's "reporting
// obligations" panel shows and `tldmon admin rri list` prints. Pure.
//
// Project defaults (ICANN's exact rules are not public; docs/rri.md):
//   * Obligations are tracked from TldSettings::tracked_from, or else from
//     the earliest day the TLD's uploads speak of: a deposit's watermark
//     date, a notification's repDate, the day a monthly report was
//     received (a TLD that never used the RRI has nothing tracked); and at
//     most `lookback_days` back.
//   * Deposits (Specification 2): with a Daily schedule a FULL deposit every
//     Sunday and a deposit of any kind every other day; Weekly: a FULL every
//     Sunday; None: nothing. A deposit is named by its watermark's UTC date
//     and is due by the end of the following day: "Missing_Deposit_Full" /
//     "Missing_Deposit_Diff" after that.
//   * The escrow agent's notification of day D is due by the end of D+1
//     ("No_Report_Received"); its status DVFN reads "Invalid_Deposit_Full"
//     (Sunday) or "Invalid_Deposit_Diff", DRFN "Missing_Deposit_Full/Diff".
//   * Monthly reports (Specification 3) are due "within 20 days following
//     the end of each calendar month": a month's report missing at its
//     cut-off (MonthlyCutOff) is "No_Report_Received", dated the month's
//     first day — for the months whose cut-off falls after tracking began.
// Paths and statuses are production's spellings: Full, Diff, Dea, PRTR,
// RFAR and Registry (all of them); "ok" or "unsatisfactory".
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/time.h"
#include "rri/rri_repository.h"
#include "rri/tld_settings.h"

namespace tldmon::rri {

// The end of the cut-off day of the month starting at `month_start`: after
// it a stored report of that month cannot be replaced (2002) and a missing
// one is an issue. 20 days after the month ends.
UnixSeconds MonthlyCutOff(UnixSeconds month_start);

struct ObligationIssue {
  CivilDate date;
  std::string description;  // Missing_Deposit_Full, ..., No_Report_Received
  friend bool operator==(const ObligationIssue&, const ObligationIssue&) = default;
};

struct Obligation {
  std::string path;  // Full, Diff, Dea, PRTR, RFAR, Registry
  bool enabled = true;
  std::vector<ObligationIssue> issues;  // newest first
  bool ok() const { return issues.empty(); }
};

struct ReportingSummary {
  std::string tld;
  UnixSeconds created = 0;                // when this summary was made (now)
  std::optional<CivilDate> tracked_from;  // nullopt: nothing tracked yet
  DepositSchedule deposit_schedule = DepositSchedule::kDaily;
  std::optional<CivilDate> last_full_date;
  std::vector<Obligation> obligations;    // Full, Diff, Dea, PRTR, RFAR, Registry
  std::size_t uploads = 0;                // stored uploads of the TLD
  bool ok() const;
};

inline constexpr int kDefaultLookbackDays = 31;

ReportingSummary SummarizeReporting(const TldSettings& settings,
                                    std::span<const ReportEntry> entries, UnixSeconds now,
                                    int lookback_days = kDefaultLookbackDays);

// Production's JSON ({"tld":{"name"},"paths":[{"path","status"}],"created"}),
// each path also carrying "enabled" and its "issues" ({"date","description"}).
std::string RenderSummaryJson(const ReportingSummary& summary);

}  // namespace tldmon::rri

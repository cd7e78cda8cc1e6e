#include "rri/reporting_status.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "admin/date_text.h"

namespace tldmon::rri {
namespace {

constexpr UnixSeconds kDay = 86400;

bool IsSunday(UnixSeconds day_start) {
  // 1970-01-01 was a Thursday: day 3 after it is the first Sunday.
  return FloorMod(day_start / kDay, 7) == 3;
}

std::string DateText(UnixSeconds t) { return admin::FormatDate(ToCivilDate(t)); }

Obligation& Path(std::vector<Obligation>& all, const char* name) {
  for (Obligation& o : all)
    if (o.path == name) return o;
  all.push_back(Obligation{name, true, {}});
  return all.back();
}

}  // namespace

UnixSeconds MonthlyCutOff(UnixSeconds month_start) {
  return NextMonthStart(month_start) + 20 * kDay;
}

bool ReportingSummary::ok() const {
  return std::all_of(obligations.begin(), obligations.end(),
                     [](const Obligation& o) { return o.ok(); });
}

ReportingSummary SummarizeReporting(const TldSettings& settings,
                                    std::span<const ReportEntry> entries, UnixSeconds now,
                                    int lookback_days) {
  ReportingSummary s;
  s.tld = settings.tld;
  s.created = now;
  s.deposit_schedule = settings.deposit_schedule;
  s.uploads = entries.size();
  for (const char* p : {"Full", "Diff", "Dea", "PRTR", "RFAR"}) Path(s.obligations, p);
  Path(s.obligations, "Full").enabled = settings.Enabled(ReportType::kEscrowReport);
  Path(s.obligations, "Diff").enabled = settings.Enabled(ReportType::kEscrowReport) &&
                                        settings.deposit_schedule == DepositSchedule::kDaily;
  // The agent's notices are about deposits: not expected where deposit
  // reports are disabled.
  Path(s.obligations, "Dea").enabled = settings.Enabled(ReportType::kEscrowNotification) &&
                                       settings.Enabled(ReportType::kEscrowReport);
  Path(s.obligations, "PRTR").enabled = settings.Enabled(ReportType::kRegistrarTransactions);
  Path(s.obligations, "RFAR").enabled = settings.Enabled(ReportType::kRegistryFunctionsActivity);

  // What was received, by day / month.
  std::map<std::string, std::string> deposit_by_date;  // date -> "FULL" if any FULL, else a kind
  std::map<std::string, const ReportEntry*> notice_by_date;  // the latest received
  std::map<std::string, bool> monthly[2];
  UnixSeconds first_upload = 0;
  for (const ReportEntry& e : entries) {
    // Where reporting began: the earliest day a deposit or a notification
    // speaks of, or an upload (a monthly report) was received.
    UnixSeconds began = e.first_received;
    if (!IsMonthly(e.type))
      if (std::optional<CivilDate> d = ParseDate(e.date)) began = std::min(began, FromCivilDate(*d));
    if (first_upload == 0 || began < first_upload) first_upload = began;
    switch (e.type) {
      case ReportType::kEscrowReport: {
        std::string& k = deposit_by_date[e.date];
        if (k != "FULL") k = e.deposit_kind;
        if (e.deposit_kind == "FULL") {
          std::optional<CivilDate> d = ParseDate(e.date);
          if (d && (!s.last_full_date || FromCivilDate(*d) > FromCivilDate(*s.last_full_date)))
            s.last_full_date = d;
        }
        break;
      }
      case ReportType::kEscrowNotification: {
        const ReportEntry*& n = notice_by_date[e.date];
        if (n == nullptr || e.received > n->received) n = &e;
        break;
      }
      case ReportType::kRegistrarTransactions: monthly[0][e.date] = true; break;
      case ReportType::kRegistryFunctionsActivity: monthly[1][e.date] = true; break;
    }
  }
  if (settings.tracked_from) s.tracked_from = settings.tracked_from;
  else if (first_upload != 0) s.tracked_from = ToCivilDate(first_upload);

  if (s.tracked_from) {
    const UnixSeconds today = now - FloorMod(now, kDay);
    const UnixSeconds from = std::max(FromCivilDate(*s.tracked_from), today - lookback_days * kDay);
    // Days whose deposit and notification were due by now (end of D+1).
    for (UnixSeconds day = today - 2 * kDay; day >= from; day -= kDay) {
      const std::string date = DateText(day);
      const bool sunday = IsSunday(day);
      const CivilDate civil = ToCivilDate(day);
      if (s.deposit_schedule != DepositSchedule::kNone) {
        auto it = deposit_by_date.find(date);
        Obligation& full = Path(s.obligations, "Full");
        Obligation& diff = Path(s.obligations, "Diff");
        if (sunday && full.enabled && (it == deposit_by_date.end() || it->second != "FULL"))
          full.issues.push_back({civil, "Missing_Deposit_Full"});
        if (!sunday && diff.enabled && it == deposit_by_date.end())
          diff.issues.push_back({civil, "Missing_Deposit_Diff"});
        Obligation& dea = Path(s.obligations, "Dea");
        if (dea.enabled) {
          auto n = notice_by_date.find(date);
          if (n == notice_by_date.end()) {
            dea.issues.push_back({civil, "No_Report_Received"});
          } else if (n->second->notification_status == "DVFN") {
            dea.issues.push_back({civil, sunday ? "Invalid_Deposit_Full" : "Invalid_Deposit_Diff"});
          } else if (n->second->notification_status == "DRFN") {
            dea.issues.push_back({civil, sunday ? "Missing_Deposit_Full" : "Missing_Deposit_Diff"});
          }
        }
      }
    }
    // Months whose cut-off has passed since tracking began (at most twelve).
    const UnixSeconds tracked = FromCivilDate(*s.tracked_from);
    UnixSeconds month = MonthStart(now);
    for (int i = 0; i < 13 && MonthlyCutOff(month) > tracked; ++i) {
      if (MonthlyCutOff(month) <= now) {
        const CivilDate first = ToCivilDate(month);
        const std::string ym = DateText(month).substr(0, 7);
        const char* paths[2] = {"PRTR", "RFAR"};
        for (int k = 0; k < 2; ++k) {
          Obligation& o = Path(s.obligations, paths[k]);
          if (o.enabled && !monthly[k].count(ym)) o.issues.push_back({first, "No_Report_Received"});
        }
      }
      month = MonthStart(month - 1);
    }
  }
  Obligation registry{"Registry", true, {}};
  for (const Obligation& o : s.obligations)
    if (!o.ok()) registry.issues.insert(registry.issues.end(), o.issues.begin(), o.issues.end());
  // The Registry path only says whether anything is wrong; its issues are the others'.
  s.obligations.push_back(std::move(registry));
  return s;
}

std::string RenderSummaryJson(const ReportingSummary& summary) {
  nlohmann::ordered_json j;
  j["tld"] = {{"name", summary.tld}};
  nlohmann::ordered_json paths = nlohmann::ordered_json::array();
  for (const Obligation& o : summary.obligations) {
    nlohmann::ordered_json p;
    p["path"] = o.path;
    p["status"] = o.ok() ? "ok" : "unsatisfactory";
    p["enabled"] = o.enabled;
    nlohmann::ordered_json issues = nlohmann::ordered_json::array();
    if (o.path != "Registry")
      for (const ObligationIssue& i : o.issues)
        issues.push_back({{"date", admin::FormatDate(i.date)}, {"description", i.description}});
    p["issues"] = issues;
    paths.push_back(p);
  }
  j["paths"] = paths;
  j["depositSchedule"] = std::string(DepositScheduleName(summary.deposit_schedule));
  j["lastFullDate"] = summary.last_full_date ? nlohmann::ordered_json(admin::FormatDate(*summary.last_full_date))
                                             : nlohmann::ordered_json(nullptr);
  j["trackedFrom"] = summary.tracked_from ? nlohmann::ordered_json(admin::FormatDate(*summary.tracked_from))
                                          : nlohmann::ordered_json(nullptr);
  j["created"] = FormatIso8601(summary.created);
  return j.dump();
}

}  // namespace tldmon::rri

#include "rri/rri_intake.h"

#include <cstdio>

#include "admin/date_text.h"
#include "rri/monthly_report.h"
#include "rri/rde_notification.h"
#include "rri/rde_report.h"
#include "rri/reporting_status.h"

namespace tldmon::rri {
namespace {

// FNV-1a: tells two notifications received in the same second apart (and
// makes a retried identical one the same record).
std::string BodyHash(std::string_view body) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

ReportEntry NewEntry(const RriRoute& route, std::string period, std::string_view body,
                     const IntakeContext& ctx, const std::optional<ReportEntry>& previous) {
  ReportEntry e;
  e.tld = route.tld;
  e.type = route.type;
  e.period = std::move(period);
  e.received = ctx.now;
  e.first_received = previous ? previous->first_received : ctx.now;
  e.uploads = previous ? previous->uploads + 1 : 1;
  e.bytes = body.size();
  e.uploaded_by = ctx.uploaded_by;
  return e;
}

}  // namespace

Result<Verdict> RriIntake::Accept(const RriRoute& route, std::string_view body,
                                  const IntakeContext& ctx) {
  if (!ctx.settings.Enabled(route.type)) {
    return Verdict::Reject(ResultCode::kInterfaceDisabled,
                           std::string(ReportTypeName(route.type)) + " is disabled for ." +
                               route.tld + " (tldmon admin rri set)");
  }
  switch (route.type) {
    case ReportType::kRegistrarTransactions:
    case ReportType::kRegistryFunctionsActivity: return AcceptMonthly(route, body, ctx);
    case ReportType::kEscrowReport: return AcceptEscrowReport(route, body, ctx);
    case ReportType::kEscrowNotification: return AcceptNotification(route, body, ctx);
  }
  return Internal("unknown RRI report type");
}

Result<Verdict> RriIntake::AcceptMonthly(const RriRoute& route, std::string_view body,
                                         const IntakeContext& ctx) {
  std::optional<ReportMonth> month = ParseReportMonth(route.period);
  if (!month) {
    return Verdict::Reject(ResultCode::kInvalidMonth,
                           "'" + route.period + "' is not a month written YYYY-MM");
  }
  MonthlyReportContext mctx;
  mctx.tld = route.tld;
  mctx.month = *month;
  mctx.now = ctx.now;
  mctx.tld_created = ctx.settings.CreatedAt();
  mctx.accredited = ctx.accredited;
  const MonthlyReportKind kind = route.type == ReportType::kRegistrarTransactions
                                     ? MonthlyReportKind::kRegistrarTransactions
                                     : MonthlyReportKind::kRegistryFunctionsActivity;
  Verdict v = ValidateMonthlyReport(kind, body, mctx);
  if (!v.accepted()) return v;
  const std::string period = FormatReportMonth(*month);
  Result<std::optional<ReportEntry>> previous = repository_.Find(route.tld, route.type, period);
  if (!previous.ok()) return previous.status();
  const UnixSeconds month_start = FromCivilDate(CivilDate{month->year, month->month, 1});
  if (*previous && ctx.now >= MonthlyCutOff(month_start)) {
    return Verdict::Reject(ResultCode::kCutOffPassed,
                           "the report of " + period + " was received on " +
                               FormatIso8601((*previous)->received) + " and its cut-off was " +
                               FormatIso8601(MonthlyCutOff(month_start)));
  }
  ReportEntry e = NewEntry(route, period, body, ctx, *previous);
  e.date = period;
  TLDMON_RETURN_IF_ERROR(repository_.Put(e, body));
  return Verdict::Accept();
}

Result<Verdict> RriIntake::AcceptEscrowReport(const RriRoute& route, std::string_view body,
                                              const IntakeContext& ctx) {
  Result<std::vector<ReportEntry>> held = repository_.List(route.tld, ReportType::kEscrowReport);
  if (!held.ok()) return held.status();
  EscrowReportContext ectx;
  ectx.tld = route.tld;
  ectx.url_id = route.period;
  ectx.now = ctx.now;
  ectx.tld_created = ctx.settings.CreatedAt();
  ectx.full_deposit_before = [&](UnixSeconds watermark) {
    for (const ReportEntry& e : *held)
      if (e.deposit_kind == "FULL" && e.watermark <= watermark && e.period != route.period)
        return true;
    return false;
  };
  RdeReport report;
  Verdict v = ValidateEscrowReport(body, ectx, &report);
  if (!v.accepted()) return v;
  std::optional<ReportEntry> previous;
  for (const ReportEntry& e : *held)
    if (e.period == report.id) previous = e;
  ReportEntry e = NewEntry(route, report.id, body, ctx, previous);
  e.date = admin::FormatDate(ToCivilDate(report.watermark));
  e.deposit_kind = std::string(DepositKindName(report.kind));
  e.watermark = report.watermark;
  TLDMON_RETURN_IF_ERROR(repository_.Put(e, body));
  return Verdict::Accept();
}

Result<Verdict> RriIntake::AcceptNotification(const RriRoute& route, std::string_view body,
                                              const IntakeContext& ctx) {
  NotificationContext nctx;
  nctx.tld = route.tld;
  nctx.now = ctx.now;
  nctx.tld_created = ctx.settings.CreatedAt();
  RdeNotification notification;
  Verdict v = ValidateEscrowNotification(body, nctx, &notification);
  if (!v.accepted()) return v;
  const std::string rep_date = admin::FormatDate(notification.rep_date);
  char received[16];
  std::snprintf(received, sizeof received, "%012lld", static_cast<long long>(ctx.now));
  const std::string period = rep_date + "/" + received + "-" + BodyHash(body);
  ReportEntry e = NewEntry(route, period, body, ctx, std::nullopt);
  e.date = rep_date;
  e.notification_status = std::string(NotificationStatusName(notification.status));
  if (notification.report) {
    e.deposit_kind = std::string(DepositKindName(notification.report->kind));
    e.watermark = notification.report->watermark;
  }
  TLDMON_RETURN_IF_ERROR(repository_.Put(e, body));
  return Verdict::Accept();
}

}  // namespace tldmon::rri

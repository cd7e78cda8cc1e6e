#include "app/admin_rri.h"

#include <fmt/format.h>

#include <ctime>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "admin/date_text.h"
#include "app/admin_context.h"
#include "core/time.h"
#include "rri/reporting_status.h"
#include "rri/rri_route.h"
#include "rri/rri_repository.h"
#include "rri/tld_settings.h"

namespace tldmon::app {
namespace {

Result<std::optional<CivilDate>> RriDateOption(const std::string& text, const char* option) {
  if (text.empty()) return std::optional<CivilDate>();
  if (text == "none") return std::optional<CivilDate>();
  std::optional<CivilDate> d = ParseDate(text);
  if (!d) return InvalidArgument(fmt::format("{} '{}': expected YYYY-MM-DD (or none)", option, text));
  return d;
}

Result<rri::ReportType> RriTypeArgument(const std::string& text) {
  std::optional<rri::ReportType> t = rri::ParseReportType(text);
  if (!t) {
    return InvalidArgument(fmt::format(
        "'{}' is not an RRI report type; one of registrar-transactions, "
        "registry-functions-activity, registry-escrow-report, escrow-agent-notification",
        text));
  }
  return *t;
}

struct RriListArgs {
  AdminOptions admin;
  std::string tld;
  bool uploads = false;
};

int RunRriList(const RriListArgs& a) {
  const AdminOutput out("rri list", a.admin);
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  rri::RriRepository repo(**store);
  auto entries = repo.List(a.tld);
  if (!entries.ok()) return out.Fail(entries.status());
  auto settings = repo.AllSettings();
  if (!settings.ok()) return out.Fail(settings.status());
  std::set<std::string> tlds;
  for (const rri::ReportEntry& e : *entries) tlds.insert(e.tld);
  for (const rri::TldSettings& s : *settings)
    if (a.tld.empty() || s.tld == a.tld) tlds.insert(s.tld);
  if (!a.tld.empty()) tlds.insert(a.tld);

  const UnixSeconds now = std::time(nullptr);
  nlohmann::json rows = nlohmann::json::array();
  std::string text;
  for (const std::string& tld : tlds) {
    auto s = repo.Settings(tld);
    if (!s.ok()) return out.Fail(s.status());
    std::vector<rri::ReportEntry> mine;
    for (const rri::ReportEntry& e : *entries)
      if (e.tld == tld) mine.push_back(e);
    const rri::ReportingSummary summary = rri::SummarizeReporting(*s, mine, now);
    nlohmann::json row = nlohmann::json::parse(rri::RenderSummaryJson(summary));
    text += fmt::format(".{}  {}  ({} stored; tracked from {})\n", tld,
                        summary.ok() ? "ok" : "UNSATISFACTORY",
                        mine.size() == 1 ? std::string("1 upload") : std::to_string(mine.size()) + " uploads",
                        summary.tracked_from ? admin::FormatDate(*summary.tracked_from)
                                             : std::string("- (no upload yet)"));
    for (const rri::Obligation& o : summary.obligations) {
      if (o.path == "Registry") continue;
      std::string issues;
      for (std::size_t i = 0; i < o.issues.size() && i < 5; ++i)
        issues += fmt::format(" {} {};", admin::FormatDate(o.issues[i].date), o.issues[i].description);
      if (o.issues.size() > 5) issues += fmt::format(" … {} more", o.issues.size() - 5);
      text += fmt::format("  {:<5} {:<15}{}\n", o.path,
                          !o.enabled ? "disabled" : o.ok() ? "ok" : "unsatisfactory", issues);
    }
    if (a.uploads) {
      nlohmann::json list = nlohmann::json::array();
      for (const rri::ReportEntry& e : mine) {
        list.push_back(nlohmann::json::parse(rri::SerializeReportEntry(e)));
        text += fmt::format("    {:<27} {:<32} {}  {} B  by {}{}{}\n", rri::ReportTypeName(e.type),
                            e.period, FormatIso8601(e.received), e.bytes, e.uploaded_by,
                            e.uploads > 1 ? fmt::format("  (upload {})", e.uploads) : "",
                            e.deposit_kind.empty() ? "" : "  " + e.deposit_kind);
      }
      row["uploads"] = list;
    }
    rows.push_back(row);
  }
  if (tlds.empty()) text = "no RRI upload received yet (docs/rri.md shows how to send one)\n";
  return out.Done({{"tlds", rows}}, text);
}

struct RriShowArgs {
  AdminOptions admin;
  std::string tld, type, period;
};

int RunRriShow(const RriShowArgs& a) {
  const AdminOutput out("rri show", a.admin);
  auto type = RriTypeArgument(a.type);
  if (!type.ok()) return out.Fail(type.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  rri::RriRepository repo(**store);
  auto entry = repo.Find(a.tld, *type, a.period);
  if (!entry.ok()) return out.Fail(entry.status());
  if (!*entry) {
    return out.Fail(NotFound(fmt::format("no {} of .{} for '{}' (tldmon admin rri list --tld {} --uploads)",
                                         a.type, a.tld, a.period, a.tld)));
  }
  auto body = repo.Body(**entry);
  if (!body.ok()) return out.Fail(body.status());
  if (a.admin.json)
    return out.Done({{"entry", nlohmann::json::parse(rri::SerializeReportEntry(**entry))},
                     {"body", *body}},
                    "");
  std::cout << *body;
  return 0;
}

struct RriSetArgs {
  AdminOptions admin;
  std::string tld, created, schedule, tracked_from;
  std::vector<std::string> disable, enable;
};

int RunRriSet(const RriSetArgs& a) {
  const AdminOutput out("rri set", a.admin);
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  rri::RriRepository repo(**store);
  auto s = repo.Settings(a.tld);
  if (!s.ok()) return out.Fail(s.status());
  if (!a.created.empty()) {
    auto d = RriDateOption(a.created, "--created");
    if (!d.ok()) return out.Fail(d.status());
    s->created = *d;
  }
  if (!a.tracked_from.empty()) {
    auto d = RriDateOption(a.tracked_from, "--tracked-from");
    if (!d.ok()) return out.Fail(d.status());
    s->tracked_from = *d;
  }
  if (!a.schedule.empty()) {
    std::optional<rri::DepositSchedule> ds = rri::ParseDepositSchedule(a.schedule);
    if (!ds) return out.Fail(InvalidArgument("--deposit-schedule '" + a.schedule + "': None, Weekly or Daily"));
    s->deposit_schedule = *ds;
  }
  for (const auto& [names, on] : {std::pair{&a.disable, false}, std::pair{&a.enable, true}}) {
    for (const std::string& n : *names) {
      auto t = RriTypeArgument(n);
      if (!t.ok()) return out.Fail(t.status());
      s->disabled.set(static_cast<std::size_t>(*t), !on);
    }
  }
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  if (Status st = repo.PutSettings(*s); !st.ok()) return out.Fail(st);
  if (Status st = change->Commit(**store, out); !st.ok()) return out.Fail(st);
  std::string disabled;
  for (int i = 0; i < rri::kReportTypeCount; ++i)
    if (s->disabled.test(static_cast<std::size_t>(i)))
      disabled += (disabled.empty() ? "" : ", ") +
                  std::string(rri::ReportTypeName(static_cast<rri::ReportType>(i)));
  return out.Done(nlohmann::json::parse(rri::SerializeTldSettings(*s)),
                  fmt::format(".{}: created {}, deposit schedule {}, tracked from {}, disabled: {}",
                              s->tld, s->created ? admin::FormatDate(*s->created) : "unknown",
                              rri::DepositScheduleName(s->deposit_schedule),
                              s->tracked_from ? admin::FormatDate(*s->tracked_from) : "the first day the uploads speak of",
                              disabled.empty() ? "none" : disabled));
}

// A TLD argument, canonicalised as the RRI's URLs are.
std::function<std::string(std::string&)> RriTldCheck() {
  return [](std::string& tld) -> std::string {
    std::optional<std::string> canonical = rri::CanonicalTld(tld);
    if (!canonical)
      return "a TLD is one label of 1 to 63 letters, digits and '-' (an A-label for an IDN), without dots";
    tld = *canonical;
    return "";
  };
}

}  // namespace

void AddAdminRriCommands(CLI::App* admin, int* exit_code) {
  CLI::App* group = admin->add_subcommand(
      "rri", "Registry reporting (RRI): uploads received, obligations, per-TLD settings (docs/rri.md)");
  group->require_subcommand(1);

  auto list = std::make_shared<RriListArgs>();
  CLI::App* l = group->add_subcommand("list", "Reporting obligations per TLD (missing deposits, reports not received)");
  l->add_option("--tld", list->tld, "Only this TLD")->transform(CLI::Validator(RriTldCheck(), "TLD"));
  l->add_flag("--uploads", list->uploads, "Also every stored upload");
  AddAdminOptions(l, &list->admin);
  l->callback([list, exit_code] { *exit_code = RunRriList(*list); });

  auto show = std::make_shared<RriShowArgs>();
  CLI::App* s = group->add_subcommand("show", "Print one stored upload as it was received");
  s->add_option("tld", show->tld, "TLD")->required()->transform(CLI::Validator(RriTldCheck(), "TLD"));
  s->add_option("type", show->type, "registrar-transactions, registry-functions-activity, registry-escrow-report or escrow-agent-notification")->required();
  s->add_option("period", show->period, "YYYY-MM, the deposit id, or a notification's period (rri list --uploads)")->required();
  AddAdminOptions(s, &show->admin);
  s->callback([show, exit_code] { *exit_code = RunRriShow(*show); });

  auto set = std::make_shared<RriSetArgs>();
  CLI::App* st = group->add_subcommand("set", "A TLD's RRI settings: creation date, disabled interfaces, deposit schedule");
  st->add_option("tld", set->tld, "TLD")->required()->transform(CLI::Validator(RriTldCheck(), "TLD"));
  st->add_option("--created", set->created, "The TLD's creation date YYYY-MM-DD (earlier periods are 2008), or none");
  st->add_option("--disable", set->disable, "Disable a report type for the TLD (uploads answer 2007)");
  st->add_option("--enable", set->enable, "Enable a report type again");
  st->add_option("--deposit-schedule", set->schedule, "None, Weekly or Daily (default Daily)");
  st->add_option("--tracked-from", set->tracked_from, "Track obligations from YYYY-MM-DD (default: the first upload), or none");
  AddAdminOptions(st, &set->admin);
  st->callback([set, exit_code] { *exit_code = RunRriSet(*set); });
}

}  // namespace tldmon::app

#include "app/admin_alert.h"

#include <fmt/format.h>

#include <memory>
#include <string>

#include "app/admin_context.h"
#include "core/time.h"

namespace tldmon::app {
namespace {

struct ListArgs {
  AdminOptions admin;
  std::int64_t after = 0;
  std::size_t limit = 50;
};

int RunList(const ListArgs& a) {
  const AdminOutput out("alert list", a.admin);
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto tracker = (*store)->LoadAlertTracker();
  if (!tracker.ok()) return out.Fail(tracker.status());
  auto events = (*store)->AlertEventsAfter(a.after, a.limit);
  if (!events.ok()) return out.Fail(events.status());

  nlohmann::json firing = nlohmann::json::array();
  std::string text = "FIRING NOW\n";
  if (tracker->has_value()) {
    for (const auto& [key, alert] : (*tracker)->active) {
      firing.push_back({{"fingerprint", key.Fingerprint()},
                        {"severity", engine::AlertSeverityName(alert.severity)},
                        {"summary", alert.summary},
                        {"startsAt", alert.starts_at},
                        {"resolving", alert.absent_since.has_value()}});
      text += fmt::format("  {:<8} {}  {}{}\n", engine::AlertSeverityName(alert.severity),
                          FormatIso8601(alert.starts_at), alert.summary,
                          alert.absent_since ? " (condition gone, hold-down running)" : "");
    }
  }
  if (firing.empty()) text += "  (nothing)\n";
  nlohmann::json list = nlohmann::json::array();
  text += fmt::format("\nEVENTS after #{} (at most {})\n", a.after, a.limit);
  for (const store::StoredAlertEvent& e : *events) {
    nlohmann::json body = nlohmann::json::parse(e.body, nullptr, false);
    list.push_back({{"id", e.id}, {"cycle", e.cycle}, {"event", body}});
    text += fmt::format("  #{:<6} {}  {:<8} {}\n", e.id, FormatIso8601(e.cycle),
                        e.firing ? "FIRING" : "resolved",
                        body.is_object() ? body.value("summary", e.fingerprint) : e.fingerprint);
  }
  if (events->empty()) text += "  (none)\n";
  else if (events->size() == a.limit)
    text += fmt::format("  … more: --after {}\n", events->back().id);
  return out.Done({{"firing", firing}, {"events", list}}, text);
}

}  // namespace

void AddAdminAlertCommands(CLI::App* admin, int* exit_code) {
  CLI::App* group = admin->add_subcommand("alert", "Alerts: what fires now and the event queue (docs/alerts.md)");
  group->require_subcommand(1);
  auto list = std::make_shared<ListArgs>();
  CLI::App* l = group->add_subcommand("list", "The alerts firing now and the recorded events, oldest first");
  l->add_option("--after", list->after, "Only events after this id")->check(CLI::NonNegativeNumber);
  l->add_option("--limit", list->limit, "At most this many events (default 50)")->check(CLI::Range(1, 10000));
  AddAdminOptions(l, &list->admin);
  l->callback([list, exit_code] { *exit_code = RunList(*list); });
}

}  // namespace tldmon::app

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

struct DeliveriesArgs {
  AdminOptions admin;
  std::string channel;
  std::size_t limit = 50;
};

int RunDeliveries(const DeliveriesArgs& a) {
  const AdminOutput out("alert deliveries", a.admin);
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto log = (*store)->AlertDeliveries(a.channel, a.limit);
  if (!log.ok()) return out.Fail(log.status());
  auto last = (*store)->LastAlertEventId();
  if (!last.ok()) return out.Fail(last.status());
  nlohmann::json rows = nlohmann::json::array();
  std::string text = fmt::format("newest event: #{}\n", *last);
  for (const store::AlertDelivery& d : *log) {
    rows.push_back({{"channel", d.channel}, {"eventID", d.event_id}, {"at", d.at},
                    {"outcome", d.outcome}, {"detail", d.detail}});
    text += fmt::format("  {}  {:<16} #{:<6} {:<9} {}\n", FormatIso8601(d.at), d.channel, d.event_id,
                        d.outcome, d.detail);
  }
  if (log->empty()) text += "  (no deliveries yet)\n";
  return out.Done({{"lastEventID", *last}, {"deliveries", rows}}, text);
}

}  // namespace

void AddAdminAlertCommands(CLI::App* admin, int* exit_code) {
  CLI::App* group = admin->add_subcommand("alert", "Alerts: what fires now, the event queue, deliveries, per-entity settings (docs/alerts.md)");
  group->require_subcommand(1);
  auto list = std::make_shared<ListArgs>();
  CLI::App* l = group->add_subcommand("list", "The alerts firing now and the recorded events, oldest first");
  l->add_option("--after", list->after, "Only events after this id")->check(CLI::NonNegativeNumber);
  l->add_option("--limit", list->limit, "At most this many events (default 50)")->check(CLI::Range(1, 10000));
  AddAdminOptions(l, &list->admin);
  l->callback([list, exit_code] { *exit_code = RunList(*list); });
  auto deliveries = std::make_shared<DeliveriesArgs>();
  CLI::App* d = group->add_subcommand("deliveries", "The delivery log, newest first: delivered, muted, failed");
  d->add_option("--channel", deliveries->channel, "Only this channel");
  d->add_option("--limit", deliveries->limit, "At most this many rows (default 50)")->check(CLI::Range(1, 100000));
  AddAdminOptions(d, &deliveries->admin);
  d->callback([deliveries, exit_code] { *exit_code = RunDeliveries(*deliveries); });
  AddAdminAlertEntityCommands(group, exit_code);
}

}  // namespace tldmon::app

// `tldmon admin alert set|show|test` (docs/alerts.md "Who is told"): the
// per-entity alert settings and the test event through the entity's
// channels.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>

#include "alerts/alert_event_json.h"
#include "alerts/alert_routing.h"
#include "alerts/channel_sender.h"
#include "app/admin_alert.h"
#include "app/admin_context.h"
#include "app/entity_options.h"
#include "app/serve_config.h"
#include "core/clock.h"

namespace tldmon::app {
namespace {

struct SetArgs {
  AdminOptions admin;
  std::string entity;
  std::string channels;     // "a,b", "all", "none"
  std::string maintenance;  // mute | send
  std::string cctld;        // mute | send
};

std::string ChannelsText(const alerts::EntityAlertSettings& s) {
  if (!s.channels) return "all";
  if (s.channels->empty()) return "none";
  std::string out;
  for (const std::string& c : *s.channels) out += (out.empty() ? "" : ",") + c;
  return out;
}

nlohmann::json SettingsJson(const EntityId& e, const alerts::EntityAlertSettings& s) {
  nlohmann::json j = nlohmann::json::parse(alerts::SerializeEntityAlertSettings(s));
  j["entity"] = e.Path();
  return j;
}

std::string SettingsText(const EntityId& e, const alerts::EntityAlertSettings& s) {
  return fmt::format("{}: channels {}; in maintenance windows {}; as a ccTLD {}", e.Path(),
                     ChannelsText(s), s.send_in_maintenance ? "send" : "mute (RDDS, RDAP)",
                     s.send_for_cctld ? "send" : "mute");
}

int RunSet(const SetArgs& a) {
  const AdminOutput out("alert set", a.admin);
  auto entity = ParseEntityArgument(a.entity);
  if (!entity.ok()) return out.Fail(entity.status());
  if (a.channels.empty() && a.maintenance.empty() && a.cctld.empty())
    return out.Fail(InvalidArgument("nothing to set: give --channels, --maintenance or --cctld"));
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  if (Status s = RequireEntity(**store, *entity); !s.ok()) return out.Fail(s);
  auto settings = alerts::LoadEntityAlertSettings(**store, *entity);
  if (!settings.ok()) return out.Fail(settings.status());
  if (a.channels == "all") {
    settings->channels.reset();
  } else if (a.channels == "none") {
    settings->channels = std::vector<std::string>{};
  } else if (!a.channels.empty()) {
    std::vector<std::string> names = SplitComma(a.channels);
    for (const std::string& name : names)
      if (!alerts::IsChannelName(name))
        return out.Fail(InvalidArgument(fmt::format(
            "--channels: '{}' is not a channel name (1 to 64 of a-z, 0-9, '.', '_', '-'; or all, none)",
            name)));
    settings->channels = std::move(names);
  }
  if (!a.maintenance.empty()) settings->send_in_maintenance = a.maintenance == "send";
  if (!a.cctld.empty()) settings->send_for_cctld = a.cctld == "send";
  if (Status s = alerts::SaveEntityAlertSettings(**store, *entity, *settings); !s.ok()) return out.Fail(s);
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done(SettingsJson(*entity, *settings), SettingsText(*entity, *settings));
}

struct ShowArgs {
  AdminOptions admin;
  std::string entity;
};

int RunShow(const ShowArgs& a) {
  const AdminOutput out("alert show", a.admin);
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto filter = ParseOptionalEntityArgument(a.entity);
  if (!filter.ok()) return out.Fail(filter.status());
  auto entities = (*store)->LoadEntities();
  if (!entities.ok()) return out.Fail(entities.status());
  if (*filter) {
    if (Status s = RequireEntity(**store, **filter); !s.ok()) return out.Fail(s);
  }
  nlohmann::json list = nlohmann::json::array();
  std::string text;
  for (const EntityConfig& e : *entities) {
    if (*filter && e.id != **filter) continue;
    auto s = alerts::LoadEntityAlertSettings(**store, e.id);
    if (!s.ok()) return out.Fail(s.status());
    nlohmann::json j = SettingsJson(e.id, *s);
    j["cctldEntity"] = e.cctld;
    list.push_back(j);
    text += SettingsText(e.id, *s) + (e.cctld && !s->send_for_cctld ? "  [ccTLD: muted]" : "") + "\n";
  }
  if (list.empty()) text = "(no entities)\n";
  return out.Done({{"entities", list}}, text);
}

struct TestArgs {
  AdminOptions admin;
  std::string entity;
  std::string config;
};

int RunTest(const TestArgs& a) {
  const AdminOutput out("alert test", a.admin);
  auto entity = ParseEntityArgument(a.entity);
  if (!entity.ok()) return out.Fail(entity.status());
  auto config = LoadServeConfig(a.config);
  if (!config.ok()) return out.Fail(config.status());
  if (config->alerts.channels.empty())
    return out.Fail(InvalidArgument(
        a.config.empty() ? "no alert channels: give --config FILE, the file serve runs with"
                         : a.config + " configures no [[alerts.channel]]"));
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  if (Status s = RequireEntity(**store, *entity); !s.ok()) return out.Fail(s);
  auto routing = alerts::LoadAlertRouting(**store);
  if (!routing.ok()) return out.Fail(routing.status());
  const SystemClock clock;
  const UnixSeconds now = clock.Now();
  const store::StoredAlertEvent event{0, now, "test/" + entity->Path(), true,
                                      alerts::RenderTestEvent(*entity, now)};
  auto parsed = alerts::ParseAlertEvent(event.body);
  if (!parsed.ok()) return out.Fail(parsed.status());
  nlohmann::json results = nlohmann::json::array();
  std::string text;
  int failed = 0;
  for (const alerts::ChannelConfig& c : config->alerts.channels) {
    const std::string head = fmt::format("{} ({}) {}", c.name, alerts::ChannelTypeName(c.type), c.url);
    if (auto muted = routing->MuteReason(*parsed, c.name)) {
      results.push_back({{"channel", c.name}, {"result", "skipped"}, {"detail", *muted}});
      text += fmt::format("  skipped  {}: {}\n", head, *muted);
      continue;
    }
    auto sent = alerts::MakeSender(c, &clock, config->alerts.public_url)({&event, 1});
    const bool ok = sent.ok();
    failed += ok ? 0 : 1;
    const std::string detail = ok ? *sent : sent.status().message();
    results.push_back({{"channel", c.name}, {"result", ok ? "sent" : "failed"}, {"detail", detail}});
    text += fmt::format("  {}  {}: {}\n", ok ? "sent   " : "FAILED ", head, detail);
  }
  if (failed > 0) {
    std::cerr << text;
    return out.Fail(Unavailable(fmt::format("{} of {} channel(s) failed", failed, results.size())));
  }
  return out.Done({{"entity", entity->Path()}, {"channels", results}},
                  "test alert for " + entity->Path() + ":\n" + text);
}

}  // namespace

void AddAdminAlertEntityCommands(CLI::App* group, int* exit_code) {
  auto set = std::make_shared<SetArgs>();
  CLI::App* s = group->add_subcommand("set", "Per-entity alert settings: channels, maintenance windows, ccTLD");
  s->add_option("entity", set->entity, "ry/<tld> or rr/<ianaId>")->required();
  s->add_option("--channels", set->channels,
                "Channels for this entity's alerts: NAME[,NAME…], all (default) or none");
  s->add_option("--maintenance", set->maintenance,
                "RDDS/RDAP alerts starting in a maintenance window: mute (default) or send")
      ->check(CLI::IsMember({"mute", "send"}));
  s->add_option("--cctld", set->cctld, "A ccTLD's alerts: mute (default: no alerts follow a ccTLD failure) or send")
      ->check(CLI::IsMember({"mute", "send"}));
  AddAdminOptions(s, &set->admin);
  s->callback([set, exit_code] { *exit_code = RunSet(*set); });

  auto show = std::make_shared<ShowArgs>();
  CLI::App* w = group->add_subcommand("show", "The alert settings of every entity, or of one");
  w->add_option("entity", show->entity, "ry/<tld> or rr/<ianaId> (default: all)");
  AddAdminOptions(w, &show->admin);
  w->callback([show, exit_code] { *exit_code = RunShow(*show); });

  auto test = std::make_shared<TestArgs>();
  CLI::App* t = group->add_subcommand(
      "test", "Send a test alert through every channel of an entity and report each result");
  t->add_option("--entity", test->entity, "ry/<tld> or rr/<ianaId>")->required();
  t->add_option("--config", test->config, "The configuration file serve runs with (its [[alerts.channel]])");
  AddAdminOptions(t, &test->admin);
  t->callback([test, exit_code] { *exit_code = RunTest(*test); });
}

}  // namespace tldmon::app

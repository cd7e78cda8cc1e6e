#include "alerts/alert_routing.h"

#include <gtest/gtest.h>

#include "admin/admin_repository.h"
#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::alerts {
namespace {

const EntityId kAlertRoutingExample{EntityKind::kRegistry, "example"};
const EntityId kCc{EntityKind::kRegistry, "cc"};

ParsedAlertEvent Event(engine::AlertKind kind, const EntityId& entity, Service service, UnixSeconds start) {
  ParsedAlertEvent p;
  p.event.alert.key = {kind, entity, service, 0, {}};
  p.event.alert.starts_at = start;
  return p;
}

// ry/cc is a ccTLD; ry/example has maintenance window w1 over [1000, 2000).
AlertRouting CcAndWindow() {
  AlertRouting r;
  r.cctlds.insert(kCc);
  admin::MaintenanceSchedule m;
  EXPECT_TRUE(m.Put({"w1", "upgrade", "", 1000, 2000}).ok());
  r.maintenance.emplace(kAlertRoutingExample, m);
  return r;
}

TEST(AlertRouting, DefaultsMuteCcTldsAndRddsRdapInMaintenanceOnly) {
  AlertRouting r = CcAndWindow();
  using K = engine::AlertKind;
  // Outside any window and not a ccTLD: sent.
  EXPECT_EQ(r.MuteReason(Event(K::kIncident, kAlertRoutingExample, Service::kRdap, 2000), "hook"), std::nullopt);
  // In the window: RDDS and RDAP muted, DNS and DNSSEC not (ICANN still calls about them).
  EXPECT_EQ(*r.MuteReason(Event(K::kIncident, kAlertRoutingExample, Service::kRdap, 1500), "hook"),
            "started in maintenance window 'w1' of ry/example");
  EXPECT_TRUE(r.MuteReason(Event(K::kBudget, kAlertRoutingExample, Service::kRdds, 1000), "hook"));
  EXPECT_EQ(r.MuteReason(Event(K::kIncident, kAlertRoutingExample, Service::kDns, 1500), "hook"), std::nullopt);
  // A ccTLD: muted by default.
  EXPECT_NE(r.MuteReason(Event(K::kIncident, kCc, Service::kDns, 5), "hook")->find("is a ccTLD"),
            std::string::npos);
  // Probe alerts concern the operator: always sent.
  EXPECT_EQ(r.MuteReason(Event(K::kProbeOffline, {}, Service::kDns, 5), "hook"), std::nullopt);
}

TEST(AlertRouting, PerEntitySettingsOverrideTheDefaultsAndPickChannels) {
  AlertRouting r = CcAndWindow();
  r.settings[kCc].send_for_cctld = true;
  r.settings[kAlertRoutingExample].send_in_maintenance = true;
  r.settings[kAlertRoutingExample].channels = std::vector<std::string>{"mail"};
  using K = engine::AlertKind;
  EXPECT_EQ(r.MuteReason(Event(K::kIncident, kCc, Service::kDns, 5), "hook"), std::nullopt);
  EXPECT_EQ(r.MuteReason(Event(K::kIncident, kAlertRoutingExample, Service::kRdap, 1500), "mail"), std::nullopt);
  EXPECT_NE(r.MuteReason(Event(K::kIncident, kAlertRoutingExample, Service::kRdap, 1500), "hook")
                ->find("not routed to this channel"),
            std::string::npos);
  ParsedAlertEvent test = Event(K::kIncident, kCc, Service::kDns, 5);
  test.test = true;
  r.settings.erase(kCc);
  EXPECT_EQ(r.MuteReason(test, "hook"), std::nullopt);  // a test ignores the ccTLD default
}

TEST(AlertRouting, SettingsAreKeptInTheStoreAndLoadedWithTheirContext) {
  store::testing::TempSqliteStore s;
  EXPECT_EQ(*LoadEntityAlertSettings(s.store(), kAlertRoutingExample), EntityAlertSettings{});
  EntityAlertSettings set;
  set.channels = std::vector<std::string>{"hook", "mail"};
  set.send_for_cctld = true;
  ASSERT_TRUE(SaveEntityAlertSettings(s.store(), kAlertRoutingExample, set).ok());
  EXPECT_EQ(*LoadEntityAlertSettings(s.store(), kAlertRoutingExample), set);
  admin::AdminRepository repo(s.store());
  admin::MaintenanceSchedule m;
  ASSERT_TRUE(m.Put({"w1", "upgrade", "", 1000, 2000}).ok());
  ASSERT_TRUE(repo.SaveMaintenance(kAlertRoutingExample, m).ok());
  auto r = LoadAlertRouting(s.store());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->settings.at(kAlertRoutingExample), set);
  EXPECT_EQ(r->maintenance.count(kAlertRoutingExample), 1u);
  EXPECT_EQ(ParseEntityAlertSettings("[]").status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace tldmon::alerts

#include "engine/alert_tracker.h"

#include <gtest/gtest.h>

#include "engine/engine_test_fixture.h"

namespace tldmon::engine {
namespace {

using namespace testing;  // NOLINT: the engine test fixture


// "+fingerprint" for a firing event, "-fingerprint" for a resolved one.
std::vector<std::string> Names(const std::vector<AlertEvent>& events) {
  std::vector<std::string> out;
  for (const AlertEvent& e : events) out.push_back((e.firing ? "+" : "-") + e.alert.key.Fingerprint());
  return out;
}

class AlertTrackerTest : public ::testing::Test {
 protected:
  // One DNS cycle at kT0 + 60*i; `down`: every probe fails.
  std::vector<AlertEvent> Dns(int i, bool down, const std::set<ProbeIndex>& offline = {}) {
    const UnixSeconds c = kT0 + 60 * i;
    const CycleOutput out = RunCycle(engine_, TestKind::kDns, c, DnsReports(engine_.entities()[0], c, 20, down ? 0 : 20), offline);
    return tracker_.Observe(engine_, out);
  }
  Engine engine_{SlaParams::Defaults(), {MakeTld()}, MakeProbes(20)};
  AlertTracker tracker_{AlertRules{}};
};

using V = std::vector<std::string>;

TEST_F(AlertTrackerTest, AnIncidentFiresOnceWithItsBudgetStepsAndResolvesAfterTheHoldDown) {
  EXPECT_EQ(Names(Dns(0, false)), V{});
  EXPECT_EQ(Names(Dns(1, true)), V{});
  EXPECT_EQ(Names(Dns(2, true)), V{});
  // The third Down cycle opens the incident (§7), and the month's DNS SLR
  // (no downtime at all) is at risk. (A timeout is no DNSSEC failure.)
  EXPECT_EQ(Names(Dns(3, true)), (V{"+incident/ry/example/dns/1767225780.1", "+slrAtRisk/ry/example/dns"}));
  // 24 min of the 240 are 10 %: the first budget step fires once.
  int fired_10 = 0;
  for (int i = 4; i < 40; ++i)
    for (const std::string& n : Names(Dns(i, true))) fired_10 += n == "+budget/ry/example/dns/10";
  EXPECT_EQ(fired_10, 1);
  const auto& active = tracker_.state().active;
  const ActiveAlert& incident = active.at({AlertKind::kIncident, Tld(), Service::kDns, 0, "1767225780.1"});
  EXPECT_EQ(incident.severity, AlertSeverity::kCritical);
  EXPECT_EQ(incident.starts_at, kT0 + 180);  // the incident's start (§7: the third Down cycle)
  EXPECT_EQ(incident.summary, "DNS of ry/example: incident 1767225780.1, alarmed");
  EXPECT_TRUE(active.count({AlertKind::kBudget, Tld(), Service::kDns, 10, {}}));
  EXPECT_FALSE(active.count({AlertKind::kBudget, Tld(), Service::kDns, 25, {}}));

  // Up again: the incident closes after 3 Up cycles (§7, cycle 42), and
  // its alert resolves when the 5-minute hold-down is over.
  std::vector<std::string> later;
  for (int i = 40; i < 52; ++i)
    for (const std::string& n : Names(Dns(i, false))) later.push_back(std::to_string(i) + n);
  EXPECT_EQ(later, V{"47-incident/ry/example/dns/1767225780.1"});
  EXPECT_EQ(active.count({AlertKind::kIncident, Tld(), Service::kDns, 0, "1767225780.1"}), 0u);
  // The rolling week's downtime stays: so do the budget step and the SLR risk.
  EXPECT_TRUE(active.count({AlertKind::kBudget, Tld(), Service::kDns, 10, {}}));
  EXPECT_TRUE(active.count({AlertKind::kSlrAtRisk, Tld(), Service::kDns, 0, {}}));
}

TEST(AlertTrackerRules, WithoutHoldDownAnAlertResolvesOnlyWhenItsConditionIsGone) {
  Engine engine{SlaParams::Defaults(), {MakeTld()}, MakeProbes(20)};
  AlertTracker tracker{AlertRules{.hold_down_seconds = 0}};
  std::vector<std::string> events;
  for (int i = 0; i < 8; ++i) {
    const UnixSeconds c = kT0 + 60 * i;
    const CycleOutput out =
        RunCycle(engine, TestKind::kDns, c, DnsReports(engine.entities()[0], c, 20, i < 4 ? 0 : 20));
    for (const std::string& n : Names(tracker.Observe(engine, out))) events.push_back(std::to_string(i) + n);
  }
  // Fired at the third Down cycle; resolved at once when the incident
  // closes after 3 Up cycles (4, 5, 6), not in the cycle it fired.
  EXPECT_EQ(events, (V{"2+incident/ry/example/dns/1767225720.1", "2+slrAtRisk/ry/example/dns",
                       "6-incident/ry/example/dns/1767225720.1"}));
}

TEST_F(AlertTrackerTest, AFlappingConditionStaysOneAlertAndResolvesOnce) {
  // A probe drops out for 2 minutes in every 4: DNS is below its minimum
  // half the time, never absent for the 5-minute hold-down.
  std::vector<std::string> events;
  for (int i = 0; i < 24; ++i) {
    const std::set<ProbeIndex> offline = i % 4 < 2 ? std::set<ProbeIndex>{19} : std::set<ProbeIndex>{};
    for (const std::string& n : Names(Dns(i, false, offline))) events.push_back(std::to_string(i) + n);
  }
  EXPECT_EQ(events, (V{"0+probesBelowMinimum/dns", "0+probesBelowMinimum/dnssec"}));
  events.clear();
  for (int i = 24; i < 32; ++i)
    for (const std::string& n : Names(Dns(i, false))) events.push_back(std::to_string(i) + n);
  // Last below at 21; absent from 22; resolved 5 minutes later, once.
  EXPECT_EQ(events, (V{"27-probesBelowMinimum/dns", "27-probesBelowMinimum/dnssec"}));
  EXPECT_TRUE(tracker_.state().active.empty());
}

TEST_F(AlertTrackerTest, AFalsePositiveResolvesItsIncidentAlert) {
  for (int i = 0; i < 4; ++i) Dns(i, true);
  const auto fp = engine_.SetFalsePositive(Tld(), Service::kDns, "1767225720.1", true, kT0 + 240);
  ASSERT_TRUE(fp.ok()) << fp.status().ToString();
  std::vector<std::string> events;
  for (int i = 4; i < 12; ++i)
    for (const std::string& n : Names(Dns(i, i >= 7))) events.push_back(std::to_string(i) + n);
  // The marked incident's alert resolves once the hold-down is over (cycle
  // 4 + 5); it never fires again. Up for three cycles, Down again: a new
  // incident, a new alert (opened at the third Down cycle, 9).
  EXPECT_EQ(events, (V{"9+incident/ry/example/dns/1767226140.2", "9-incident/ry/example/dns/1767225720.1"}));
}

TEST_F(AlertTrackerTest, TooFewProbesOnlineAndAProbeOfflineForAnHour) {
  // 19 of 20 online: below DNS's minimum of 20.
  EXPECT_EQ(Names(Dns(0, false, {19})), (V{"+probesBelowMinimum/dns", "+probesBelowMinimum/dnssec"}));
  std::vector<std::string> events;
  for (int i = 1; i <= 65; ++i)
    for (const std::string& n : Names(Dns(i, false, {19}))) events.push_back(std::to_string(i) + n);
  // Offline since before kT0's cycle: an hour after that, the alert.
  EXPECT_EQ(events, V{"60+probeOffline/Probe20-Server1"});
  EXPECT_EQ(tracker_.state().active.at({AlertKind::kProbeOffline, {}, Service::kDns, 0, "Probe20-Server1"}).summary,
            "probe Probe20-Server1 offline for 65 min");  // follows the figures
  events.clear();
  for (int i = 66; i <= 72; ++i)
    for (const std::string& n : Names(Dns(i, false))) events.push_back(std::to_string(i) + n);
  EXPECT_EQ(events, (V{"71-probesBelowMinimum/dns", "71-probesBelowMinimum/dnssec",
                       "71-probeOffline/Probe20-Server1"}));
}

TEST(AlertKey, Fingerprints) {
  EXPECT_EQ((AlertKey{AlertKind::kBudget, Tld(), Service::kRdap, 75, {}}).Fingerprint(), "budget/ry/example/rdap/75");
  EXPECT_EQ((AlertKey{AlertKind::kProbesBelowMinimum, {}, Service::kRdds, 0, {}}).Fingerprint(), "probesBelowMinimum/rdds");
  EXPECT_EQ((AlertKey{AlertKind::kProbeOffline, {}, Service::kDns, 0, "Lima1"}).Fingerprint(), "probeOffline/Lima1");
}

}  // namespace
}  // namespace tldmon::engine

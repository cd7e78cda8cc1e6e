// Incidents: slam-algorithms.md §7, worked examples E4 and E5.
#include "engine/incident_tracker.h"

#include <gtest/gtest.h>

#include <vector>

namespace tldmon::engine {
namespace {

constexpr UnixSeconds kIncidentTrackerT0 = 1767225600;
constexpr auto D = CycleStatus::kDown;
constexpr auto U = CycleStatus::kUp;
constexpr auto NP = CycleStatus::kUpInconclusiveNoProbes;

std::vector<IncidentTransition> Feed(ServiceState& s, const ServiceParams& p, UnixSeconds first,
                                     const std::vector<CycleStatus>& values,
                                     std::uint64_t& next_id) {
  std::vector<IncidentTransition> out;
  UnixSeconds c = first;
  for (CycleStatus v : values) {
    out.push_back(AdvanceIncidents(s, c, v, p, next_id));
    c += p.cycle_seconds;
  }
  return out;
}

TEST(IncidentTrackerTest, E4DnsIncident) {
  const ServiceParams p = SlaParams::Defaults().Of(Service::kDns);
  ServiceState s;
  std::uint64_t next = 4242;
  const auto t = Feed(s, p, kIncidentTrackerT0, {U, D, D, D, D, U, D, NP, U, U}, next);
  using T = IncidentTransition;
  EXPECT_EQ(t, (std::vector<T>{T::kNone, T::kNone, T::kNone, T::kOpened, T::kNone, T::kNone,
                               T::kNone, T::kNone, T::kNone, T::kClosed}));
  ASSERT_EQ(s.incidents.size(), 1U);
  const Incident& inc = s.incidents[0];
  EXPECT_EQ(inc.Id(), "1767225780.4242");
  EXPECT_EQ(inc.start_time, 1767225780);
  EXPECT_EQ(inc.end_time, 1767226199);
  EXPECT_FALSE(inc.active());
  // m3, m4 and m6 are the Down cycles inside; m1 and m2 lie outside.
  EXPECT_EQ(inc.down_cycles, (std::vector<CycleRun>{{1767225780, 2}, {1767225960, 1}}));
  EXPECT_EQ(next, 4243U);
  EXPECT_EQ(s.last_cycle, kIncidentTrackerT0 + 540);
  EXPECT_EQ(s.last_status, U);
}

TEST(IncidentTrackerTest, E5RdapAcrossTheMonth) {
  const ServiceParams p = SlaParams::Defaults().Of(Service::kRdap);
  ServiceState s;
  std::uint64_t next = 81234;
  const auto t = Feed(s, p, 1767224700, {D, D, D, D, U, U}, next);
  EXPECT_EQ(t[1], IncidentTransition::kOpened);
  EXPECT_EQ(t[5], IncidentTransition::kClosed);
  ASSERT_EQ(s.incidents.size(), 1U);
  EXPECT_EQ(s.incidents[0].Id(), "1767225000.81234");
  EXPECT_EQ(s.incidents[0].end_time, 1767226499);
  EXPECT_EQ(s.incidents[0].down_cycles, (std::vector<CycleRun>{{1767225000, 3}}));
}

TEST(IncidentTrackerTest, TwoDownsAreNotAnIncidentTheThirdOpensIt) {
  const ServiceParams p = SlaParams::Defaults().Of(Service::kDns);
  ServiceState s;
  std::uint64_t next = 1;
  Feed(s, p, kIncidentTrackerT0, {D, D, U, D, D}, next);
  EXPECT_TRUE(s.incidents.empty());
  EXPECT_EQ(s.down_streak, 2);
  EXPECT_EQ(AdvanceIncidents(s, kIncidentTrackerT0 + 300, D, p, next), IncidentTransition::kOpened);
  EXPECT_EQ(s.incidents.back().start_time, kIncidentTrackerT0 + 300);
  // Inconclusive values break a Down streak outside an incident.
  ServiceState s2;
  Feed(s2, p, kIncidentTrackerT0, {D, D, NP, D}, next);
  EXPECT_TRUE(s2.incidents.empty());
}

TEST(IncidentTrackerTest, RecoveryAtExactlyTheCount) {
  const ServiceParams p = SlaParams::Defaults().Of(Service::kDns);
  ServiceState s;
  std::uint64_t next = 1;
  Feed(s, p, kIncidentTrackerT0, {D, D, D, U, U}, next);
  EXPECT_TRUE(s.incidents.back().active());
  EXPECT_EQ(AdvanceIncidents(s, kIncidentTrackerT0 + 300, U, p, next), IncidentTransition::kClosed);
  EXPECT_EQ(s.incidents.back().end_time, kIncidentTrackerT0 + 359);
  // A new streak after the close needs FAIL Downs again; ids increase.
  Feed(s, p, kIncidentTrackerT0 + 360, {D, D, D}, next);
  ASSERT_EQ(s.incidents.size(), 2U);
  EXPECT_EQ(s.incidents[0].event_id, 1U);
  EXPECT_EQ(s.incidents[1].event_id, 2U);
  EXPECT_EQ(s.incidents[1].start_time, kIncidentTrackerT0 + 480);
}

TEST(IncidentTrackerTest, NewProblemEventReplacesAnActiveFalsePositiveIncident) {
  // §7, issue 8 C7. m0..m2 Down open incident 1 at m2; it is flagged.
  const ServiceParams p = SlaParams::Defaults().Of(Service::kDns);
  ServiceState s;
  std::uint64_t next = 1;
  Feed(s, p, kIncidentTrackerT0, {D, D, D}, next);
  ASSERT_EQ(s.incidents.size(), 1U);
  s.incidents[0].false_positive = true;
  // m3 Up, m4, m5 Down: only two Downs in a row, the FP incident goes on.
  EXPECT_EQ(Feed(s, p, kIncidentTrackerT0 + 180, {U, D, D}, next),
            (std::vector<IncidentTransition>{IncidentTransition::kNone, IncidentTransition::kNone,
                                             IncidentTransition::kNone}));
  ASSERT_EQ(s.incidents.size(), 1U);
  // m6 is the third Down in a row: a new problem event.
  EXPECT_EQ(AdvanceIncidents(s, kIncidentTrackerT0 + 360, D, p, next), IncidentTransition::kReplaced);
  ASSERT_EQ(s.incidents.size(), 2U);
  EXPECT_EQ(s.incidents[0].end_time, kIncidentTrackerT0 + 359);
  EXPECT_TRUE(s.incidents[0].false_positive);
  EXPECT_EQ(s.incidents[0].down_cycles, (std::vector<CycleRun>{{kIncidentTrackerT0 + 120, 1}, {kIncidentTrackerT0 + 240, 2}}));
  EXPECT_EQ(s.incidents[1].start_time, kIncidentTrackerT0 + 360);
  EXPECT_EQ(s.incidents[1].event_id, 2U);
  EXPECT_FALSE(s.incidents[1].false_positive);
  EXPECT_TRUE(s.incidents[1].active());
  // The new incident is a normal one: further Downs extend it.
  EXPECT_EQ(AdvanceIncidents(s, kIncidentTrackerT0 + 420, D, p, next), IncidentTransition::kNone);
  EXPECT_EQ(s.incidents[1].down_cycles, (std::vector<CycleRun>{{kIncidentTrackerT0 + 360, 2}}));
}

TEST(IncidentTrackerTest, DownsInsideANormalIncidentNeverOpenAnother) {
  const ServiceParams p = SlaParams::Defaults().Of(Service::kDns);
  ServiceState s;
  std::uint64_t next = 1;
  Feed(s, p, kIncidentTrackerT0, std::vector<CycleStatus>(10, D), next);
  ASSERT_EQ(s.incidents.size(), 1U);
  EXPECT_EQ(s.incidents[0].down_cycles, (std::vector<CycleRun>{{kIncidentTrackerT0 + 120, 8}}));
}

TEST(IncidentTrackerTest, AppendDownCycleCompactsRuns) {
  std::vector<CycleRun> runs;
  AppendDownCycle(runs, kIncidentTrackerT0, 60);
  AppendDownCycle(runs, kIncidentTrackerT0 + 60, 60);
  AppendDownCycle(runs, kIncidentTrackerT0 + 180, 60);
  EXPECT_EQ(runs, (std::vector<CycleRun>{{kIncidentTrackerT0, 2}, {kIncidentTrackerT0 + 180, 1}}));
}

}  // namespace
}  // namespace tldmon::engine

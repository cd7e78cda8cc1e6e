// Downtime, rolling week and emergencyThreshold: slam-algorithms.md §8, E4,
// E6 and E7.
#include "engine/downtime.h"

#include <gtest/gtest.h>

#include <vector>

namespace tldmon::engine {
namespace {

constexpr UnixSeconds kDowntimeT0 = 1767225600;

// E4's incident: Down cycles m3, m4, m6.
Incident E4Incident() {
  Incident inc;
  inc.event_id = 4242;
  inc.start_time = 1767225780;
  inc.end_time = 1767226199;
  inc.down_cycles = {{1767225780, 2}, {1767225960, 1}};
  return inc;
}

int WeekDowntime(const std::vector<Incident>& incidents, UnixSeconds cycle, int delay = 60) {
  return DowntimeMinutes(incidents, delay, RollingWeek(cycle, delay, 604800));
}

TEST(DowntimeTest, E6EmergencyThreshold) {
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(1, 240), 0.417);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(3, 240), 1.25);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(10, 240), 4.167);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(23, 240), 9.583);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(24, 240), 10);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(30, 240), 12.5);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(240, 240), 100);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(5, 1440), 0.347);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(15, 1440), 1.042);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(25, 1440), 1.736);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(30, 1440), 2.083);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(144, 1440), 10);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(1440, 1440), 100);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(0, 240), 0);
  // 1 of 8000 = 0.0125: the double lies above the decimal tie => 0.013.
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(1, 8000), 0.013);
  // Issue 8 C2: exact binary ties round to the even digit as RSM's
  // sprintf("%.3f") does: 1 of 320 = 0.3125, 5 of 320 = 1.5625.
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(1, 320), 0.312);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(5, 320), 1.562);
  EXPECT_DOUBLE_EQ(EmergencyThresholdPercent(3, 320), 0.938);
}

TEST(DowntimeTest, E7WindowEdges) {
  // DNS cycle starting T => window [T - 604740, T + 59].
  const UnixSeconds t = kDowntimeT0 + 604800 * 2;
  const TimeWindow w = RollingWeek(t, 60, 604800);
  EXPECT_EQ(w.from, t - 604740);
  EXPECT_EQ(w.to, t + 59);
  const TimeWindow r = RollingWeek(t, 300, 604800);
  EXPECT_EQ(r.from, t - 604500);
  EXPECT_EQ(r.to, t + 299);

  auto one_down = [](UnixSeconds c) {
    Incident inc;
    inc.start_time = c;
    inc.down_cycles = {{c, 1}};
    return std::vector<Incident>{inc};
  };
  EXPECT_EQ(WeekDowntime(one_down(t - 604800), t), 0);  // exactly a week before: out
  EXPECT_EQ(WeekDowntime(one_down(t - 604740), t), 1);  // oldest cycle in the window
  EXPECT_EQ(WeekDowntime(one_down(t), t), 1);
  // The window holds exactly 10,080 DNS cycles.
  Incident all;
  all.start_time = t - 604800 * 2;
  all.down_cycles = {{t - 604800 * 2, 604800 * 3 / 60}};
  EXPECT_EQ(WeekDowntime({all}, t), 10080);
}

TEST(DowntimeTest, E4AgeingOutOfTheRollingWeek) {
  const std::vector<Incident> incidents = {E4Incident()};
  EXPECT_EQ(WeekDowntime(incidents, 1767225780), 1);
  EXPECT_EQ(WeekDowntime(incidents, 1767225840), 2);
  EXPECT_EQ(WeekDowntime(incidents, 1767225960), 3);
  EXPECT_EQ(WeekDowntime(incidents, 1767830520), 3);
  EXPECT_EQ(WeekDowntime(incidents, 1767830580), 2);  // m3 + 604800
  EXPECT_EQ(WeekDowntime(incidents, 1767830640), 1);
  EXPECT_EQ(WeekDowntime(incidents, 1767830700), 1);
  EXPECT_EQ(WeekDowntime(incidents, 1767830760), 0);
}

TEST(DowntimeTest, FalsePositivesAndDownsOutsideIncidentsCountNothing) {
  std::vector<Incident> incidents = {E4Incident()};
  incidents[0].false_positive = true;
  EXPECT_EQ(WeekDowntime(incidents, 1767226140), 0);
  // A later real incident still counts while the earlier one is FP.
  Incident later;
  later.event_id = 2;
  later.start_time = 1767229200;
  later.down_cycles = {{1767229200, 4}};
  incidents.push_back(later);
  EXPECT_EQ(WeekDowntime(incidents, 1767229380), 4);
  incidents[0].false_positive = false;
  EXPECT_EQ(WeekDowntime(incidents, 1767229380), 7);
}

TEST(DowntimeTest, MonthWindowAndFloorToMinutes) {
  // E5: RDAP Down cycles 23:50, 23:55 (Dec) and 00:00 (Jan), 300 s each.
  Incident inc;
  inc.start_time = 1767225000;
  inc.down_cycles = {{1767225000, 3}};
  const std::vector<Incident> v = {inc};
  EXPECT_EQ(DowntimeMinutes(v, 300, {MonthStart(1767225300), 1767225599}), 10);
  EXPECT_EQ(DowntimeMinutes(v, 300, {kDowntimeT0, kDowntimeT0 + 299}), 5);
  // Seconds are summed before flooring: three 30 s cycles are 1 minute.
  Incident short_cycles;
  short_cycles.start_time = kDowntimeT0;
  short_cycles.down_cycles = {{kDowntimeT0, 3}};
  EXPECT_EQ(DowntimeMinutes(std::vector{short_cycles}, 30, {kDowntimeT0, kDowntimeT0 + 3600}), 1);
}

TEST(DowntimeTest, Alarmed) {
  std::vector<Incident> v;
  EXPECT_EQ(Alarmed(false, v), "Disabled");
  EXPECT_EQ(Alarmed(true, v), "No");
  v.push_back(E4Incident());
  EXPECT_EQ(Alarmed(true, v), "No");  // resolved
  v[0].end_time.reset();
  EXPECT_EQ(Alarmed(true, v), "Yes");
  v[0].false_positive = true;
  EXPECT_EQ(Alarmed(true, v), "No");
}

}  // namespace
}  // namespace tldmon::engine

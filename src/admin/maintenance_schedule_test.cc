#include "admin/maintenance_schedule.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tldmon::admin {
namespace {

MaintenanceWindow MaintenanceScheduleWindow(std::string id, UnixSeconds start, UnixSeconds end) {
  return MaintenanceWindow{std::move(id), "Maintenance " + std::to_string(start), "", start, end};
}

TEST(MaintenanceScheduleTest, PutCreatesThenUpdates) {
  MaintenanceSchedule s;
  Result<PutOutcome, ExtendedError> created = s.Put(MaintenanceScheduleWindow("a", 100, 200));
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(*created, PutOutcome::kCreated);
  MaintenanceWindow changed = MaintenanceScheduleWindow("a", 150, 300);
  changed.description = "moved";
  Result<PutOutcome, ExtendedError> updated = s.Put(changed);
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(*updated, PutOutcome::kUpdated);
  EXPECT_EQ(s.size(), 1u);
  ASSERT_NE(s.Find("a"), nullptr);
  EXPECT_EQ(*s.Find("a"), changed);
  EXPECT_EQ(s.Find("b"), nullptr);
}

TEST(MaintenanceScheduleTest, PutRejectsInvalidWindowsAndKeepsTheOldOne) {
  MaintenanceSchedule s;
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("a", 100, 200)).ok());
  Result<PutOutcome, ExtendedError> r = s.Put(MaintenanceScheduleWindow("a", 200, 200));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().result_code(), 2007);
  EXPECT_EQ(s.Find("a")->end_time, 200);
  EXPECT_EQ(s.Find("a")->start_time, 100);
  EXPECT_EQ(s.Put(MaintenanceScheduleWindow("bad id", 1, 2)).error().result_code(), 2001);
}

TEST(MaintenanceScheduleTest, RemoveReturnsTheDeletedWindow) {
  MaintenanceSchedule s;
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("a", 100, 200)).ok());
  const auto removed = s.Remove("a");
  ASSERT_TRUE(removed.has_value());
  EXPECT_EQ(*removed, MaintenanceScheduleWindow("a", 100, 200));
  EXPECT_FALSE(s.Remove("a").has_value());  // now unknown: 404
  EXPECT_EQ(s.size(), 0u);
}

TEST(MaintenanceScheduleTest, NotEndedListsEndTimeAfterNowByStartTime) {
  MaintenanceSchedule s;
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("ended", 100, 200)).ok());
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("ends-now", 150, 300)).ok());
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("z-running", 250, 400)).ok());
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("later", 500, 600)).ok());
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("a-running", 250, 350)).ok());
  const auto list = s.NotEnded(300);
  ASSERT_EQ(list.size(), 3u);
  // endTime == now has ended; equal startTimes fall back to scheduleID.
  EXPECT_EQ(list[0].schedule_id, "a-running");
  EXPECT_EQ(list[1].schedule_id, "z-running");
  EXPECT_EQ(list[2].schedule_id, "later");
}

TEST(MaintenanceScheduleTest, ListRendering) {
  EXPECT_EQ(RenderMaintenanceWindowList({}), R"({"version":2,"maintenanceWindows":[]})");
  EXPECT_EQ(RenderMaintenanceWindowList({MaintenanceWindow{"a", "n", "d", 1, 2}}),
            R"({"version":2,"maintenanceWindows":[{"version":2,"scheduleID":"a","name":"n",)"
            R"("description":"d","startTime":1,"endTime":2}]})");
}

TEST(MaintenanceScheduleTest, SuppressesOnlyTheRddsRdapEppAlertInsideAWindow) {
  MaintenanceSchedule s;
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("a", 1000, 2000)).ok());
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("b", 3000, 3600)).ok());
  for (Service svc : {Service::kRdds, Service::kRdap, Service::kEpp}) {
    EXPECT_FALSE(s.SuppressesEmergencyAlert(svc, 999));
    EXPECT_TRUE(s.SuppressesEmergencyAlert(svc, 1000));
    EXPECT_TRUE(s.SuppressesEmergencyAlert(svc, 1999));
    EXPECT_FALSE(s.SuppressesEmergencyAlert(svc, 2000));
    EXPECT_FALSE(s.SuppressesEmergencyAlert(svc, 2500));
    EXPECT_TRUE(s.SuppressesEmergencyAlert(svc, 3000));
  }
  for (Service svc : {Service::kDns, Service::kDnssec}) {
    EXPECT_FALSE(s.SuppressesEmergencyAlert(svc, 1500));
  }
  EXPECT_FALSE(MaintenanceSchedule().SuppressesEmergencyAlert(Service::kRdds, 1500));
}

TEST(MaintenanceScheduleTest, CapOnNumberOfWindows) {
  MaintenanceSchedule s;
  for (std::size_t i = 0; i < kMaxMaintenanceWindows; ++i) {
    ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("w" + std::to_string(i), 10, 20)).ok());
  }
  Result<PutOutcome, ExtendedError> over = s.Put(MaintenanceScheduleWindow("one-more", 10, 20));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.error().result_code(), 2001);
  // Updating an existing one is still possible.
  EXPECT_TRUE(s.Put(MaintenanceScheduleWindow("w0", 10, 30)).ok());
  EXPECT_EQ(s.PruneEndedBefore(20), kMaxMaintenanceWindows - 1);
  EXPECT_EQ(s.size(), 1u);
  EXPECT_TRUE(s.Put(MaintenanceScheduleWindow("one-more", 10, 20)).ok());
}

TEST(MaintenanceScheduleTest, SerializeRoundTrips) {
  MaintenanceSchedule s;
  ASSERT_TRUE(s.Put(MaintenanceScheduleWindow("b", 100, 200)).ok());
  MaintenanceWindow unicode = MaintenanceScheduleWindow("a", 5, 6);
  unicode.name =
      "Wartung \xC3\xBC"
      "ber Nacht";
  unicode.description = "line\nline \"quoted\" \\ €";
  ASSERT_TRUE(s.Put(unicode).ok());
  const std::string blob = s.Serialize();
  // By scheduleID, in the list shape.
  const auto json = nlohmann::json::parse(blob);
  EXPECT_EQ(json["version"], 2);
  EXPECT_EQ(json["maintenanceWindows"][0]["scheduleID"], "a");
  EXPECT_EQ(json["maintenanceWindows"][1]["scheduleID"], "b");
  Result<MaintenanceSchedule> back = MaintenanceSchedule::Deserialize(blob);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, s);
  Result<MaintenanceSchedule> empty =
      MaintenanceSchedule::Deserialize(MaintenanceSchedule().Serialize());
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 0u);
}

TEST(MaintenanceScheduleTest, DeserializeRejectsBadBlobs) {
  EXPECT_EQ(MaintenanceSchedule::Deserialize(
                R"({"version":2,"maintenanceWindows":[)"
                R"({"name":"n","description":"","startTime":1,"endTime":2}]})")
                .status()
                .message(),
            "$.maintenanceWindows[0].scheduleID: missing");
  EXPECT_EQ(MaintenanceSchedule::Deserialize(
                R"({"version":2,"maintenanceWindows":[)"
                R"({"scheduleID":"a","name":"n","description":"","startTime":1,"endTime":2},)"
                R"({"scheduleID":"a","name":"n","description":"","startTime":1,"endTime":2}]})")
                .status()
                .message(),
            "$.maintenanceWindows[1].scheduleID: duplicate \"a\"");
  EXPECT_FALSE(MaintenanceSchedule::Deserialize(
                   R"({"version":2,"maintenanceWindows":[)"
                   R"({"scheduleID":"a","name":"n","description":"","startTime":2,"endTime":2}]})")
                   .ok());
  EXPECT_FALSE(MaintenanceSchedule::Deserialize(R"({"maintenanceWindows":[]})").ok());
  EXPECT_FALSE(MaintenanceSchedule::Deserialize("[]").ok());
  EXPECT_FALSE(MaintenanceSchedule::Deserialize("").ok());
}

}  // namespace
}  // namespace tldmon::admin

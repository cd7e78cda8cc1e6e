#include "admin/maintenance_window.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace tldmon::admin {
namespace {

// The example object of mosapi-api.md §6.7 (name/description filled in).
constexpr UnixSeconds kStart = 1767225600;  // 2026-01-01T00:00:00Z
constexpr UnixSeconds kEnd = 1767232800;    // two hours later

nlohmann::json Body() {
  return {{"name", "RDDS upgrade"},
          {"description", "Replacing the WHOIS servers."},
          {"startTime", kStart},
          {"endTime", kEnd}};
}

Result<MaintenanceWindow, ExtendedError> Parse(const nlohmann::json& body,
                                         std::string_view id = "q1-rdds-upgrade") {
  return ParseMaintenanceWindowRequest(body.dump(), id);
}

// Expects 2001 "Invalid input" whose description starts with `start`.
void Expect2001(const Result<MaintenanceWindow, ExtendedError>& r, std::string_view start) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().result_code(), 2001);
  EXPECT_EQ(r.error().message(), "Invalid input");
  EXPECT_EQ(r.error().description.substr(0, start.size()), start) << r.error().description;
}

TEST(MaintenanceWindowTest, ParsesAMinimalBodyTakingTheIdFromThePath) {
  Result<MaintenanceWindow, ExtendedError> r = Parse(Body());
  ASSERT_TRUE(r.ok()) << r.error().description;
  EXPECT_EQ(*r, (MaintenanceWindow{"q1-rdds-upgrade", "RDDS upgrade",
                                   "Replacing the WHOIS servers.", kStart, kEnd}));
}

TEST(MaintenanceWindowTest, RendersTheSpecObjectShape) {
  const MaintenanceWindow w{"q1-rdds-upgrade", "RDDS upgrade", "Replacing.", kStart, kEnd};
  EXPECT_EQ(RenderMaintenanceWindow(w),
            R"({"version":2,"scheduleID":"q1-rdds-upgrade","name":"RDDS upgrade",)"
            R"("description":"Replacing.","startTime":1767225600,"endTime":1767232800})");
}

TEST(MaintenanceWindowTest, AGetResponseCanBePutBackUnchanged) {
  const MaintenanceWindow w{"q1-rdds-upgrade", "RDDS upgrade", "Replacing.", kStart, kEnd};
  Result<MaintenanceWindow, ExtendedError> r =
      ParseMaintenanceWindowRequest(RenderMaintenanceWindow(w), "q1-rdds-upgrade");
  ASSERT_TRUE(r.ok()) << r.error().description;
  EXPECT_EQ(*r, w);
}

TEST(MaintenanceWindowTest, EndNotAfterStartIs2007) {
  nlohmann::json equal = Body();
  equal["endTime"] = kStart;
  Result<MaintenanceWindow, ExtendedError> r = Parse(equal);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().result_code(), 2007);
  EXPECT_EQ(r.error().message(), "endTime must be after startTime");
  EXPECT_EQ(r.error().description, "startTime=1767225600, endTime=1767225600");
  nlohmann::json before = Body();
  before["endTime"] = kStart - 1;
  EXPECT_EQ(Parse(before).error().result_code(), 2007);
  nlohmann::json one_second = Body();
  one_second["endTime"] = kStart + 1;
  EXPECT_TRUE(Parse(one_second).ok());
}

TEST(MaintenanceWindowTest, OtherProblemsWinOver2007) {
  nlohmann::json body = Body();
  body["endTime"] = kStart;
  body["name"] = "";
  Expect2001(Parse(body), "$.name");
}

TEST(MaintenanceWindowTest, MissingAndMistypedFieldsAre2001) {
  for (const char* key : {"name", "description", "startTime", "endTime"}) {
    nlohmann::json body = Body();
    body.erase(key);
    Expect2001(Parse(body), std::string("$.") + key + ": missing");
  }
  nlohmann::json body = Body();
  body["startTime"] = "1767225600";
  Expect2001(Parse(body), "$.startTime: expected an integer, got string");
  body = Body();
  body["endTime"] = 1767232800.5;
  Expect2001(Parse(body), "$.endTime: expected an integer, got number");
  body = Body();
  body["name"] = nullptr;
  Expect2001(Parse(body), "$.name: expected a string, got null");
  body = Body();
  body["startTime"] = -1;
  Expect2001(Parse(body), "$.startTime: must be Unix seconds");
  body = Body();
  body["endTime"] = 253402300800;
  Expect2001(Parse(body), "$.endTime: must be Unix seconds");
}

TEST(MaintenanceWindowTest, UnknownFieldsAndVersion) {
  nlohmann::json body = Body();
  body["services"] = {"rdds"};
  Expect2001(Parse(body), "$.services: unknown field");
  body = Body();
  body["version"] = 2;
  EXPECT_TRUE(Parse(body).ok());
  body["version"] = 1;
  Expect2001(Parse(body), "$.version: must be 2");
}

TEST(MaintenanceWindowTest, ScheduleIdInBodyMustMatchThePath) {
  nlohmann::json body = Body();
  body["scheduleID"] = "q1-rdds-upgrade";
  EXPECT_TRUE(Parse(body).ok());
  body["scheduleID"] = "other";
  Expect2001(Parse(body), "$.scheduleID: \"other\" does not match the scheduleID in the URL");
  body["scheduleID"] = 5;
  Expect2001(Parse(body), "$.scheduleID: expected a string");
}

TEST(MaintenanceWindowTest, ScheduleIdSyntax) {
  EXPECT_TRUE(IsValidScheduleId("a"));
  EXPECT_TRUE(IsValidScheduleId("Q1.rdds_upgrade-2026"));
  EXPECT_TRUE(IsValidScheduleId(std::string(64, 'x')));
  EXPECT_FALSE(IsValidScheduleId(std::string(65, 'x')));
  EXPECT_FALSE(IsValidScheduleId(""));
  for (std::string_view bad : {"a b", "a/b", "a%20", "\xC3\xA9", "a:b", "a+b"}) {
    EXPECT_FALSE(IsValidScheduleId(bad)) << bad;
  }
  Expect2001(Parse(Body(), "bad/id"), "scheduleID in the URL");
  Expect2001(Parse(Body(), ""), "scheduleID in the URL");
}

TEST(MaintenanceWindowTest, LengthsCountCodePoints) {
  // 100 'é' = 200 bytes but 100 characters: allowed; 101 are not.
  std::string name;
  for (int i = 0; i < 100; ++i) name += "\xC3\xA9";
  nlohmann::json body = Body();
  body["name"] = name;
  EXPECT_TRUE(Parse(body).ok());
  body["name"] = name + "x";
  Expect2001(Parse(body), "$.name: must be 1-100 characters, got 101");
  body = Body();
  body["name"] = "";
  Expect2001(Parse(body), "$.name: must be 1-100 characters, got 0");

  std::string description;
  for (int i = 0; i < 1000; ++i) description += "\xE2\x82\xAC";  // €, 3 bytes
  body = Body();
  body["description"] = description;
  EXPECT_TRUE(Parse(body).ok());
  body["description"] = description + "x";
  Expect2001(Parse(body), "$.description: must be at most 1000 characters, got 1001");
  body["description"] = "";
  EXPECT_TRUE(Parse(body).ok());
}

TEST(MaintenanceWindowTest, ControlCharacters) {
  nlohmann::json body = Body();
  body["description"] = "line 1\nline 2\tcol\r\n";
  EXPECT_TRUE(Parse(body).ok());
  body["description"] = std::string("bell\x07");
  Expect2001(Parse(body), "$.description: must not contain control characters");
  body = Body();
  body["name"] = "two\nlines";
  Expect2001(Parse(body), "$.name: must not contain control characters");
  body["name"] = "c1 \xC2\x85 next line";
  Expect2001(Parse(body), "$.name: must not contain control characters");
}

TEST(MaintenanceWindowTest, MalformedBodiesAre2001) {
  for (std::string_view bad : {"", "{", "[]", "null", "\"x\"", R"({"name":"a","name":"b"})",
                               "{\"name\":\"\xC3\x28\"}", R"({"name":{"nested":[1]}})"}) {
    Result<MaintenanceWindow, ExtendedError> r = ParseMaintenanceWindowRequest(bad, "id");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().result_code(), 2001) << bad;
  }
  const std::string huge = "{\"name\":\"" + std::string(kMaxMaintenanceRequestBytes, 'a') + "\"}";
  Expect2001(ParseMaintenanceWindowRequest(huge, "id"), "input is");
}

TEST(MaintenanceWindowTest, CheckOnPlainStructs) {
  MaintenanceWindow w{"id", "name", "", kStart, kEnd};
  EXPECT_FALSE(CheckMaintenanceWindow(w).has_value());
  w.end_time = kStart;
  ASSERT_TRUE(CheckMaintenanceWindow(w).has_value());
  EXPECT_EQ(CheckMaintenanceWindow(w)->result_code(), 2007);
  w.name = "bad\xFF";
  ASSERT_TRUE(CheckMaintenanceWindow(w).has_value());
  EXPECT_EQ(CheckMaintenanceWindow(w)->result_code(), 2001);
  EXPECT_EQ(CheckMaintenanceWindow(w)->description, "$.name: not valid UTF-8");
}

TEST(MaintenanceWindowTest, CoversIsHalfOpen) {
  const MaintenanceWindow w{"id", "n", "", 100, 200};
  EXPECT_FALSE(w.Covers(99));
  EXPECT_TRUE(w.Covers(100));
  EXPECT_TRUE(w.Covers(199));
  EXPECT_FALSE(w.Covers(200));
}

}  // namespace
}  // namespace tldmon::admin

#include <gtest/gtest.h>

#include "core/cycle_status.h"
#include "core/entity_id.h"
#include "core/monitoring_config.h"
#include "core/result_codes.h"
#include "core/service.h"

namespace tldmon {
namespace {

TEST(EntityIdTest, ParsesAndValidates) {
  auto ry = EntityId::Parse("ry/example");
  ASSERT_TRUE(ry.ok());
  EXPECT_EQ(ry->Path(), "ry/example");
  auto rr = EntityId::Parse("rr/9999");
  ASSERT_TRUE(rr.ok());
  EXPECT_TRUE(rr->is_registrar());
  EXPECT_FALSE(EntityId::Parse("rr/0999").ok());
  EXPECT_FALSE(EntityId::Parse("rr/abc").ok());
  EXPECT_FALSE(EntityId::Parse("ry/Example").ok());
  EXPECT_FALSE(EntityId::Parse("ry/-x").ok());
  EXPECT_FALSE(EntityId::Parse("xx/example").ok());
  EXPECT_FALSE(EntityId::Parse("example").ok());
}

TEST(ServiceTest, TestKindsAndTheirServices) {
  for (Service s : kAllServices)
    EXPECT_EQ(TestKindOf(NamesakeService(TestKindOf(s))), TestKindOf(s)) << PathName(s);
  EXPECT_EQ(NamesakeService(TestKind::kDns), Service::kDns);
  EXPECT_EQ(NamesakeService(TestKind::kEpp), Service::kEpp);
  EXPECT_EQ(TestKindOf(RttKind::kDnsTcp), TestKind::kDns);
  EXPECT_EQ(TestKindOf(RttKind::kRdds80), TestKind::kRdds);
  EXPECT_EQ(TestKindOf(RttKind::kRdap), TestKind::kRdap);
  EXPECT_EQ(TestKindOf(RttKind::kEpp), TestKind::kEpp);
}

TEST(ServiceTest, Names) {
  EXPECT_EQ(PathName(Service::kDnssec), "dnssec");
  EXPECT_EQ(JsonKey(Service::kRdap), "RDAP");
  EXPECT_EQ(ParseServicePath("rdds"), Service::kRdds);
  EXPECT_FALSE(ParseServicePath("RDDS").has_value());
  EXPECT_EQ(ParseServiceName("RDDS"), Service::kRdds);
  EXPECT_EQ(TestKindOf(Service::kDnssec), TestKind::kDns);
}

TEST(CycleStatusTest, Labels) {
  EXPECT_EQ(Label(CycleStatus::kUpInconclusiveNoProbes), "Up-inconclusive-no-probes");
  EXPECT_EQ(LabelV1(CycleStatus::kUpInconclusiveReconfig), "Up-inconclusive-no-data");
  EXPECT_EQ(ParseCycleStatus("UP-inconclusive-no-data"), CycleStatus::kUpInconclusiveNoData);
  EXPECT_FALSE(ParseCycleStatus("Sideways").has_value());
}

TEST(ResultCodesTest, Classification) {
  EXPECT_TRUE(IsInternalError(-1));
  EXPECT_TRUE(IsInternalError(-199));
  EXPECT_FALSE(IsInternalError(-200));
  EXPECT_TRUE(IsDnssecError(-401));
  EXPECT_TRUE(IsDnssecError(-827));
  EXPECT_FALSE(IsDnssecError(-400));
  EXPECT_FALSE(IsDnssecError(-600));
  // mosapi-api.md §8.6 examples: RDAP 404 -> -526; RDDS80 503 -> -352; RDAP 418 -> -560.
  EXPECT_EQ(RdapHttpCode(404), -526);
  EXPECT_EQ(Rdds80HttpCode(503), -352);
  EXPECT_EQ(RdapHttpCode(418), -560);
  // Strictly greater fails (slam-algorithms.md §1.5).
  EXPECT_TRUE(IsSubtestSuccess(2500, 2500));
  EXPECT_FALSE(IsSubtestSuccess(2501, 2500));
  EXPECT_TRUE(IsSubtestSuccess(-1, 2500));
  EXPECT_TRUE(IsSubtestSuccess(kNoValue, 2500));
  EXPECT_FALSE(IsSubtestSuccess(-200, 2500));
}

TEST(MinNsScheduleTest, ParsesSwitches) {
  // slam-algorithms.md E9: "2;1767225600:3": before t0 2, from t0 on 3.
  auto s = MinNsSchedule::Parse("2;1767225600:3");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->At(1767225599), 2);
  EXPECT_EQ(s->At(1767225600), 3);
  EXPECT_EQ(s->ToString(), "2;1767225600:3");
  EXPECT_FALSE(MinNsSchedule::Parse("x").ok());
  EXPECT_FALSE(MinNsSchedule::Parse("2;5:3;4:1").ok());
}

TEST(EntityConfigTest, Validates) {
  EntityConfig c;
  c.id = {EntityKind::kRegistrar, "9999"};
  c.SetEnabled(Service::kDns, true);
  EXPECT_FALSE(c.Validate().ok());
  c.SetEnabled(Service::kDns, false);
  c.SetEnabled(Service::kRdap, true);
  EXPECT_FALSE(c.Validate().ok());  // no base URL
  c.rdap_base_url = "https://rdap.example/";
  EXPECT_TRUE(c.Validate().ok()) << c.Validate().ToString();

  EntityConfig t;
  t.id = {EntityKind::kRegistry, "example"};
  t.SetEnabled(Service::kDns, true);
  t.name_servers = {{"ns1.example", {"192.0.2.1", "2001:db8::1"}}, {"ns2.example", {"192.0.2.300"}}};
  EXPECT_FALSE(t.Validate().ok());
  t.name_servers[1].ips = {"192.0.2.2"};
  EXPECT_TRUE(t.Validate().ok()) << t.Validate().ToString();
}

TEST(MonitoringConfigTest, IpAddressesAreWholeStrings) {
  EXPECT_TRUE(IsValidIp("192.0.2.1"));
  EXPECT_TRUE(IsValidIp("2001:db8::1"));
  // Found by tests/fuzz/rdap_base_urls_import_fuzz.cc: text after a NUL was ignored.
  EXPECT_FALSE(IsValidIp(std::string_view("192.0.2.1\0junk", 14)));
  EXPECT_FALSE(IsValidIp(std::string_view("2001:db8::1\0", 12)));
  EXPECT_FALSE(IsValidIp("192.0.2.1 "));
}

}  // namespace
}  // namespace tldmon

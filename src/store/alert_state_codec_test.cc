#include "store/alert_state_codec.h"

#include <gtest/gtest.h>

namespace tldmon::store {
namespace {

engine::AlertTrackerState Example() {
  engine::AlertTrackerState s;
  engine::ActiveAlert a;
  a.key = {engine::AlertKind::kIncident, {EntityKind::kRegistrar, "9999"}, Service::kRdap, 0, "1767225780.4"};
  a.severity = engine::AlertSeverity::kCritical;
  a.summary = "RDAP of rr/9999: incident 1767225780.4, alarmed";
  a.starts_at = 1767225780;
  s.active.emplace(a.key, a);
  s.probe_last_online = {{"Lima1", -60}};
  return s;
}

TEST(AlertStateCodec, RoundTripsAndRefusesDamage) {
  const std::string bytes = EncodeAlertTracker(Example());
  auto back = DecodeAlertTracker(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, Example());
  EXPECT_EQ(DecodeAlertTracker(EncodeAlertTracker({}))->active.size(), 0u);
  // Every truncation, a trailing byte, another version, a kind out of range.
  for (std::size_t n = 0; n < bytes.size(); ++n)
    EXPECT_EQ(DecodeAlertTracker(bytes.substr(0, n)).status().code(), StatusCode::kInternal) << n;
  EXPECT_FALSE(DecodeAlertTracker(bytes + '\0').ok());
  std::string other = bytes;
  other[0] = 2;
  EXPECT_FALSE(DecodeAlertTracker(other).ok());
  std::string kind = bytes;
  kind[2] = 9;  // version, count, then the first alert's kind
  EXPECT_FALSE(DecodeAlertTracker(kind).ok());
}

}  // namespace
}  // namespace tldmon::store

#include "alerts/tlsa_alerts.h"

#include <gtest/gtest.h>

#include "alerts/alert_event_json.h"
#include "documents/render_alert.h"

namespace tldmon::alerts {
namespace {

const EntityId kTlsaAlertsExample{EntityKind::kRegistry, "example"};
constexpr const char* kName = "_client.mosapi.example";

TlsaOwnerStatus Owner(dane::TlsaState state, std::size_t records = 1) {
  return {kTlsaAlertsExample, kName, state, records, 1000, ""};
}

TEST(TlsaAlerts, BogusFiresOnceAndResolvesAfterTheHoldDown) {
  TlsaAlertState state;
  const int hold = 300;
  TlsaOwnerStatus owner = Owner(dane::TlsaState::kSecure);
  EXPECT_TRUE(ObserveTlsa(&state, {&owner, 1}, 1000, hold).empty());
  owner = Owner(dane::TlsaState::kBogus, 0);
  owner.why = "RRSIG expired";
  auto e = ObserveTlsa(&state, {&owner, 1}, 1060, hold);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_TRUE(e[0].firing);
  EXPECT_EQ(e[0].alert.key.Fingerprint(), "tlsa/ry/example/_client.mosapi.example");
  EXPECT_EQ(e[0].alert.severity, engine::AlertSeverity::kCritical);
  EXPECT_EQ(e[0].alert.summary,
            "TLS client certificates of ry/example refused: TLSA _client.mosapi.example is bogus "
            "(signatures do not validate): RRSIG expired");
  EXPECT_TRUE(ObserveTlsa(&state, {&owner, 1}, 1120, hold).empty());  // once
  owner = Owner(dane::TlsaState::kSecure);
  EXPECT_TRUE(ObserveTlsa(&state, {&owner, 1}, 1180, hold).empty());  // hold-down runs
  // The state survives a restart exactly.
  auto decoded = DecodeTlsaAlertState(EncodeTlsaAlertState(state));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, state);
  e = ObserveTlsa(&*decoded, {&owner, 1}, 1480, hold);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_FALSE(e[0].firing);
  EXPECT_EQ(e[0].ends_at, 1180);
  EXPECT_TRUE(decoded->firing.empty());
}

TEST(TlsaAlerts, VanishingAndGraceAndRemovedEntries) {
  TlsaAlertState state;
  // A failed lookup within the grace period is no alert; after it, one.
  TlsaOwnerStatus owner = Owner(dane::TlsaState::kError, 2);
  EXPECT_TRUE(ObserveTlsa(&state, {&owner, 1}, 1000, 0).empty());
  owner.records = 0;
  EXPECT_EQ(ObserveTlsa(&state, {&owner, 1}, 1060, 0).size(), 1u);
  // The operator removes the entry: resolved at once.
  auto e = ObserveTlsa(&state, {}, 1120, 300);
  ASSERT_EQ(e.size(), 1u);
  EXPECT_FALSE(e[0].firing);
  EXPECT_EQ(e[0].ends_at, 1120);
  for (auto gone : {dane::TlsaState::kSecureNoData, dane::TlsaState::kSecureNxDomain,
                    dane::TlsaState::kInsecure})
    EXPECT_TRUE(TlsaProblem(Owner(gone, 0))) << dane::TlsaStateName(gone);
  // Never looked up: nothing known, nothing said.
  TlsaOwnerStatus unseen = Owner(dane::TlsaState::kError, 0);
  unseen.fetched_at = 0;
  EXPECT_EQ(TlsaProblem(unseen), std::nullopt);
  EXPECT_EQ(DecodeTlsaAlertState("{}").status().code(), StatusCode::kInternal);
}

TEST(TlsaAlerts, TheEventReadsBackWithItsOwnerName) {
  TlsaAlertState state;
  TlsaOwnerStatus owner = Owner(dane::TlsaState::kBogus, 0);
  auto e = ObserveTlsa(&state, {&owner, 1}, 1000, 0);
  ASSERT_EQ(e.size(), 1u);
  const std::string body = documents::RenderAlertEvent(e[0], 1000);
  auto p = ParseAlertEvent(body);
  ASSERT_TRUE(p.ok()) << body;
  EXPECT_EQ(p->event.alert.key, e[0].alert.key);
  EXPECT_NE(body.find("\"tlsaName\":\"_client.mosapi.example\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"service\":null"), std::string::npos) << body;
}

}  // namespace
}  // namespace tldmon::alerts

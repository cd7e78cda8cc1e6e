#include "alerts/alert_event_json.h"

#include <gtest/gtest.h>

#include "alerts/channel_sender.h"
#include "documents/render_alert.h"

namespace tldmon::alerts {
namespace {

const EntityId kExample{EntityKind::kRegistry, "example"};

TEST(AlertEventJson, ReadsBackWhatTheQueueKeeps) {
  engine::AlertEvent e;
  e.alert.key = {engine::AlertKind::kIncident, kExample, Service::kDnssec, 0, "1767225780.1"};
  e.alert.severity = engine::AlertSeverity::kCritical;
  e.alert.summary = "DNSSEC of ry/example: incident 1767225780.1, alarmed";
  e.alert.starts_at = 1767225780;
  e.firing = false;
  e.ends_at = 1767226200;
  auto p = ParseAlertEvent(documents::RenderAlertEvent(e, 1767226260));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->event.alert.key, e.alert.key);
  EXPECT_EQ(p->event.alert.severity, e.alert.severity);
  EXPECT_EQ(p->event.alert.summary, e.alert.summary);
  EXPECT_EQ(p->event.alert.starts_at, e.alert.starts_at);
  EXPECT_FALSE(p->event.firing);
  EXPECT_EQ(p->event.ends_at, e.ends_at);
  EXPECT_EQ(p->cycle, 1767226260);
  EXPECT_EQ(p->dashboard_link, "/ui/#/entity/ry/example");
  EXPECT_EQ(p->mosapi_link, "/ry/example/v2/monitoring/dnssec/incidents/1767225780.1");
  EXPECT_FALSE(p->test);

  engine::AlertEvent probe;
  probe.alert.key = {engine::AlertKind::kProbeOffline, {}, Service::kDns, 0, "Tokyo1"};
  probe.alert.starts_at = 1767225600;
  auto q = ParseAlertEvent(documents::RenderAlertEvent(probe, 1767225600));
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->event.alert.key, probe.alert.key);
  EXPECT_TRUE(q->event.firing);
  EXPECT_EQ(q->event.ends_at, std::nullopt);
}

TEST(AlertEventJson, TheTestEventAndBadBodies) {
  auto t = ParseAlertEvent(RenderTestEvent(kExample, 1767225600));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_TRUE(t->test);
  EXPECT_EQ(t->event.alert.key.entity, kExample);
  EXPECT_TRUE(t->event.firing);
  for (const char* bad : {"", "[]", "{\"formatVersion\":2}",
                          R"({"formatVersion":1,"kind":"nope","severity":"info","status":"firing","startsAt":1})",
                          R"({"formatVersion":1,"kind":"budget","severity":"loud","status":"firing","startsAt":1})",
                          R"({"formatVersion":1,"kind":"budget","severity":"info","status":"maybe","startsAt":1})",
                          R"({"formatVersion":1,"kind":"budget","severity":"info","status":"firing"})",
                          R"({"formatVersion":1,"kind":"budget","severity":"info","status":"firing","startsAt":1,"entity":"xx/y"})"})
    EXPECT_EQ(ParseAlertEvent(bad).status().code(), StatusCode::kInvalidArgument) << bad;
}

TEST(WebhookBody, TheIdGoesFirst) {
  EXPECT_EQ(WebhookBody({7, 0, "f", true, R"({"formatVersion":1})"}), R"({"id":7,"formatVersion":1})");
  EXPECT_EQ(WebhookBody({8, 0, "f", true, "{}"}), R"({"id":8})");
}

}  // namespace
}  // namespace tldmon::alerts

#include "alerts/alertmanager_payload.h"

#include <gtest/gtest.h>

namespace tldmon::alerts {
namespace {

using nlohmann::json;

TEST(AlertmanagerPayload, AnIncidentFiringAndResolved) {
  engine::ActiveAlert a;
  a.key = {engine::AlertKind::kIncident, {EntityKind::kRegistry, "example"}, Service::kDns, 0,
           "1767225780.1"};
  a.severity = engine::AlertSeverity::kCritical;
  a.summary = "DNS of ry/example: incident 1767225780.1, alarmed";
  a.starts_at = 1767225780;
  const json firing = AlertmanagerAlert(a, std::nullopt, 1767226000, 600, "https://tldmon.example/");
  EXPECT_EQ(firing, json::parse(R"({
    "labels": {"alertname": "TldmonIncident", "severity": "critical",
               "fingerprint": "incident/ry/example/dns/1767225780.1", "entity": "ry/example",
               "tld": "example", "service": "dns", "incidentID": "1767225780.1"},
    "annotations": {"summary": "DNS of ry/example: incident 1767225780.1, alarmed"},
    "startsAt": "2026-01-01T00:03:00Z",
    "endsAt": "2026-01-01T00:16:40Z",
    "generatorURL": "https://tldmon.example/ui/#/incident/ry/example/dns/1767225780.1"})"));
  const json resolved = AlertmanagerAlert(a, 1767226200, 1767226500, 600, "https://tldmon.example");
  EXPECT_EQ(resolved["endsAt"], "2026-01-01T00:10:00Z");
  EXPECT_EQ(resolved["labels"], firing["labels"]);  // the same alert for Alertmanager
}

TEST(AlertmanagerPayload, ProbeAndRegistrarLabels) {
  engine::ActiveAlert p;
  p.key = {engine::AlertKind::kProbeOffline, {}, Service::kDns, 0, "Tokyo1"};
  const json probe = AlertmanagerAlert(p, std::nullopt, 0, 60, "http://127.0.0.1:8080");
  EXPECT_EQ(probe["labels"]["alertname"], "TldmonProbeOffline");
  EXPECT_EQ(probe["labels"]["probe"], "Tokyo1");
  EXPECT_FALSE(probe["labels"].contains("entity"));
  EXPECT_FALSE(probe["labels"].contains("service"));
  EXPECT_EQ(probe["generatorURL"], "http://127.0.0.1:8080/ui/#/probes");
  engine::ActiveAlert b;
  b.key = {engine::AlertKind::kBudget, {EntityKind::kRegistrar, "9999"}, Service::kRdap, 75, {}};
  const json budget = AlertmanagerAlert(b, std::nullopt, 0, 60, "");
  EXPECT_EQ(budget["labels"]["registrarID"], "9999");
  EXPECT_EQ(budget["labels"]["step"], "75");
  EXPECT_EQ(budget["labels"]["alertname"], "TldmonBudget");
  EXPECT_EQ(AlertmanagerName(engine::AlertKind::kProbesBelowMinimum), "TldmonProbesBelowMinimum");
}

}  // namespace
}  // namespace tldmon::alerts

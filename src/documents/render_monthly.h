// The monthly figures of one entity (slam-algorithms.md §8 monthly downtime
// against the SLR, §9 RTT ratios, §8/E9 NS-IP downtime), as a read-only JSON
// document for the dashboard (/ui/api/, mounted later) and for
// `tldmon admin status --month`. MoSAPI has no such object: the format is
// tldmon's own, documented in docs/formats/monthly-figures.md and pinned by
// tests/conformance/ui/monthly_ry_example.json.
//
// The figures are the engine's for the month of its latest cycle; they are
// rebuilt after every cycle with the other per-entity documents.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/entity_id.h"
#include "core/monitoring_config.h"
#include "core/result_codes.h"
#include "core/service.h"
#include "core/time.h"
#include "engine/engine.h"

namespace tldmon::documents {

struct MonthlyService {
  Service service = Service::kDns;
  engine::MonthlyFigures figures;  // figures.month == 0: no cycle yet
};

struct MonthlyRtt {
  RttKind kind = RttKind::kDnsUdp;
  UnixSeconds month = 0;  // month of the test's latest cycle; 0: no cycle yet
  engine::RttRatio ratio;
};

struct MonthlyReport {
  EntityId entity;
  std::vector<MonthlyService> services;     // enabled services, Service order (EPP never)
  std::vector<MonthlyRtt> rtt;              // RTT kinds of those services
  double rtt_failed_percent_allowed = 5;    // SlaParams (§9 SLR)
  std::vector<engine::NsIpMonthly> ns_ips;  // registries with DNS: every name-server IP
};

// The engine's figures for `entity` as of its latest cycle.
MonthlyReport CollectMonthly(const engine::Engine& engine, const EntityConfig& entity);

// {"formatVersion":1,"lastUpdate":t,"tld"|"registrarID",
//  "services":[{"service","month","downtime","downtimeSLR","downtimeMet"}],
//  "rtt":[{"kind","month","performed","failed","expected","cyclesLeft",
//          "failedPercent","failedPercentAllowed","met"}],
//  "nameServerIPs":[{"ns","ip","month","downtime","downtimeSLR","downtimeMet","status"}]}
// "month" is "YYYY-MM" (UTC) or null before the first cycle.
std::string RenderMonthly(UnixSeconds last_update, const MonthlyReport& report);

// Where the document is published in the DocumentStore:
// "ui/api/<entity>/<id>/monthly" ("ui/api/ry/example/monthly"). Outside the
// MoSAPI tree, so no MoSAPI route serves it; the dashboard mount will.
std::string MonthlyPath(const EntityId& entity);

// The "kind" of an RTT item: dnsUdp, dnsTcp, rdds43, rdds80, rdap, epp.
std::string_view RttKindName(RttKind kind);

// "YYYY-MM" of a month start.
std::string MonthLabel(UnixSeconds month_start);

}  // namespace tldmon::documents

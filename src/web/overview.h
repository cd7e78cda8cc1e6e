// The overview table (docs/dashboard.md "Overview"): one row per entity ×
// monitored service, read from the MoSAPI documents the engine published
// for the last cycle — so every figure on the page is the one the API
// serves (the gauge's percentage is the state's emergencyThreshold, its
// minutes the downtime document's `downtime`).
//
// Pure: reads a DocumentMap snapshot; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/entity_id.h"
#include "core/service.h"
#include "core/time.h"
#include "documents/document_store.h"
#include "engine/sla_params.h"

namespace tldmon::web {

struct OverviewRow {
  EntityId entity;
  Service service = Service::kDns;
  std::string status;   // the state document's service status ("Up", "Down", "Up-inconclusive-…")
  std::string alarmed;  // "Yes", "No", "Disabled" (alarmed document)
  int downtime = 0;     // rolling-week minutes (downtime document)
  int threshold = 0;    // the emergency threshold, minutes (SlaParams rollweek_sla_minutes)
  double emergency = 0; // downtime as % of the threshold (state document)
  std::string active_incident;  // incidentID of the active incident, if any
  int incidents = 0;            // incidents in the state document (rolling week)
  int false_positives = 0;      // of those, marked false positive
};

struct Overview {
  UnixSeconds updated = 0;  // the newest lastUpdateApiDatabase seen
  std::vector<OverviewRow> rows;  // entity then service order
};

// Every entity with a v2 state document in `docs`, each of its services
// that is not Disabled.
Overview CollectOverview(const documents::DocumentMap& docs, const engine::SlaParams& params);

// {"updated":t,"columns":[...],"rows":[[entity,service,status,alarmed,
//  downtime,threshold,emergency,activeIncident|null,incidents,falsePositives],...]}
// (docs/dashboard.md "GET /ui/api/overview"), rows for which `visible` holds.
template <typename Visible>
std::string OverviewJson(const Overview& overview, Visible&& visible);
std::string OverviewRowsJson(const Overview& overview, const std::vector<bool>& visible);

template <typename Visible>
std::string OverviewJson(const Overview& overview, Visible&& visible) {
  std::vector<bool> keep(overview.rows.size());
  for (std::size_t i = 0; i < keep.size(); ++i) keep[i] = visible(overview.rows[i].entity);
  return OverviewRowsJson(overview, keep);
}

}  // namespace tldmon::web

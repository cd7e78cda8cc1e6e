// The status table of `admin status`, the demo and `simulate`: one row per
// (entity, enabled service) with what MoSAPI would show for it now (status,
// alarmed, rolling-week downtime, emergencyThreshold, open incident) plus the
// monthly downtime. Built from an Engine's figures (Summarize, Monthly).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.h"

namespace tldmon::app {

struct ServiceRow {
  EntityId entity;
  Service service = Service::kDns;
  std::string status;           // label of the latest cycle ("Up", "Down", ...) or "-" before any
  std::string alarmed;          // "Yes" / "No"
  int downtime_minutes = 0;     // rolling week (mosapi-api.md §6.4)
  double emergency_threshold = 0;
  std::string open_incident;    // incidentID of the open incident, "" if none
  int incidents = 0;            // every incident so far
  int month_downtime_minutes = 0;
};

// Rows for every entity (engine order) and enabled service (DNS, DNSSEC, RDDS, RDAP, EPP order).
std::vector<ServiceRow> CollectServiceRows(const engine::Engine& engine);

// A fixed-width text table with a header line.
void PrintServiceTable(std::ostream& out, const std::vector<ServiceRow>& rows);

// [{"entity":"ry/example","service":"DNS","status":"Up",...}, ...]
nlohmann::json ServiceRowsJson(const std::vector<ServiceRow>& rows);

}  // namespace tldmon::app

// `tldmon admin ...`: what ICANN's Naming Services portal does, on a data
// directory (docs/operations.md "tldmon admin"): entities and probes
// (admin_entity.h), accounts, passwords, allow-lists and roles
// (admin_access.h), incidents' false-positive flags and the METRICA / RDAP
// base URL imports (admin_incident.h), and `status`: a table of every entity
// and service (status, alarmed, rolling-week downtime, emergencyThreshold,
// open incident) as of the last committed cycle. Conventions shared by all
// of them: admin_context.h.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminCommand(CLI::App& app, int* exit_code);

}  // namespace tldmon::app

// The MoSAPI documents a processed cycle changes, rendered from the engine's
// figures into a DocumentBatch for DocumentStore::Publish (DESIGN.md
// "Documents, not queries, on the hot path"; paths in documents/document_paths.h).
//
// Per entity: ui/api/<entity>/<id>/monthly (the monthly figures,
// documents/render_monthly.h; not a MoSAPI object), and in every API version
// whose tree has the service (documents::ServiceInTree):
//   state                                      (all services; mosapi-api.md §6.2)
//   <svc>/alarmed                              (§6.3; "Disabled" when disabled)
//   <svc>/downtime                             (§6.4; removed when disabled: 404)
//   <svc>/incidents                            (§6.5 list: every incident)
//   <svc>/incidents/<id>/{state,falsePositive,measurements}
// Measurement objects themselves are not published here: they are rebuilt
// from stored reports on demand (DESIGN.md), so the store does not grow with
// every cycle.
//
// Pure functions of the engine's state; not thread-safe with respect to a
// concurrent mutation of that engine (the caller owns it).
#pragma once

#include <span>

#include "core/monitoring_config.h"
#include "core/service.h"
#include "core/time.h"
#include "documents/document_store.h"
#include "engine/engine.h"

namespace tldmon::ingest {

// Which incidents get their per-incident documents re-rendered.
enum class IncidentDocs {
  kAll,           // every incident (start-up, false-positive change)
  kActiveOrNew,   // open ones (their measurement list grows) and `changed`
};

// Adds the entity's state document and, for each service in `services`, its
// per-service documents. `changed` lists incidents opened/closed/flagged in
// the cycle (from CycleOutput::incidents); with kActiveOrNew only those and
// the open incidents get per-incident documents.
void AddEntityDocuments(const engine::Engine& engine, const EntityConfig& entity,
                        std::span<const Service> services, UnixSeconds now, IncidentDocs which,
                        std::span<const engine::IncidentChange> changed,
                        documents::DocumentBatch* batch);

// Everything one processed cycle changed: the documents of every entity with
// a verdict in `output`, for the services of output.test.
documents::DocumentBatch CycleDocuments(const engine::Engine& engine,
                                        const engine::CycleOutput& output, UnixSeconds now);

// Every document of every configured entity, all services (start-up).
documents::DocumentBatch AllDocuments(const engine::Engine& engine, UnixSeconds now);

}  // namespace tldmon::ingest

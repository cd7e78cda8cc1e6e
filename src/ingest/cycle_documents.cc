#include "ingest/cycle_documents.h"

#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/document.h"
#include "engine/document_paths.h"
#include "engine/render_alarmed.h"
#include "engine/render_common.h"
#include "engine/render_incident.h"
#include "engine/render_state.h"

namespace tldmon::ingest {
namespace {

constexpr std::array<engine::ApiVersion, 2> kVersions = {engine::ApiVersion::kV1,
                                                         engine::ApiVersion::kV2};

std::vector<Service> ServicesOf(TestKind test) {
  std::vector<Service> out;
  for (Service s : kAllServices)
    if (TestKindOf(s) == test) out.push_back(s);
  return out;
}

void Put(engine::DocumentBatch* batch, std::string path, std::string body, UnixSeconds now) {
  batch->Put(std::move(path), engine::Document::Make(std::move(body), now));
}

}  // namespace

void AddEntityDocuments(const engine::Engine& engine, const EntityConfig& entity,
                        std::span<const Service> services, UnixSeconds now, IncidentDocs which,
                        std::span<const engine::IncidentChange> changed,
                        engine::DocumentBatch* batch) {
  const EntityId& id = entity.id;
  std::array<engine::ServiceSummary, kServiceCount> summaries;
  for (Service s : kAllServices) summaries[static_cast<std::size_t>(Index(s))] = engine.Summarize(id, s);

  const auto& states = engine.state().entities;
  const auto entity_state = states.find(id);

  for (engine::ApiVersion v : kVersions) {
    const engine::Envelope env{v, now};
    Put(batch, engine::StatePath(id, v), engine::RenderState(id, env, summaries), now);

    for (Service s : services) {
      if (!engine::ServiceInTree(id.kind, v, s)) continue;
      const engine::ServiceSummary& sum = summaries[static_cast<std::size_t>(Index(s))];
      Put(batch, engine::AlarmedPath(id, v, s),
          engine::RenderAlarmed(env, engine::AlarmedValue(sum)), now);
      // SLAM deletes the downtime file of a disabled service (§6.4): 404.
      if (sum.enabled) {
        Put(batch, engine::DowntimePath(id, v, s), engine::RenderDowntime(env, sum.downtime_minutes),
            now);
      } else {
        batch->Remove(engine::DowntimePath(id, v, s));
      }

      std::span<const engine::Incident> incidents;
      if (entity_state != states.end())
        incidents = entity_state->second.services[static_cast<std::size_t>(Index(s))].incidents;
      Put(batch, engine::IncidentListPath(id, v, s), engine::RenderIncidentList(env, incidents), now);

      std::set<std::string> changed_ids;
      for (const engine::IncidentChange& c : changed)
        if (c.entity == id && c.service == s) changed_ids.insert(c.incident.Id());
      const int delay = engine.params().Of(s).cycle_seconds;
      const UnixSeconds last_cycle =
          entity_state != states.end()
              ? entity_state->second.services[static_cast<std::size_t>(Index(s))].last_cycle
              : engine::kNever;
      for (const engine::Incident& inc : incidents) {
        const std::string inc_id = inc.Id();
        if (which == IncidentDocs::kActiveOrNew && !inc.active() && !changed_ids.count(inc_id)) continue;
        Put(batch, engine::IncidentStatePath(id, v, s, inc_id), engine::RenderIncidentState(env, inc), now);
        Put(batch, engine::FalsePositivePath(id, v, s, inc_id), engine::RenderFalsePositive(env, inc), now);
        Put(batch, engine::IncidentMeasurementsPath(id, v, s, inc_id),
            engine::RenderIncidentMeasurements(env, inc, delay, last_cycle), now);
      }
    }
  }
}

engine::DocumentBatch CycleDocuments(const engine::Engine& engine, const engine::CycleOutput& output,
                                     UnixSeconds now) {
  engine::DocumentBatch batch;
  const std::vector<Service> services = ServicesOf(output.test);
  std::set<EntityId> done;
  for (const engine::ServiceVerdict& v : output.verdicts) {
    if (!done.insert(v.entity).second) continue;
    const EntityConfig* e = engine.FindEntity(v.entity);
    if (e == nullptr) continue;
    AddEntityDocuments(engine, *e, services, now, IncidentDocs::kActiveOrNew, output.incidents, &batch);
  }
  return batch;
}

engine::DocumentBatch AllDocuments(const engine::Engine& engine, UnixSeconds now) {
  engine::DocumentBatch batch;
  for (const EntityConfig& e : engine.entities())
    AddEntityDocuments(engine, e, kAllServices, now, IncidentDocs::kAll, {}, &batch);
  return batch;
}

}  // namespace tldmon::ingest

#include "ingest/cycle_documents.h"

#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "documents/document.h"
#include "documents/document_paths.h"
#include "documents/render_alarmed.h"
#include "documents/render_common.h"
#include "documents/render_incident.h"
#include "documents/render_monthly.h"
#include "documents/render_state.h"

namespace tldmon::ingest {
namespace {

constexpr std::array<documents::ApiVersion, 2> kVersions = {documents::ApiVersion::kV1,
                                                            documents::ApiVersion::kV2};

std::vector<Service> ServicesOf(TestKind test) {
  std::vector<Service> out;
  for (Service s : kAllServices)
    if (TestKindOf(s) == test) out.push_back(s);
  return out;
}

void Put(documents::DocumentBatch* batch, std::string path, std::string body, UnixSeconds now) {
  batch->Put(std::move(path), documents::Document::Make(std::move(body), now));
}

}  // namespace

void AddEntityDocuments(const engine::Engine& engine, const EntityConfig& entity,
                        std::span<const Service> services, UnixSeconds now, IncidentDocs which,
                        std::span<const engine::IncidentChange> changed,
                        documents::DocumentBatch* batch) {
  const EntityId& id = entity.id;
  std::array<engine::ServiceSummary, kServiceCount> summaries;
  for (Service s : kAllServices) summaries[static_cast<std::size_t>(Index(s))] = engine.Summarize(id, s);

  const auto& states = engine.state().entities;
  const auto entity_state = states.find(id);

  // Monthly SLR, RTT and NS-IP figures (docs/formats/monthly-figures.md): one
  // document per entity, outside the MoSAPI tree, for the dashboard.
  Put(batch, documents::MonthlyPath(id),
      documents::RenderMonthly(now, documents::CollectMonthly(engine, entity)), now);

  for (documents::ApiVersion v : kVersions) {
    const documents::Envelope env{v, now};
    Put(batch, documents::StatePath(id, v), documents::RenderState(id, env, summaries), now);

    for (Service s : services) {
      if (!documents::ServiceInTree(id.kind, v, s)) continue;
      const engine::ServiceSummary& sum = summaries[static_cast<std::size_t>(Index(s))];
      Put(batch, documents::AlarmedPath(id, v, s),
          documents::RenderAlarmed(env, documents::AlarmedValue(sum)), now);
      // SLAM deletes the downtime file of a disabled service (§6.4): 404.
      if (sum.enabled) {
        Put(batch, documents::DowntimePath(id, v, s),
            documents::RenderDowntime(env, sum.downtime_minutes), now);
      } else {
        batch->Remove(documents::DowntimePath(id, v, s));
      }

      std::span<const engine::Incident> incidents;
      if (entity_state != states.end())
        incidents = entity_state->second.services[static_cast<std::size_t>(Index(s))].incidents;
      Put(batch, documents::IncidentListPath(id, v, s),
          documents::RenderIncidentList(env, incidents), now);

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
        Put(batch, documents::IncidentStatePath(id, v, s, inc_id),
            documents::RenderIncidentState(env, inc), now);
        Put(batch, documents::FalsePositivePath(id, v, s, inc_id),
            documents::RenderFalsePositive(env, inc), now);
        Put(batch, documents::IncidentMeasurementsPath(id, v, s, inc_id),
            documents::RenderIncidentMeasurements(env, inc, delay, last_cycle), now);
      }
    }
  }
}

documents::DocumentBatch CycleDocuments(const engine::Engine& engine,
                                        const engine::CycleOutput& output, UnixSeconds now) {
  documents::DocumentBatch batch;
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

documents::DocumentBatch AllDocuments(const engine::Engine& engine, UnixSeconds now) {
  documents::DocumentBatch batch;
  for (const EntityConfig& e : engine.entities())
    AddEntityDocuments(engine, e, kAllServices, now, IncidentDocs::kAll, {}, &batch);
  return batch;
}

}  // namespace tldmon::ingest

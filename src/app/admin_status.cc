#include "app/admin_status.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "engine/state_reconcile.h"

namespace tldmon::app {

Result<std::unique_ptr<engine::Engine>> LoadCommittedEngine(const store::Store& store) {
  auto params = store.LoadSlaParams();
  if (!params.ok()) return params.status();
  auto entities = store.LoadEntities();
  if (!entities.ok()) return entities.status();
  auto records = store.LoadProbes();
  if (!records.ok()) return records.status();
  std::vector<ProbeNode> probes;
  for (const auto& r : *records) probes.push_back(r.node);
  auto state = store.LoadEngineState();
  if (state.status().code() == StatusCode::kNotFound)
    return std::make_unique<engine::Engine>(*params, *entities, probes);
  if (!state.ok()) return state.status();
  // Fit the state to configuration changed since (engine/state_reconcile.h).
  auto eng =
      engine::Engine::Restore(*params, *entities, probes,
                              engine::ReconcileState(std::move(*state), *entities, probes.size()));
  if (!eng.ok()) return eng.status();
  return std::make_unique<engine::Engine>(std::move(*eng));
}

Result<UnixSeconds> ParseMonthArg(std::string_view text) {
  const std::optional<CivilDate> day = ParseDate(std::string(text) + "-01");
  if (text.size() != 7 || !day.has_value())
    return InvalidArgument("--month wants YYYY-MM, got '" + std::string(text) + "'");
  return FromCivilDate(*day);
}

Result<std::vector<documents::MonthlyReport>> MonthlyReports(const engine::Engine& engine,
                                                             UnixSeconds month) {
  UnixSeconds last = engine::kNever;
  for (UnixSeconds c : engine.state().last_cycle) last = std::max(last, c);
  if (last == engine::kNever)
    return FailedPrecondition("no cycle processed yet: no monthly figures");
  if (MonthStart(last) != month)
    return FailedPrecondition("monthly figures are kept for the month of the latest cycle only (" +
                              documents::MonthLabel(MonthStart(last)) + "), not " +
                              documents::MonthLabel(month));
  std::vector<documents::MonthlyReport> out;
  for (const EntityConfig& e : engine.entities())
    out.push_back(documents::CollectMonthly(engine, e));
  return out;
}

nlohmann::json MonthlyJson(const std::vector<documents::MonthlyReport>& reports, UnixSeconds now) {
  nlohmann::json out = nlohmann::json::array();
  for (const documents::MonthlyReport& r : reports)
    out.push_back(nlohmann::json::parse(documents::RenderMonthly(now, r)));
  return out;
}

void PrintMonthlyTable(std::ostream& out, const std::vector<documents::MonthlyReport>& reports) {
  out << fmt::format("{:<16} {:<8} {:<8} {:>9} {:>6} {:<5}\n", "entity", "service", "month",
                     "downtime", "SLR", "met");
  for (const documents::MonthlyReport& r : reports) {
    for (const documents::MonthlyService& s : r.services) {
      out << fmt::format("{:<16} {:<8} {:<8} {:>9} {:>6} {:<5}\n", r.entity.Path(),
                         PathName(s.service),
                         s.figures.month == 0 ? "-" : documents::MonthLabel(s.figures.month),
                         s.figures.downtime_minutes, s.figures.downtime_slr_minutes,
                         s.figures.downtime_met ? "yes" : "NO");
    }
  }
  out << fmt::format("\n{:<16} {:<8} {:>10} {:>8} {:>9} {:<5}\n", "entity", "rtt", "performed",
                     "failed", "failed %", "met");
  for (const documents::MonthlyReport& r : reports) {
    for (const documents::MonthlyRtt& m : r.rtt) {
      if (m.month == 0) continue;  // the test has not run yet
      out << fmt::format("{:<16} {:<8} {:>10} {:>8} {:>9.3f} {:<5}\n", r.entity.Path(),
                         documents::RttKindName(m.kind), m.ratio.performed, m.ratio.failed,
                         m.ratio.pfailed, m.ratio.met ? "yes" : "NO");
    }
  }
}

}  // namespace tldmon::app

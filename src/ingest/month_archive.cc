#include "ingest/month_archive.h"

#include "documents/render_monthly.h"

namespace tldmon::ingest {

bool IsLastCycleOfMonth(UnixSeconds cycle, int cycle_seconds) {
  return NextMonthStart(cycle) <= cycle + cycle_seconds;
}

std::vector<store::MonthlyFiguresRow> MonthArchive(const engine::Engine& engine, TestKind test,
                                                   UnixSeconds cycle, UnixSeconds now) {
  std::vector<store::MonthlyFiguresRow> out;
  for (const EntityConfig& e : engine.entities()) {
    bool tested = false;
    for (Service s : kAllServices) tested = tested || (TestKindOf(s) == test && e.IsEnabled(s));
    if (!tested) continue;
    out.push_back({e.id, MonthStart(cycle), test,
                   documents::RenderMonthly(now, documents::CollectMonthly(engine, e))});
  }
  return out;
}

}  // namespace tldmon::ingest

// The monthly report's past months (docs/dashboard.md "Monthly report"):
// the engine's monthly counters restart with each UTC month, so when the
// last cycle of a month of a test kind has been processed, every entity's
// monthly document is kept (Store::KeepMonthlyFigures). That test kind's
// entries in it are the month's final figures; the others may already
// belong to the next month, and the reader (web::PastMonthly) skips them.
#pragma once

#include <vector>

#include "core/service.h"
#include "core/time.h"
#include "engine/engine.h"
#include "store/store.h"

namespace tldmon::ingest {

// Whether a cycle of `cycle_seconds` starting at `cycle` is the last one of
// its UTC month.
bool IsLastCycleOfMonth(UnixSeconds cycle, int cycle_seconds);

// The documents to keep after the engine processed `cycle` of `test`: one
// per entity with a service of that test enabled.
std::vector<store::MonthlyFiguresRow> MonthArchive(const engine::Engine& engine, TestKind test,
                                                   UnixSeconds cycle, UnixSeconds now);

}  // namespace tldmon::ingest

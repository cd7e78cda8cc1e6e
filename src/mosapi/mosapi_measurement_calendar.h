// MeasurementCalendar: which UTC days hold measurements of one service of
// one entity — the directory tree of recent measurements (mosapi-api.md
// §6.9: years, months, days). A measurement exists for every cycle with a
// stored verdict, so the calendar is derived from Store::Verdicts.
//
// Per (entity, service) it keeps the sorted list of days seen and a
// frontier: every verdict of a cycle before the frontier has been read. This
// is sound because the pipeline commits the cycles of a test kind in
// ascending order (store.h CommitCycle), so once cycle c is committed no
// verdict of an earlier cycle can appear. The frontier is the later of the
// last verdict seen + 1 and (a committed cycle found just before "now",
// probed with CycleProbeOnline before reading) + 1. The first request scans
// the history in 31-day windows from 1970 (empty windows cost one index
// probe each); later requests read only the verdicts after the frontier —
// in steady state the few cycles since the previous request.
//
// Memory: 4 bytes per day with data per (entity, service) asked for
// (about 1.5 kB per year).
//
// Holds references to the Store and Clock (they must outlive it).
// Thread-safe: one mutex for the map, one per (entity, service) for its scan.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/entity_id.h"
#include "core/service.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::mosapi {

// Days since 1970-01-01 (UTC): t / 86400 for the cycle start t.
using DayNumber = std::int32_t;

class MeasurementCalendar {
 public:
  MeasurementCalendar(const store::Store& store, const Clock& clock)
      : store_(store), clock_(clock) {}

  // Every UTC day with at least one measurement (verdict) of the service,
  // ascending, as of now. `cycle_seconds` is the service's cycle length.
  // NotFound for an entity the store never knew; other Store errors as is.
  Result<std::vector<DayNumber>> Days(const EntityId& entity, Service service, int cycle_seconds);

 private:
  struct Index {
    Mutex mu;
    std::vector<DayNumber> days GUARDED_BY(mu);  // ascending, distinct
    UnixSeconds frontier GUARDED_BY(mu) = 0;
    bool scanned GUARDED_BY(mu) = false;  // the initial scan is done
  };

  // Reads the verdicts in [from, to) into `index`; returns the last cycle seen.
  Result<std::optional<UnixSeconds>> Scan(const EntityId& entity, Service service, UnixSeconds from,
                                          UnixSeconds to, Index& index) REQUIRES(index.mu);
  // The latest cycle of `test` committed shortly before now, if any.
  Result<std::optional<UnixSeconds>> RecentCommittedCycle(TestKind test, int cycle_seconds);

  const store::Store& store_;
  const Clock& clock_;
  Mutex mu_;
  std::map<std::pair<EntityId, Service>, std::shared_ptr<Index>> indexes_ GUARDED_BY(mu_);
};

}  // namespace tldmon::mosapi

#include "mosapi/mosapi_measurement_calendar.h"

#include <algorithm>
#include <limits>
#include <optional>

namespace tldmon::mosapi {
namespace {

constexpr UnixSeconds kScanWindow = 31 * kSecondsPerDay;
// How many cycles before now are probed for a committed one: the pipeline
// processes a cycle after its end plus a grace period (120 s by default),
// i.e. one or two cycles back; a pipeline further behind is catching up and
// the frontier then advances by the verdicts themselves.
constexpr int kCommittedProbeCycles = 4;

}  // namespace

Result<std::optional<UnixSeconds>> MeasurementCalendar::Scan(const EntityId& entity,
                                                             Service service, UnixSeconds from,
                                                             UnixSeconds to, Index& index) {
  Result<std::vector<store::CycleVerdict>> verdicts = store_.Verdicts(entity, service, from, to);
  if (!verdicts.ok()) return verdicts.status();
  if (verdicts->empty()) return std::optional<UnixSeconds>();
  for (const store::CycleVerdict& v : *verdicts) {
    const auto day = static_cast<DayNumber>(v.cycle / kSecondsPerDay);
    if (index.days.empty() || index.days.back() < day) index.days.push_back(day);
  }
  return std::optional<UnixSeconds>(verdicts->back().cycle);
}

Result<std::optional<UnixSeconds>> MeasurementCalendar::RecentCommittedCycle(TestKind test,
                                                                             int cycle_seconds) {
  const UnixSeconds newest = CycleStart(clock_.Now(), cycle_seconds);
  for (int k = 1; k <= kCommittedProbeCycles; ++k) {
    const UnixSeconds cycle = newest - static_cast<UnixSeconds>(k) * cycle_seconds;
    Result<std::vector<bool>> online = store_.CycleProbeOnline(test, cycle);
    if (online.ok()) return std::optional<UnixSeconds>(cycle);
    if (online.status().code() != StatusCode::kNotFound) return online.status();
  }
  return std::optional<UnixSeconds>();
}

Result<std::vector<DayNumber>> MeasurementCalendar::Days(const EntityId& entity, Service service,
                                                         int cycle_seconds) {
  std::shared_ptr<Index> index;
  {
    MutexLock lock(mu_);
    std::shared_ptr<Index>& slot = indexes_[{entity, service}];
    if (!slot) slot = std::make_shared<Index>();
    index = slot;
  }
  MutexLock lock(index->mu);
  // Probed before reading: every verdict of a cycle up to `committed` is
  // already stored, so the scan below sees it.
  Result<std::optional<UnixSeconds>> committed =
      RecentCommittedCycle(TestKindOf(service), cycle_seconds);
  if (!committed.ok()) return committed.status();

  std::optional<UnixSeconds> last_seen;
  if (!index->scanned) {
    const UnixSeconds end = clock_.Now() + kSecondsPerDay;
    for (UnixSeconds from = 0; from < end; from += kScanWindow) {
      Result<std::optional<UnixSeconds>> last =
          Scan(entity, service, from, std::min(end, from + kScanWindow), *index);
      if (!last.ok()) return last.status();
      if (*last) last_seen = *last;
    }
    // Verdicts after `end` (a clock behind the data) are read next time.
    Result<std::optional<UnixSeconds>> rest = Scan(entity, service, end, kEndOfTime, *index);
    if (!rest.ok()) return rest.status();
    if (*rest) last_seen = *rest;
    index->scanned = true;
  } else {
    Result<std::optional<UnixSeconds>> last =
        Scan(entity, service, index->frontier, kEndOfTime, *index);
    if (!last.ok()) return last.status();
    last_seen = *last;
  }
  if (last_seen) index->frontier = std::max(index->frontier, *last_seen + 1);
  if (*committed) index->frontier = std::max(index->frontier, **committed + 1);
  return index->days;
}

}  // namespace tldmon::mosapi

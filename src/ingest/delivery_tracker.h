// DeliveryTracker: how far each probe has delivered its results, and the
// catch-up rule that holds processing back while probes backfill
// (issue 9, "Late and backfilled results"; docs/formats/probe-protocol.md).
//
// RSM drops probe data more than 90 s late, so a central outage costs it the
// data of the outage. tldmon's probes keep results in an outbox and push
// them oldest first, so the central side can wait for them instead:
//
//   watermark   a probe's online sample for minute m arrives only after
//               everything it queued before it (the outbox is FIFO and a
//               cycle's tests end by the cycle's end), so once minute m is
//               delivered, every cycle ending at or before m is complete
//               for that probe. Watermark(p) = the latest minute delivered.
//   normal      a cycle ending at e (exclusive) is processed when its grace
//               has passed, or earlier once every *expected* probe - enabled
//               and delivering recently (watermark >= e - length - grace) -
//               has a watermark >= e.
//   catch-up    after `serve` starts (BeginCatchUp), or when a cycle's grace
//               passes without a single probe having delivered through it
//               (the signature of ingest being unreachable: the probes all
//               stopped at once), overdue cycles are held until every probe
//               of the catch-up set - those delivering before - has a
//               watermark >= the cycle's end, or the catch-up window has
//               passed. The set empties as probes reach the present.
//
// Data arriving within the rule counts; data arriving later is stored and
// acknowledged but cannot change a committed verdict. A cycle is therefore
// judged on the same data with or without an outage shorter than the probes'
// outbox retention, as long as the probes catch up within the window.
//
// Owned by whoever owns the pipeline, outside it, so that re-opening the
// pipeline after an admin edit keeps the watermarks. Pure: no clock, no I/O;
// not thread-safe (the engine thread owns it, like the pipeline).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/probe_report.h"
#include "core/time.h"

namespace tldmon::ingest {

class DeliveryTracker {
 public:
  // `window_seconds`: the catch-up window (0 = the catch-up rule is off:
  // cycles are processed at grace, as before).
  explicit DeliveryTracker(UnixSeconds window_seconds) : window_(window_seconds) {}

  // Probe `p` delivered its online sample of `minute` (everything it queued
  // before is in).
  void Delivered(ProbeIndex p, UnixSeconds minute);
  // The latest minute `p` delivered, nullopt if none since start.
  std::optional<UnixSeconds> Watermark(ProbeIndex p) const;

  // Holds overdue cycles until every probe of `set` has delivered through
  // them, or until now + window. No effect when the window is 0 or the set
  // is empty.
  void BeginCatchUp(std::vector<ProbeIndex> set, UnixSeconds now);
  // True while a catch-up is in force.
  bool catching_up() const { return !set_.empty(); }
  // Probes still being waited for (for logs and metrics).
  const std::vector<ProbeIndex>& waiting_for() const { return set_; }

  // May a cycle of length `length` ending at `end` (exclusive) be processed
  // at `now`? `grace` is the pipeline's grace; `enabled[p]` says whether
  // probe p is in service (manually online). May begin a catch-up (see the
  // file comment), hence non-const.
  bool MayProcess(UnixSeconds end, UnixSeconds length, UnixSeconds grace, UnixSeconds now,
                  const std::vector<bool>& enabled);

  UnixSeconds window_seconds() const { return window_; }

 private:
  bool AllDeliveredThrough(const std::vector<ProbeIndex>& probes, UnixSeconds end) const;
  // Drops from the catch-up set the probes that reached the present, and
  // ends the catch-up at its deadline.
  void Settle(UnixSeconds now, UnixSeconds grace);

  UnixSeconds window_;
  std::vector<std::optional<UnixSeconds>> watermark_;  // by ProbeIndex
  std::vector<ProbeIndex> set_;                        // catch-up set; empty = none
  UnixSeconds deadline_ = 0;
};

}  // namespace tldmon::ingest

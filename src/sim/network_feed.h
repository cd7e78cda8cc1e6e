// NetworkFeed: drives the central pipeline with a simulated probe network
// through simulated time — what `tldmon simulate` and the demo's
// fast-forward do. Each simulated minute t it sends every probe's status for
// t and the reports of every cycle starting at t, advances the FakeClock to
// t + 60 and lets the pipeline process what is due.
//
// Resuming is free: the simulator regenerates any minute identically and the
// store treats repeats as no-ops, so a feed restarted after a kill simply
// begins again at CyclePipeline::ResumePoint().
//
// Not thread-safe: one owner; the simulator, pipeline and clock must outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "core/clock.h"
#include "core/probe_report.h"
#include "core/status.h"
#include "ingest/cycle_pipeline.h"
#include "sim/network.h"

namespace tldmon::sim {

struct FeedTotals {
  std::int64_t minutes = 0;          // minutes fed
  std::int64_t reports = 0;          // reports sent (repeats included)
  std::int64_t cycles = 0;           // cycles processed, all test kinds
  std::int64_t incidents_opened = 0;
  std::int64_t incidents_closed = 0;
};

class NetworkFeed {
 public:
  NetworkFeed(const NetworkSimulator* network, ingest::CyclePipeline* pipeline, FakeClock* clock);

  // Sends minute t (aligned to 60) and the cycles starting at t, sets the
  // clock to t + 60 and processes what is due then.
  Status FeedMinute(UnixSeconds t);

  // Feeds every minute from the pipeline's resume point up to (excluding)
  // `to`, then processes every cycle that ends before `to` (the clock ends at
  // to - 1 + grace). `on_minute` (optional) is called after each minute with
  // the minute fed; returning false stops early (not an error).
  Status RunUntil(UnixSeconds to, UnixSeconds grace_seconds,
                  const std::function<bool(UnixSeconds)>& on_minute = {});

  // True iff every test kind has processed all its cycles ending before `to`.
  bool Finished(UnixSeconds to) const;

  const FeedTotals& totals() const { return totals_; }

 private:
  void Count(const ingest::ProcessOutcome& o);

  const NetworkSimulator* network_;
  ingest::CyclePipeline* pipeline_;
  FakeClock* clock_;
  FeedTotals totals_;
  std::vector<ProbeReport> reports_;  // reused between cycles
  std::vector<engine::ProbeMinuteSample> samples_;
};

}  // namespace tldmon::sim

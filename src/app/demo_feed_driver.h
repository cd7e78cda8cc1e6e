// The demo's PipelineDriver (engine_loop.h): a simulated probe network
// (sim::NetworkSimulator with the demo's scripted faults) feeds the pipeline
// one minute at a time through sim::NetworkFeed, which advances the
// simulation's FakeClock — first as fast as possible up to the present (the
// fast-forward), then in real time, each minute once it has ended on the wall
// clock. After each real-time advance it mirrors the polled documents into
// <data>/documents/ and prints which services are alarmed.
//
// Re-attaching (after `tldmon admin` changed the configuration) rebuilds the
// simulator from the pipeline's entities and probes and resumes at the
// pipeline's resume point; repeats are no-ops in the store.
//
// One owner (the engine loop's thread, or the main thread before it starts).
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/engine_loop.h"
#include "core/clock.h"
#include "documents/document_store.h"
#include "sim/fault.h"
#include "sim/network.h"
#include "sim/network_feed.h"

namespace tldmon::app {

class DemoFeedDriver final : public PipelineDriver {
 public:
  // `clock` is the FakeClock the pipeline was opened with; `start` where the
  // demo's story begins. `documents`/`out` may be null (no mirroring/printing).
  DemoFeedDriver(FakeClock* clock, UnixSeconds start, std::uint64_t seed,
                 std::vector<sim::Fault> faults, const documents::DocumentStore* documents,
                 std::string data_dir, std::ostream* out);

  Status Attach(ingest::CyclePipeline* pipeline) override;
  // Feeds every minute that has ended by `now`.
  Status Advance(UnixSeconds now) override;

  // Feeds minutes up to (excluding) `target` as fast as possible;
  // `on_minute(next, cycles)` after each one, returning false stops early.
  Status FastForward(UnixSeconds target,
                     const std::function<bool(UnixSeconds, std::int64_t)>& on_minute);

  // The next minute to feed.
  UnixSeconds next_minute() const { return next_; }

 private:
  FakeClock* clock_;
  UnixSeconds start_;
  std::uint64_t seed_;
  std::vector<sim::Fault> faults_;
  const documents::DocumentStore* documents_;
  std::string data_dir_;
  std::ostream* out_;

  ingest::CyclePipeline* pipeline_ = nullptr;
  std::unique_ptr<sim::NetworkSimulator> network_;
  std::unique_ptr<sim::NetworkFeed> feed_;
  UnixSeconds next_ = 0;
};

// Mirrors the state, alarmed and downtime documents into
// <dir>/documents/<path>.json and returns how many were written.
Result<int> WritePolledDocuments(const documents::DocumentStore& docs, const std::string& dir);

}  // namespace tldmon::app

// EngineLoop: the engine thread of `tldmon serve` and `tldmon demo`. Every
// tick (default 5 s of wall time) it takes <data>/engine.lock, re-opens the
// pipeline from the store if `tldmon admin` committed a change since the
// last tick (Store::ChangeGeneration moved: every edit raises it in its own
// transaction, so the re-read sees the whole edit), then lets the
// PipelineDriver bring the pipeline up to the present: serve processes the
// cycles that are due (CyclePipeline::ProcessDue on the wall clock); the
// demo feeds its simulated probe network's minutes first. The documents the
// pipeline publishes are what the API serves from memory.
//
// Re-opening is lossless: every processed cycle and every false-positive
// change is committed with the engine state, so the store is the engine's
// state (ingest/cycle_pipeline.h). A pipeline that failed is dropped and
// re-opened at the next tick. Documents of entities that are no longer
// configured are withdrawn (404).
//
// Threads: Open, RunLocked and Tick run on the caller's thread and must not
// overlap with a running loop (call them before Start or after Stop). Start
// runs Tick on an own thread until Stop. Hooks run on the loop's thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "core/clock.h"
#include "core/status.h"
#include "core/thread_annotations.h"
#include "documents/document_store.h"
#include "ingest/cycle_pipeline.h"
#include "store/store.h"

namespace tldmon::app {

// What moves a pipeline forward (see file comment).
class PipelineDriver {
 public:
  virtual ~PipelineDriver() = default;
  // The pipeline was (re)opened; rebuild whatever refers to it. It stays
  // valid until the next Attach.
  virtual Status Attach(ingest::CyclePipeline* pipeline) = 0;
  // Brings the pipeline up to `now` (wall clock).
  virtual Status Advance(UnixSeconds now) = 0;
};

// serve's driver: process what is due at `now`.
class DueCyclesDriver final : public PipelineDriver {
 public:
  Status Attach(ingest::CyclePipeline* pipeline) override;
  Status Advance(UnixSeconds now) override;

 private:
  ingest::CyclePipeline* pipeline_ = nullptr;
};

// Several serve hosts on one PostgreSQL store (issue 13): which of them
// runs the engine. The leader processes cycles, its commits fenced with its
// lease epoch; a follower processes nothing and re-opens its pipeline (the
// documents it serves) from the store whenever the leader publishes. On
// taking the lead a host re-opens from the store too, so it resumes at the
// next unprocessed cycle: none skipped, none processed twice.
class EngineRole {
 public:
  virtual ~EngineRole() = default;
  // The lease epoch while this host leads; nullopt on a follower.
  virtual std::optional<std::int64_t> LeadingEpoch() const = 0;
  // Fences the store's engine writes with `epoch` (nullopt: lifts it).
  virtual void Fence(std::optional<std::int64_t> epoch) = 0;
  // The generation the leader last published, as this host last saw it.
  virtual std::int64_t PublishedGeneration() const = 0;
  // The follower's documents now reflect `generation`.
  virtual void Applied(std::int64_t generation) = 0;
  // After every tick: the newest cycle the open pipeline has processed (or
  // read from the store, on a follower), any test kind.
  virtual void Processed(UnixSeconds last_cycle) = 0;
};

struct EngineLoopOptions {
  std::string lock_path;                 // <data>/engine.lock
  std::chrono::milliseconds tick{5000};  // [engine] tick_seconds
  ingest::PipelineOptions pipeline;
  EngineRole* role = nullptr;  // null: one host, always the engine
};

struct EngineLoopHooks {
  // After a re-open caused by a change generation (not the first Open):
  // e.g. re-read the access configuration.
  std::function<void()> on_change;
  // After every tick, errors included.
  std::function<void()> on_tick;
  // Several hosts: this host started (true) or stopped (false) leading.
  std::function<void(bool leading)> on_role;
};

class EngineLoop {
 public:
  // Every pointer must outlive the loop. `pipeline_clock` is the Clock the
  // pipeline is opened with (the wall clock for serve, the simulation's
  // FakeClock for the demo); `wall` gives the `now` of Advance.
  EngineLoop(store::Store* store, documents::DocumentStore* documents, const Clock* pipeline_clock,
             const Clock* wall, PipelineDriver* driver, EngineLoopOptions options);
  ~EngineLoop();  // Stop()
  EngineLoop(const EngineLoop&) = delete;
  EngineLoop& operator=(const EngineLoop&) = delete;

  void SetHooks(EngineLoopHooks hooks) { hooks_ = std::move(hooks); }

  // Opens the pipeline (waiting up to `wait` for the engine lock) and
  // attaches the driver; publishes every entity's documents.
  Status Open(std::chrono::milliseconds wait = std::chrono::seconds(60));
  // Runs `fn` on the open pipeline while holding the engine lock (the
  // demo's fast-forward).
  Status RunLocked(const std::function<Status(ingest::CyclePipeline&)>& fn,
                   std::chrono::milliseconds wait = std::chrono::seconds(60));
  // One tick as the thread runs it. Skipped (OK) while another process holds
  // the engine lock.
  Status Tick();

  void Start();
  // Lets the current tick finish, then joins the thread. Idempotent.
  void Stop();
  // Runs the next tick now (a follower told of a new cycle), from any thread.
  void Wake();
  // Several hosts: whether the last tick ran as the leader.
  bool leading() const { return leading_.load(); }

  // The open pipeline, or null after a failure. Not while running.
  const ingest::CyclePipeline* pipeline() const { return pipeline_.get(); }

  // Runs `fn` with the open pipeline between two ticks, from any thread
  // (probe ingest: probeapi/ingest_sink.h). Unavailable while there is no
  // open pipeline (a failed one is re-opened by the next tick).
  Status WithPipeline(const std::function<Status(ingest::CyclePipeline&)>& fn);

  // Runs an operator's change (a false-positive mark from the dashboard) on
  // the open pipeline between two ticks, holding the engine lock as an
  // admin command does (waiting up to `wait` for it). Unavailable when the
  // lock stays busy, or when the store changed since the pipeline was
  // opened (the next tick re-reads it first; the caller retries).
  Status Change(const std::function<Status(ingest::CyclePipeline&)>& fn,
                std::chrono::milliseconds wait = std::chrono::seconds(10));

 private:
  Status Reopen();
  void Run();

  store::Store* store_;
  documents::DocumentStore* documents_;
  const Clock* pipeline_clock_;
  const Clock* wall_;
  PipelineDriver* driver_;
  EngineLoopOptions options_;
  EngineLoopHooks hooks_;

  // A tick under several hosts: lead, or follow the leader's publishes.
  // Sets `follow` when this tick only followed (nothing to advance).
  Status TickRole(bool& follow);
  void ReportProcessed();

  // Owned by whichever thread runs ticks (see file comment).
  std::unique_ptr<ingest::CyclePipeline> pipeline_;
  std::uint64_t generation_ = 0;
  std::optional<std::int64_t> epoch_;  // several hosts: the epoch the pipeline was opened for
  std::int64_t applied_ = -1;          // several hosts: the publish the documents reflect
  std::atomic<bool> leading_{false};
  bool role_known_ = false;  // several hosts: a tick has decided the role
  std::string last_error_;

  // Held by every tick and by WithPipeline: intake from other threads never
  // interleaves with processing or a re-open.
  Mutex tick_mu_;
  Mutex mu_;
  std::condition_variable_any wake_;  // waits on mu_ (a MutexLock)
  bool stop_ GUARDED_BY(mu_) = false;
  bool woken_ GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace tldmon::app

#include "app/engine_loop.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <utility>

#include "app/file_lock.h"

namespace tldmon::app {

Status DueCyclesDriver::Attach(ingest::CyclePipeline* pipeline) {
  pipeline_ = pipeline;
  return Status::Ok();
}

Status DueCyclesDriver::Advance(UnixSeconds now) {
  auto outcome = pipeline_->ProcessDue(now);
  if (!outcome.ok()) return outcome.status();
  if (outcome->cycles > 0)
    spdlog::debug("engine: {} cycle(s) processed, {} incident(s) opened, {} closed",
                  outcome->cycles, outcome->incidents_opened, outcome->incidents_closed);
  return Status::Ok();
}

EngineLoop::EngineLoop(store::Store* store, documents::DocumentStore* documents,
                       const Clock* pipeline_clock, const Clock* wall, PipelineDriver* driver,
                       EngineLoopOptions options)
    : store_(store),
      documents_(documents),
      pipeline_clock_(pipeline_clock),
      wall_(wall),
      driver_(driver),
      options_(std::move(options)) {}

EngineLoop::~EngineLoop() { Stop(); }

Status EngineLoop::Reopen() {
  std::set<EntityId> before;
  if (pipeline_ != nullptr)
    for (const EntityConfig& e : pipeline_->engine().entities()) before.insert(e.id);
  pipeline_.reset();
  auto gen = store_->ChangeGeneration();
  if (!gen.ok()) return gen.status();
  auto p = ingest::CyclePipeline::Open(store_, documents_, pipeline_clock_, options_.pipeline);
  if (!p.ok()) return p.status();
  for (const EntityConfig& e : (*p)->engine().entities()) before.erase(e.id);
  if (!before.empty() && documents_ != nullptr) {
    documents::DocumentBatch gone;
    for (const EntityId& id : before) gone.RemovePrefix(id.Path() + "/");
    documents_->Publish(std::move(gone));
  }
  TLDMON_RETURN_IF_ERROR(driver_->Attach(p->get()));
  pipeline_ = std::move(*p);
  generation_ = *gen;
  return Status::Ok();
}

Status EngineLoop::Open(std::chrono::milliseconds wait) {
  auto lock = FileLock::Acquire(options_.lock_path, wait);
  if (!lock.ok()) return lock.status();
  return Reopen();
}

Status EngineLoop::RunLocked(const std::function<Status(ingest::CyclePipeline&)>& fn,
                             std::chrono::milliseconds wait) {
  auto lock = FileLock::Acquire(options_.lock_path, wait);
  if (!lock.ok()) return lock.status();
  if (pipeline_ == nullptr) TLDMON_RETURN_IF_ERROR(Reopen());
  Status s = fn(*pipeline_);
  if (!s.ok()) pipeline_.reset();
  return s;
}

Status EngineLoop::WithPipeline(const std::function<Status(ingest::CyclePipeline&)>& fn) {
  MutexLock tick(tick_mu_);
  if (pipeline_ == nullptr) return Unavailable("the engine is re-opening its pipeline; retry");
  return fn(*pipeline_);
}

Status EngineLoop::Change(const std::function<Status(ingest::CyclePipeline&)>& fn,
                          std::chrono::milliseconds wait) {
  MutexLock tick(tick_mu_);
  auto lock = FileLock::Acquire(options_.lock_path, wait);
  if (!lock.ok()) {
    return lock.status().code() == StatusCode::kUnavailable
               ? Unavailable("the configuration is being changed by someone else; try again")
               : lock.status();
  }
  auto gen = store_->ChangeGeneration();
  if (!gen.ok()) return gen.status();
  if (pipeline_ == nullptr || *gen != generation_)
    return Unavailable("the configuration has just changed; try again in a few seconds");
  TLDMON_RETURN_IF_ERROR(fn(*pipeline_));
  // The change is in the open pipeline already: its own generation step
  // (CommitFalsePositive raises it) needs no re-open.
  auto after = store_->ChangeGeneration();
  if (after.ok() && *after == generation_ + 1) generation_ = *after;
  return Status::Ok();
}

Status EngineLoop::TickRole(bool& follow) {
  EngineRole* role = options_.role;
  const std::optional<std::int64_t> epoch = role->LeadingEpoch();
  if (epoch != epoch_ || !role_known_) {
    role_known_ = true;
    // Any change of role: start again from the store, fenced with the new
    // epoch (or with none, as a follower that must not write).
    role->Fence(epoch);
    pipeline_.reset();
    epoch_ = epoch;
    applied_ = -1;
    leading_ = epoch.has_value();
    if (epoch)
      spdlog::info("engine: leading (lease epoch {}); resuming at the next unprocessed cycle",
                   *epoch);
    else
      spdlog::info("engine: following the leader");
    if (hooks_.on_role) hooks_.on_role(epoch.has_value());
  }
  follow = !epoch.has_value();
  if (!follow) return Status::Ok();
  const std::int64_t published = role->PublishedGeneration();
  auto gen = store_->ChangeGeneration();
  if (!gen.ok()) return gen.status();
  if (pipeline_ == nullptr || published != applied_ || *gen != generation_) {
    TLDMON_RETURN_IF_ERROR(Reopen());
    applied_ = published;
    role->Applied(published);
  }
  return Status::Ok();
}

Status EngineLoop::Tick() {
  MutexLock tick(tick_mu_);
  auto lock = FileLock::TryAcquire(options_.lock_path);
  if (!lock.ok()) {
    // An admin command is changing the store: this tick is skipped, the
    // next one sees its change.
    return lock.status().code() == StatusCode::kUnavailable ? Status::Ok() : lock.status();
  }
  if (options_.role != nullptr) {
    bool follow = false;
    TLDMON_RETURN_IF_ERROR(TickRole(follow));
    if (follow) {
      ReportProcessed();
      return Status::Ok();
    }
  }
  auto gen = store_->ChangeGeneration();
  if (!gen.ok()) return gen.status();
  if (pipeline_ == nullptr || *gen != generation_) {
    const bool changed = *gen != generation_;
    TLDMON_RETURN_IF_ERROR(Reopen());
    if (changed) {
      if (hooks_.on_change) hooks_.on_change();
      // Logged once everything is re-read: from here on requests see it.
      spdlog::info("engine: the configuration changed (generation {}); re-read from the store",
                   generation_);
    }
  }
  Status s = driver_->Advance(wall_->Now());
  // The pipeline refuses work after a failed cycle; the store is consistent,
  // so the next tick starts over from it.
  if (!s.ok()) pipeline_.reset();
  ReportProcessed();
  return s;
}

void EngineLoop::ReportProcessed() {
  if (options_.role == nullptr || pipeline_ == nullptr) return;
  UnixSeconds newest = engine::kNever;
  for (UnixSeconds c : pipeline_->engine().state().last_cycle) newest = std::max(newest, c);
  options_.role->Processed(newest);
}

void EngineLoop::Start() {
  {
    MutexLock lock(mu_);
    if (thread_.joinable()) return;
    stop_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void EngineLoop::Stop() {
  {
    MutexLock lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void EngineLoop::Run() {
  MutexLock lock(mu_);
  while (!stop_) {
    lock.unlock();
    const Status s = Tick();
    if (!s.ok()) {
      // The same failure every tick is logged once, not every 5 s.
      if (s.ToString() != last_error_) spdlog::error("engine: {}", s.ToString());
      last_error_ = s.ToString();
    } else if (!last_error_.empty()) {
      spdlog::info("engine: recovered");
      last_error_.clear();
    }
    if (hooks_.on_tick) hooks_.on_tick();
    lock.lock();
    // wait_for's predicate form, spelled out so that the thread-safety
    // analysis sees stop_ read under mu_ (a lambda is analysed on its own).
    const auto deadline = std::chrono::steady_clock::now() + options_.tick;
    while (!stop_ && !woken_ && wake_.wait_until(lock, deadline) == std::cv_status::no_timeout) {
    }
    woken_ = false;
  }
}

void EngineLoop::Wake() {
  {
    MutexLock lock(mu_);
    woken_ = true;
  }
  wake_.notify_all();
}

}  // namespace tldmon::app

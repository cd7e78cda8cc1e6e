// StorageThread: runs the storage upkeep (store/storage_schedule.h:
// retention, then compaction of finished days) for `tldmon serve` and the
// demo's real-time loop on a thread of its own — at start, then every
// `interval` of wall time — so compacting a day of a large deployment (minutes
// of work, docs/formats/store-schema.md) never delays the engine's cycles.
// The store serializes it with the engine thread per transaction (one chunk
// of one test kind), so ingestion and cycle commits interleave with it.
// Progress and errors go to the log (spdlog); a failed run is retried at the
// next interval from where it stopped.
//
// Threads: Start and Stop from one thread; Stop lets the day being worked on
// finish (each step is committed), then joins.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/clock.h"
#include "store/storage_schedule.h"
#include "store/store.h"

namespace tldmon::app {

class StorageThread {
 public:
  // `store` and `wall` must outlive the thread.
  StorageThread(store::Store* store, const Clock* wall, store::StorageScheduleOptions options,
                std::chrono::milliseconds interval = std::chrono::minutes(1));
  ~StorageThread();  // Stop()
  StorageThread(const StorageThread&) = delete;
  StorageThread& operator=(const StorageThread&) = delete;

  void Start();
  void Stop();

 private:
  void Run();
  bool Stopping();

  const Clock* wall_;
  store::StorageSchedule schedule_;
  std::chrono::milliseconds interval_;
  std::string last_error_;  // owned by the thread

  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace tldmon::app

// StorageSchedule: the upkeep of stored probe data that `tldmon serve` and
// the demo's real-time loop run on a schedule (docs/operations.md "Storage
// upkeep"):
//   1. retention — the raw probe data (reports, probe minutes) of days older
//      than the retention period is deleted (Store::DropProbeDataBefore; 90
//      days by default, as ICANN keeps probe results, slam-algorithms.md §1);
//   2. compaction — every finished day that still holds reports in the
//      recent form is packed into compressed chunks (Store::CompactDay),
//      oldest first. Late reports for a compacted day make it a candidate
//      again and are merged into its chunks.
// Nothing a document needs is lost: verdicts, incidents, probe-online flags
// and the engine state are never touched, and measurement objects of
// compacted days are rebuilt from the chunks exactly as from the recent form
// (Store::EntityCycleReports reads both).
//
// Crash safety comes from the store: each compaction step (one test kind's
// 900 s chunk) and each day's deletion is one transaction, so a process
// killed at any moment leaves every report in exactly one form, and the next
// run continues where this one stopped.
//
// Not thread-safe (one caller at a time); the Store it uses is. No clock:
// `now` is a parameter.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::store {

struct StorageScheduleOptions {
  // Days of raw probe data kept before the current UTC day; 0 keeps them
  // for ever. [storage] retention_days (docs/configuration.md).
  int retention_days = 90;
};

// What one RunDue did.
struct StorageWork {
  std::size_t days_compacted = 0;
  std::size_t reports_compacted = 0;
  std::size_t chunks_written = 0;
  std::size_t days_dropped = 0;
  std::int64_t reports_dropped = 0;
  bool idle() const { return days_compacted == 0 && days_dropped == 0; }
};

class StorageSchedule {
 public:
  // One line per unit of long work (a day deleted or compacted), for the
  // caller's log; may be empty.
  using Progress = std::function<void(const std::string& line)>;
  // Asked between days; false stops the run early (a shutdown). May be empty.
  using KeepGoing = std::function<bool()>;

  // `store` must outlive the schedule.
  StorageSchedule(Store* store, StorageScheduleOptions options, Progress progress = {});

  // Does everything due at `now`: retention first (no point compacting what
  // is about to go), then compaction of every day before the UTC day of
  // `now` that the engine has finished. Stops at the first error and
  // returns it; what was committed before stays, and the next call resumes.
  Result<StorageWork> RunDue(UnixSeconds now, const KeepGoing& keep_going = {});

 private:
  Status ApplyRetention(UnixSeconds today, const KeepGoing& keep_going, StorageWork& work);
  Status CompactFinishedDays(UnixSeconds today, const KeepGoing& keep_going, StorageWork& work);
  // Logs the start of a day's compaction (minutes at full scale).
  Status AnnounceCompaction(UnixSeconds day);

  Store* store_;
  StorageScheduleOptions options_;
  Progress progress_;
};

}  // namespace tldmon::store

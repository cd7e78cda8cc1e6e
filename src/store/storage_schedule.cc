#include "store/storage_schedule.h"

#include <utility>

namespace tldmon::store {
namespace {

constexpr UnixSeconds kDay = 86400;

std::string DayText(UnixSeconds day) { return FormatIso8601(day).substr(0, 10); }

}  // namespace

StorageSchedule::StorageSchedule(Store* store, StorageScheduleOptions options, Progress progress)
    : store_(store), options_(options), progress_(std::move(progress)) {}

Result<StorageWork> StorageSchedule::RunDue(UnixSeconds now, const KeepGoing& keep_going) {
  StorageWork work;
  const UnixSeconds today = now - FloorMod(now, kDay);
  TLDMON_RETURN_IF_ERROR(ApplyRetention(today, keep_going, work));
  TLDMON_RETURN_IF_ERROR(CompactFinishedDays(today, keep_going, work));
  return work;
}

Status StorageSchedule::ApplyRetention(UnixSeconds today, const KeepGoing& keep_going,
                                       StorageWork& work) {
  if (options_.retention_days <= 0) return Status::Ok();
  const UnixSeconds cutoff = today - static_cast<UnixSeconds>(options_.retention_days) * kDay;
  auto days = store_->StorageByDay();
  if (!days.ok()) return days.status();
  // Day by day: each deletion is a bounded transaction and a progress line,
  // also when a long-stopped server comes back to months of old data.
  for (const DayStorage& d : *days) {
    if (d.day >= cutoff || (keep_going && !keep_going())) break;
    auto dropped = store_->DropProbeDataBefore(d.day + kDay);
    if (!dropped.ok()) return dropped.status();
    // The engine has not finished that day (the store keeps what it needs).
    if (dropped->days == 0) break;
    work.days_dropped += dropped->days;
    work.reports_dropped += dropped->reports;
    if (progress_)
      progress_("storage: deleted the probe data of " + DayText(d.day) + " (" +
                std::to_string(dropped->reports) + " reports; retention " +
                std::to_string(options_.retention_days) + " days)");
  }
  return Status::Ok();
}

Status StorageSchedule::AnnounceCompaction(UnixSeconds day) {
  if (!progress_) return Status::Ok();
  // Only for a day the engine has finished (the DNS cycle at its next
  // midnight is committed), so a day that must still wait logs nothing.
  auto next = store_->CycleProbeOnline(TestKind::kDns, day + kDay);
  if (next.status().code() == StatusCode::kNotFound) return Status::Ok();
  if (!next.ok()) return next.status();
  auto days = store_->StorageByDay();
  if (!days.ok()) return days.status();
  for (const DayStorage& d : *days)
    if (d.day == day)
      progress_("storage: compacting " + DayText(day) + " (" + std::to_string(d.raw_reports) +
                " raw reports, " + std::to_string(d.raw_metrics) + " metrics)");
  return Status::Ok();
}

Status StorageSchedule::CompactFinishedDays(UnixSeconds today, const KeepGoing& keep_going,
                                            StorageWork& work) {
  std::optional<UnixSeconds> last_done;
  for (;;) {
    if (keep_going && !keep_going()) return Status::Ok();
    auto oldest = store_->OldestRawDay();
    if (!oldest.ok()) return oldest.status();
    // Reports arriving for a day while it is compacted are left for the
    // next run rather than looping here.
    if (!*oldest || **oldest >= today || (last_done && **oldest <= *last_done)) return Status::Ok();
    const UnixSeconds day = **oldest;
    TLDMON_RETURN_IF_ERROR(AnnounceCompaction(day));
    auto compacted = store_->CompactDay(day);
    // FailedPrecondition: the engine has not processed the day's last cycles
    // yet; it will have at a later run.
    if (compacted.status().code() == StatusCode::kFailedPrecondition) return Status::Ok();
    if (!compacted.ok()) return compacted.status();
    ++work.days_compacted;
    work.reports_compacted += compacted->reports;
    work.chunks_written += compacted->chunks;
    if (progress_)
      progress_("storage: compacted " + DayText(day) + ": " + std::to_string(compacted->reports) +
                " reports into " + std::to_string(compacted->chunks) + " chunks");
    last_done = day;
  }
}

}  // namespace tldmon::store

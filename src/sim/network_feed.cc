#include "sim/network_feed.h"

#include <algorithm>
#include <string>

namespace tldmon::sim {

NetworkFeed::NetworkFeed(const NetworkSimulator* network, ingest::CyclePipeline* pipeline,
                         FakeClock* clock)
    : network_(network), pipeline_(pipeline), clock_(clock) {}

void NetworkFeed::Count(const ingest::ProcessOutcome& o) {
  totals_.cycles += o.cycles;
  totals_.incidents_opened += o.incidents_opened;
  totals_.incidents_closed += o.incidents_closed;
}

Status NetworkFeed::FeedMinute(UnixSeconds t) {
  network_->ProbeMinutes(t, &samples_);
  if (auto r = pipeline_->AcceptProbeMinutes(t, samples_); !r.ok()) return r.status();
  for (TestKind k : pipeline_->tests()) {
    if (FloorMod(t, pipeline_->engine().params().CycleSeconds(k)) != 0) continue;
    network_->CycleReports(k, t, &reports_);
    if (reports_.empty()) continue;
    auto r = pipeline_->AcceptReports(reports_);
    if (!r.ok()) return r.status();
    totals_.reports += static_cast<std::int64_t>(reports_.size());
  }
  ++totals_.minutes;
  clock_->Set(t + 60);
  auto o = pipeline_->ProcessDue(t + 60);
  if (!o.ok()) return o.status();
  Count(*o);
  return Status::Ok();
}

Status NetworkFeed::RunUntil(UnixSeconds to, UnixSeconds grace_seconds,
                             const std::function<bool(UnixSeconds)>& on_minute) {
  for (UnixSeconds t = CycleStart(pipeline_->ResumePoint(), 60); t < to; t += 60) {
    TLDMON_RETURN_IF_ERROR(FeedMinute(t));
    if (on_minute && !on_minute(t)) return Status::Ok();
  }
  // Every cycle ending before `to` is due once its last second (<= to - 1)
  // plus the grace period has passed.
  const UnixSeconds end = std::max(clock_->Now(), to - 1 + grace_seconds);
  clock_->Set(end);
  auto o = pipeline_->ProcessDue(end);
  if (!o.ok()) return o.status();
  Count(*o);
  return Status::Ok();
}

bool NetworkFeed::Finished(UnixSeconds to) const {
  for (TestKind k : pipeline_->tests()) {
    const int delay = pipeline_->engine().params().CycleSeconds(k);
    if (pipeline_->NextCycle(k) + delay <= to) return false;
  }
  return true;
}

}  // namespace tldmon::sim

#include "app/demo_feed_driver.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "app/data_dir.h"
#include "app/status_table.h"

namespace tldmon::app {
namespace {

// The entity-level documents a MoSAPI client polls: state, alarmed, downtime.
bool IsPolledDocument(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const std::size_t next = std::min(path.find('/', pos), path.size());
    parts.push_back(path.substr(pos, next - pos));
    pos = next + 1;
  }
  if (parts.size() == 5 && parts[3] == "monitoring" && parts[4] == "state") return true;
  return parts.size() == 6 && parts[3] == "monitoring" &&
         (parts[5] == "alarmed" || parts[5] == "downtime");
}

}  // namespace

Result<int> WritePolledDocuments(const documents::DocumentStore& docs, const std::string& dir) {
  const std::string root = dir + "/documents";
  int written = 0;
  for (const auto& [path, doc] : *docs.Snapshot()) {
    if (!IsPolledDocument(path)) continue;
    const std::string file = root + "/" + path + ".json";
    TLDMON_RETURN_IF_ERROR(EnsureDirectory(std::filesystem::path(file).parent_path().string()));
    TLDMON_RETURN_IF_ERROR(WriteFileAtomically(file, doc->body() + "\n"));
    ++written;
  }
  return written;
}

DemoFeedDriver::DemoFeedDriver(FakeClock* clock, UnixSeconds start, std::uint64_t seed,
                               std::vector<sim::Fault> faults,
                               const documents::DocumentStore* documents, std::string data_dir,
                               std::ostream* out)
    : clock_(clock),
      start_(start),
      seed_(seed),
      faults_(std::move(faults)),
      documents_(documents),
      data_dir_(std::move(data_dir)),
      out_(out) {}

Status DemoFeedDriver::Attach(ingest::CyclePipeline* pipeline) {
  feed_.reset();
  sim::NetworkOptions options;
  options.seed = seed_;
  options.faults = faults_;
  network_ = std::make_unique<sim::NetworkSimulator>(pipeline->engine().entities(),
                                                     pipeline->engine().probes(), options);
  feed_ = std::make_unique<sim::NetworkFeed>(network_.get(), pipeline, clock_);
  pipeline_ = pipeline;
  next_ = CycleStart(std::max(pipeline->ResumePoint(), start_), 60);
  return Status::Ok();
}

Status DemoFeedDriver::FastForward(
    UnixSeconds target, const std::function<bool(UnixSeconds, std::int64_t)>& on_minute) {
  while (next_ < target) {
    TLDMON_RETURN_IF_ERROR(feed_->FeedMinute(next_));
    next_ += 60;
    if (on_minute && !on_minute(next_, feed_->totals().cycles)) break;
  }
  return Status::Ok();
}

Status DemoFeedDriver::Advance(UnixSeconds now) {
  bool fed = false;
  while (next_ + 60 <= now) {
    TLDMON_RETURN_IF_ERROR(feed_->FeedMinute(next_));
    next_ += 60;
    fed = true;
  }
  if (!fed) return Status::Ok();
  if (documents_ != nullptr) {
    auto w = WritePolledDocuments(*documents_, data_dir_);
    if (!w.ok()) spdlog::warn("demo: {}", w.status().ToString());
  }
  if (out_ != nullptr) {
    std::string alarms;
    for (const ServiceRow& r : CollectServiceRows(pipeline_->engine()))
      if (r.alarmed == "Yes") alarms += fmt::format(" {} {}", r.entity.Path(), JsonKey(r.service));
    *out_ << fmt::format("tick {}: alarmed:{}\n", FormatIso8601(next_),
                         alarms.empty() ? " none" : alarms)
          << std::flush;
  }
  return Status::Ok();
}

}  // namespace tldmon::app

#include "store/chunk_compactor.h"

#include <algorithm>
#include <optional>
#include <tuple>

namespace tldmon::store {

ChunkCompactor::ChunkCompactor(UnixSeconds chunk_start) : chunk_start_(chunk_start) {
  delta_.day = chunk_start - FloorMod(chunk_start, UnixSeconds{86400});
}

Status ChunkCompactor::AddBatch(UnixSeconds cycle, ProbeIndex probe, std::string_view blob) {
  if (!ParseReportBatch(blob, entries_)) return Internal("damaged report_batch row");
  // The counters of the chunk's day move from the raw to the compacted form.
  delta_.raw_bytes -= static_cast<std::int64_t>(blob.size());
  for (const BatchEntry& e : entries_) {
    const std::optional<std::uint64_t> metrics = ReportBodyMetricCount(e.body);
    if (!metrics) return Internal("damaged report body in report_batch");
    delta_.raw_metrics -= static_cast<std::int64_t>(*metrics);
    delta_.compacted_metrics += static_cast<std::int64_t>(*metrics);
    by_entity_[e.entity].push_back({cycle, probe, std::string(e.body)});
  }
  moved_ += entries_.size();
  delta_.raw_reports -= static_cast<std::int64_t>(entries_.size());
  delta_.compacted_reports += static_cast<std::int64_t>(entries_.size());
  return Status::Ok();
}

Status ChunkCompactor::AddChunkRow(std::int64_t first_entity, std::string_view blob) {
  delta_.compacted_bytes -= static_cast<std::int64_t>(blob.size());
  Result<std::vector<ChunkFrameView>> old = ParseChunkRow(first_entity, blob);
  if (!old.ok()) return old.status();
  for (const ChunkFrameView& f : *old) {
    auto it = by_entity_.find(f.entity);
    if (it == by_entity_.end()) {
      kept_.push_back({f.entity, std::string(f.frame)});
      continue;
    }
    Result<std::vector<ChunkRecord>> records = DecodeChunk(chunk_start_, f.frame);
    if (!records.ok()) return records.status();
    for (ChunkRecord& rec : *records) it->second.push_back(std::move(rec));
  }
  return Status::Ok();
}

Result<std::vector<std::pair<std::int64_t, std::string>>> ChunkCompactor::Finish() {
  std::vector<ChunkFrame> frames = std::move(kept_);
  for (auto& [entity_row, records] : by_entity_) {
    std::sort(records.begin(), records.end(), [](const ChunkRecord& a, const ChunkRecord& b) {
      return std::tie(a.cycle, a.probe) < std::tie(b.cycle, b.probe);
    });
    for (std::size_t i = 1; i < records.size(); ++i)
      if (records[i].cycle == records[i - 1].cycle && records[i].probe == records[i - 1].probe)
        return Internal("report stored both compacted and recent");
    Result<std::string> frame = EncodeChunk(chunk_start_, records);
    if (!frame.ok()) return frame.status();
    frames.push_back({entity_row, std::move(*frame)});
  }
  std::sort(frames.begin(), frames.end(),
            [](const ChunkFrame& a, const ChunkFrame& b) { return a.entity < b.entity; });
  auto groups = PackChunkGroups(frames);
  for (const auto& [first, blob] : groups)
    delta_.compacted_bytes += static_cast<std::int64_t>(blob.size());
  return groups;
}

}  // namespace tldmon::store

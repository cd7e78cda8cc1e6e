// ChunkCompactor: the backend-independent half of compacting one (test,
// 900 s chunk): the chunk's recent report batches and its existing
// compacted rows go in, the new compacted rows and the change to the day's
// storage counters come out (docs/formats/store-schema.md "Compaction").
// The store reads the rows, feeds them here, then replaces the rows in one
// transaction. Shared by SqliteStore and PostgresStore.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/probe_report.h"
#include "core/status.h"
#include "core/time.h"
#include "store/chunk_group.h"
#include "store/report_codec.h"
#include "store/store.h"

namespace tldmon::store {

class ChunkCompactor {
 public:
  explicit ChunkCompactor(UnixSeconds chunk_start);

  // Every report_batch row of the chunk first...
  Status AddBatch(UnixSeconds cycle, ProbeIndex probe, std::string_view blob);
  // ... then every report_chunk row it has already (an earlier compaction):
  // frames of entities without new reports are kept as they are; the others
  // are decoded and their late reports join them.
  Status AddChunkRow(std::int64_t first_entity, std::string_view blob);
  // The rows that replace the chunk's report_chunk rows: (first entity,
  // blob). Internal if a report is in both forms.
  Result<std::vector<std::pair<std::int64_t, std::string>>> Finish();

  // The change to the day's counters (day set), valid after Finish.
  const DayStorage& delta() const { return delta_; }
  std::size_t moved() const { return moved_; }                // reports moved
  std::size_t entities() const { return by_entity_.size(); }  // frames rewritten

 private:
  UnixSeconds chunk_start_;
  std::map<std::int64_t, std::vector<ChunkRecord>> by_entity_;
  std::vector<ChunkFrame> kept_;
  std::vector<BatchEntry> entries_;
  DayStorage delta_;
  std::size_t moved_ = 0;
};

}  // namespace tldmon::store

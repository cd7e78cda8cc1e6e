// Compact encodings of probe reports (docs/formats/store-schema.md
// "Encodings"). A report's key (probe, entity, test, cycle) lives in table
// columns; the rest is a "body" of varints with strings dictionary-coded.
// Chunks pack many bodies of one (test, entity, 900 s) into one zstd frame.
// Shared by every Store implementation; pure functions, thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/probe_report.h"
#include "core/status.h"
#include "core/time.h"
#include "store/dictionary.h"

namespace tldmon::store {

// Body of a report: everything but the key. Interns new strings in `dict`.
std::string EncodeReportBody(const ProbeReport& report, Dictionary& dict);
// Fills the non-key fields of `report` from a body. False if the body is
// malformed or names an unknown dictionary code.
bool DecodeReportBody(std::string_view body, const Dictionary& dict, ProbeReport& report);
// The metric count of an encoded body without decoding the metrics (the
// storage counters); nullopt if the header is damaged.
std::optional<std::uint64_t> ReportBodyMetricCount(std::string_view body);

// A report batch: the bodies of one probe's reports of one (test, cycle) for
// several entities, keyed by the store's integer entity code.
struct BatchEntry {
  std::int64_t entity = 0;
  std::string_view body;  // points into the blob it was parsed from
};
// `entries` ascending by entity, each entity once.
std::string EncodeReportBatch(std::span<const BatchEntry> entries);
// Parses a batch; the views point into `blob`. False if malformed.
bool ParseReportBatch(std::string_view blob, std::vector<BatchEntry>& entries);
// The body of `entity` in parsed entries (ascending), or nullptr.
const BatchEntry* FindInBatch(std::span<const BatchEntry> entries, std::int64_t entity);

// Compaction granularity: one chunk per (test, entity, quarter hour). Small
// enough that reading one cycle back decompresses little and that compacting
// one chunk of a full deployment (1500 entities x 40 probes) fits in memory.
inline constexpr UnixSeconds kChunkSeconds = 900;
constexpr UnixSeconds ChunkStart(UnixSeconds cycle) { return CycleStart(cycle, kChunkSeconds); }

struct ChunkRecord {
  UnixSeconds cycle = 0;
  ProbeIndex probe = 0;
  std::string body;
  friend bool operator==(const ChunkRecord&, const ChunkRecord&) = default;
};

// Serializes `records` (ascending by (cycle, probe), each cycle inside
// [chunk_start, chunk_start + kChunkSeconds)) and compresses them.
Result<std::string> EncodeChunk(UnixSeconds chunk_start, std::span<const ChunkRecord> records);
// Inverse of EncodeChunk. A malformed blob is Internal: only a damaged
// database produces one.
Result<std::vector<ChunkRecord>> DecodeChunk(UnixSeconds chunk_start, std::string_view blob);

}  // namespace tldmon::store

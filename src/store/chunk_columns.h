// The column layout of a compacted chunk (chunk format 2,
// docs/formats/store-schema.md "Chunk"): the records' fields regrouped into
// one byte stream per field before zstd compresses the whole. Within a
// stream the bytes are alike (all target indexes, all RTTs, all NSID codes),
// which is what lets zstd's entropy coder and match finder shrink them: the
// repeating (name server, IP) pattern of every DNS report, the NSID that an
// address answers with, the test time shared by a report's metrics (stored
// relative to the report's first metric: mostly zeros). RTTs are
// stored as the difference to the previous value of the same series (probe,
// target, IP index) in the chunk, so a stable path costs a few bits.
//
// Lossless on the store's own report bodies (EncodeReportBody writes minimal
// varints): decoding gives every record's body back byte for byte, so
// idempotency comparisons keep working on compacted reports.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "store/report_codec.h"

namespace tldmon::store {

// The columns of `records` (ascending by (cycle, probe), cycles inside the
// chunk). nullopt if a body would not come back byte for byte (not a body
// EncodeReportBody wrote); the caller then keeps the row layout (format 1).
std::optional<std::string> EncodeChunkColumns(UnixSeconds chunk_start,
                                              std::span<const ChunkRecord> records);

// Inverse of EncodeChunkColumns for `count` records; Internal if damaged.
Result<std::vector<ChunkRecord>> DecodeChunkColumns(UnixSeconds chunk_start, std::uint64_t count,
                                                    std::string_view columns);

}  // namespace tldmon::store

// A row of report_chunk: the compressed chunks (one zstd frame per entity,
// EncodeChunk) of several entities of one (test, 900 s chunk), packed
// together (docs/formats/store-schema.md "Chunk group").
//
// Why: one row per entity made rows of 0.2–4 KB, and SQLite packs cells that
// size into its 4 KB leaf pages poorly (about 30 % of every page unused, as
// much as the compression saves over its last steps). A row of up to
// kChunkGroupBytes spills into overflow pages, which are always full, so a
// group wastes at most part of one page. Reading one entity still
// decompresses only its own frame.
//
// Rows written before groups existed hold a bare zstd frame (it starts with
// the zstd magic number, never with the group marker) for the row's entity;
// ParseChunkRow reads both.
//
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tldmon::store {

// A group is closed once its frames reach this size (the last entity's
// frame may take it over).
inline constexpr std::size_t kChunkGroupBytes = 64 * 1024;

struct ChunkFrame {
  std::int64_t entity = 0;  // the store's entity code
  std::string frame;        // EncodeChunk output
};

struct ChunkFrameView {
  std::int64_t entity = 0;
  std::string_view frame;  // points into the row's blob
};

// Splits `frames` (ascending by entity, each entity once) into groups of
// about kChunkGroupBytes; each group is (its first entity, the row blob).
std::vector<std::pair<std::int64_t, std::string>> PackChunkGroups(
    std::span<const ChunkFrame> frames);

// The frames of a report_chunk row whose entity_id is `row_entity`,
// ascending by entity. Internal if the blob is damaged.
Result<std::vector<ChunkFrameView>> ParseChunkRow(std::int64_t row_entity, std::string_view blob);

}  // namespace tldmon::store

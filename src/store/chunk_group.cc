#include "store/chunk_group.h"

#include "store/varint.h"

namespace tldmon::store {
namespace {

// First byte of a group blob. A bare chunk is a zstd frame, whose first byte
// (of the little-endian magic 0xFD2FB528) is 0x28.
constexpr std::uint64_t kGroupMarker = 3;

std::string EncodeGroup(std::span<const ChunkFrame> frames) {
  std::string out;
  std::size_t bytes = 0;
  for (const ChunkFrame& f : frames) bytes += f.frame.size();
  out.reserve(8 + frames.size() * 6 + bytes);
  ByteWriter w(out);
  w.Varint(kGroupMarker);
  w.Varint(frames.size());
  std::int64_t prev = frames.empty() ? 0 : frames.front().entity;
  for (const ChunkFrame& f : frames) {
    w.Varint(static_cast<std::uint64_t>(WrappingSub(f.entity, prev)));  // the first: 0
    w.Varint(f.frame.size());
    prev = f.entity;
  }
  for (const ChunkFrame& f : frames) w.Bytes(f.frame);
  return out;
}

}  // namespace

std::vector<std::pair<std::int64_t, std::string>> PackChunkGroups(
    std::span<const ChunkFrame> frames) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  std::size_t begin = 0, bytes = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    bytes += frames[i].frame.size();
    if (bytes >= kChunkGroupBytes || i + 1 == frames.size()) {
      out.emplace_back(frames[begin].entity, EncodeGroup(frames.subspan(begin, i + 1 - begin)));
      begin = i + 1;
      bytes = 0;
    }
  }
  return out;
}

Result<std::vector<ChunkFrameView>> ParseChunkRow(std::int64_t row_entity, std::string_view blob) {
  std::vector<ChunkFrameView> out;
  if (!blob.empty() && static_cast<unsigned char>(blob[0]) != kGroupMarker) {
    out.push_back({row_entity, blob});  // a bare zstd frame of the row's entity
    return out;
  }
  const Status damaged = Internal("damaged report chunk row (group)");
  ByteReader in(blob);
  std::uint64_t marker = 0, count = 0;
  if (!in.Varint(marker) || marker != kGroupMarker || !in.Varint(count) || count == 0 ||
      count > blob.size())
    return damaged;
  std::vector<std::uint64_t> lengths;
  lengths.reserve(count);
  out.reserve(count);
  std::int64_t entity = row_entity;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t delta = 0, length = 0;
    if (!in.Varint(delta) || !in.Varint(length) || (i > 0 && delta == 0) || (i == 0 && delta != 0))
      return damaged;
    entity = WrappingAdd(entity, static_cast<std::int64_t>(delta));
    out.push_back({entity, {}});
    lengths.push_back(length);
  }
  for (std::uint64_t i = 0; i < count; ++i)
    if (!in.Bytes(lengths[i], out[i].frame)) return damaged;
  if (!in.done()) return damaged;
  return out;
}

}  // namespace tldmon::store

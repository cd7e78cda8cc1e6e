#include "store/chunk_columns.h"

#include <array>
#include <unordered_map>

#include "store/varint.h"

namespace tldmon::store {
namespace {

// One stream per field. Per record: the cycle offset (as the difference to
// the previous record's: records ascend by cycle), the probe, and the body
// header (transport, tested-name code, metric count). Per metric: target and
// IP index, the value (difference within its series), the test-time offset,
// the IP code, the NSID code.
enum Stream : std::size_t {
  kCycle,
  kProbe,
  kHeader,
  kTarget,
  kValue,
  kTestTime,
  kIp,
  kNsid,
  kStreamCount
};

// (probe, target, IP index): the series of one measured path.
std::uint64_t SeriesKey(std::uint64_t probe, std::uint64_t target, std::uint64_t ip_index) {
  return (probe << 32) | (target << 16) | ip_index;
}

}  // namespace

std::optional<std::string> EncodeChunkColumns(UnixSeconds chunk_start,
                                              std::span<const ChunkRecord> records) {
  std::array<std::string, kStreamCount> s;
  std::array<ByteWriter, kStreamCount> w = {ByteWriter(s[0]), ByteWriter(s[1]), ByteWriter(s[2]),
                                            ByteWriter(s[3]), ByteWriter(s[4]), ByteWriter(s[5]),
                                            ByteWriter(s[6]), ByteWriter(s[7])};
  std::unordered_map<std::uint64_t, std::int64_t> previous;  // last value per series
  std::string rebuilt;
  UnixSeconds last_offset = 0;
  for (const ChunkRecord& rec : records) {
    const UnixSeconds offset = rec.cycle - chunk_start;
    if (offset < last_offset || offset >= kChunkSeconds) return std::nullopt;
    w[kCycle].Varint(static_cast<std::uint64_t>(offset - last_offset));
    last_offset = offset;
    w[kProbe].Varint(rec.probe);

    ByteReader in(rec.body);
    rebuilt.clear();
    ByteWriter out(rebuilt);
    std::uint64_t transport = 0, name = 0, count = 0;
    if (!in.Varint(transport) || !in.Varint(name) || !in.Varint(count)) return std::nullopt;
    for (std::uint64_t v : {transport, name, count}) {
      w[kHeader].Varint(v);
      out.Varint(v);
    }
    std::uint64_t first_dt = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
      std::uint64_t target = 0, ip_index = 0, value = 0, dt = 0, ip = 0, nsid = 0;
      if (!in.Bounded(0xffff, target) || !in.Bounded(0xffff, ip_index) || !in.Varint(value) ||
          !in.Varint(dt) || !in.Varint(ip) || !in.Varint(nsid))
        return std::nullopt;
      w[kTarget].Varint(target);
      w[kTarget].Varint(ip_index);
      std::int64_t& prev = previous[SeriesKey(rec.probe, target, ip_index)];
      const std::int64_t v = ZigzagDecode(value);
      w[kValue].Signed(WrappingSub(v, prev));
      prev = v;
      // The first metric's offset as is, the others relative to it (a
      // report's metrics are mostly measured together: zeros).
      if (i == 0)
        w[kTestTime].Varint(dt);
      else
        w[kTestTime].Signed(WrappingSub(ZigzagDecode(dt), ZigzagDecode(first_dt)));
      if (i == 0) first_dt = dt;
      w[kIp].Varint(ip);
      w[kNsid].Varint(nsid);
      for (std::uint64_t x : {target, ip_index, value, dt, ip, nsid}) out.Varint(x);
    }
    // Only a body in minimal varints comes back byte for byte.
    if (!in.done() || rebuilt != rec.body) return std::nullopt;
  }
  std::string result;
  ByteWriter header(result);
  header.Varint(kStreamCount);
  for (const std::string& stream : s) header.Varint(stream.size());
  for (const std::string& stream : s) header.Bytes(stream);
  return result;
}

Result<std::vector<ChunkRecord>> DecodeChunkColumns(UnixSeconds chunk_start, std::uint64_t count,
                                                    std::string_view columns) {
  const Status damaged = Internal("damaged report chunk (columns)");
  ByteReader in(columns);
  std::uint64_t streams = 0;
  if (!in.Varint(streams) || streams != kStreamCount) return damaged;
  std::array<std::uint64_t, kStreamCount> lengths{};
  for (std::uint64_t& n : lengths)
    if (!in.Bounded(columns.size(), n)) return damaged;
  std::array<std::string_view, kStreamCount> views;
  for (std::size_t k = 0; k < kStreamCount; ++k)
    if (!in.Bytes(lengths[k], views[k])) return damaged;
  if (!in.done()) return damaged;
  std::array<ByteReader, kStreamCount> r = {
      ByteReader(views[0]), ByteReader(views[1]), ByteReader(views[2]), ByteReader(views[3]),
      ByteReader(views[4]), ByteReader(views[5]), ByteReader(views[6]), ByteReader(views[7])};
  std::unordered_map<std::uint64_t, std::int64_t> previous;
  std::vector<ChunkRecord> out;
  out.reserve(count);
  std::uint64_t offset = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t delta = 0, probe = 0, transport = 0, name = 0, metrics = 0;
    if (!r[kCycle].Bounded(kChunkSeconds - 1, delta) || offset + delta >= kChunkSeconds ||
        !r[kProbe].Bounded(0xffffffff, probe) || !r[kHeader].Varint(transport) ||
        !r[kHeader].Varint(name) || !r[kHeader].Varint(metrics))
      return damaged;
    offset += delta;
    ChunkRecord rec{
        chunk_start + static_cast<UnixSeconds>(offset), static_cast<ProbeIndex>(probe), {}};
    ByteWriter body(rec.body);
    body.Varint(transport);
    body.Varint(name);
    body.Varint(metrics);
    std::uint64_t first_dt = 0;
    for (std::uint64_t m = 0; m < metrics; ++m) {
      std::uint64_t target = 0, ip_index = 0, dt = 0, ip = 0, nsid = 0;
      std::int64_t diff = 0, dt_diff = 0;
      if (!r[kTarget].Bounded(0xffff, target) || !r[kTarget].Bounded(0xffff, ip_index) ||
          !r[kValue].Signed(diff) ||
          !(m == 0 ? r[kTestTime].Varint(dt) : r[kTestTime].Signed(dt_diff)) ||
          !r[kIp].Varint(ip) || !r[kNsid].Varint(nsid))
        return damaged;
      if (m == 0)
        first_dt = dt;
      else
        dt = ZigzagEncode(WrappingAdd(ZigzagDecode(first_dt), dt_diff));
      std::int64_t& prev = previous[SeriesKey(probe, target, ip_index)];
      prev = WrappingAdd(prev, diff);
      body.Varint(target);
      body.Varint(ip_index);
      body.Signed(prev);
      body.Varint(dt);
      body.Varint(ip);
      body.Varint(nsid);
    }
    out.push_back(std::move(rec));
  }
  for (const ByteReader& reader : r)
    if (!reader.done()) return damaged;
  return out;
}

}  // namespace tldmon::store

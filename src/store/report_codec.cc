#include "store/report_codec.h"

#include <zstd.h>

#include <algorithm>
#include <limits>

#include "store/chunk_columns.h"
#include "store/varint.h"

namespace tldmon::store {
namespace {

// Version byte at the start of every uncompressed chunk, so the layout can
// evolve without a migration rewriting old chunks: 1 = records one after the
// other, 2 = records regrouped into columns (chunk_columns.h; written since
// compaction became scheduled; both are read).
constexpr std::uint64_t kRowChunkFormat = 1;
constexpr std::uint64_t kColumnChunkFormat = 2;
// Likewise for report batches.
constexpr std::uint64_t kBatchFormat = 1;
// zstd level: compaction runs in the background, reads only decompress (whose
// speed does not depend on the level); 6 trades little CPU for a smaller file.
constexpr int kZstdLevel = 6;
// A chunk of a full deployment holds ~40 probes x 15 cycles; anything near
// this bound is a damaged blob, not data.
constexpr std::uint64_t kMaxChunkBytes = 64ull << 20;
// Smallest encoded metric: six one-byte varints.
constexpr std::size_t kMinMetricBytes = 6;

}  // namespace

std::string EncodeReportBody(const ProbeReport& r, Dictionary& dict) {
  std::string out;
  out.reserve(8 + r.metrics.size() * 10);
  ByteWriter w(out);
  w.Varint(static_cast<std::uint64_t>(r.transport));
  w.Varint(dict.Intern(r.tested_name));
  w.Varint(r.metrics.size());
  for (const Metric& m : r.metrics) {
    w.Varint(m.target);
    w.Varint(m.ip_index);
    w.Signed(m.value);
    w.Signed(WrappingSub(m.test_time, r.cycle));  // usually a few seconds into the cycle
    w.Varint(dict.Intern(m.ip));
    w.Varint(dict.Intern(m.nsid));
  }
  return out;
}

bool DecodeReportBody(std::string_view body, const Dictionary& dict, ProbeReport& r) {
  ByteReader in(body);
  std::uint64_t transport = 0, name = 0, count = 0;
  if (!in.Bounded(1, transport) || !in.Varint(name) || !in.Varint(count)) return false;
  if (count > body.size() / kMinMetricBytes) return false;
  const std::string* tested_name = dict.Lookup(name);
  if (tested_name == nullptr) return false;
  r.transport = static_cast<Transport>(transport);
  r.tested_name = *tested_name;
  r.metrics.clear();
  r.metrics.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    Metric m;
    std::uint64_t target = 0, ip_index = 0, ip = 0, nsid = 0;
    std::int64_t value = 0, dt = 0;
    if (!in.Bounded(0xffff, target) || !in.Bounded(0xffff, ip_index) || !in.Signed(value) ||
        !in.Signed(dt) || !in.Varint(ip) || !in.Varint(nsid))
      return false;
    if (value < std::numeric_limits<std::int32_t>::min() ||
        value > std::numeric_limits<std::int32_t>::max())
      return false;
    const std::string* ip_text = dict.Lookup(ip);
    const std::string* nsid_text = dict.Lookup(nsid);
    if (ip_text == nullptr || nsid_text == nullptr) return false;
    m.target = static_cast<std::uint16_t>(target);
    m.ip_index = static_cast<std::uint16_t>(ip_index);
    m.value = static_cast<std::int32_t>(value);
    m.test_time = WrappingAdd(r.cycle, dt);
    m.ip = *ip_text;
    m.nsid = *nsid_text;
    r.metrics.push_back(std::move(m));
  }
  return in.done();
}

std::optional<std::uint64_t> ReportBodyMetricCount(std::string_view body) {
  ByteReader in(body);
  std::uint64_t transport = 0, name = 0, count = 0;
  if (!in.Bounded(1, transport) || !in.Varint(name) || !in.Varint(count)) return std::nullopt;
  return count;
}

std::string EncodeReportBatch(std::span<const BatchEntry> entries) {
  // Index first (entity deltas and body lengths), then the bodies, so that a
  // reader looking for one entity skips the bodies of all others.
  std::string out;
  std::size_t bodies = 0;
  for (const BatchEntry& e : entries) bodies += e.body.size();
  out.reserve(4 + entries.size() * 4 + bodies);
  ByteWriter w(out);
  w.Varint(kBatchFormat);
  w.Varint(entries.size());
  std::int64_t prev = 0;
  for (const BatchEntry& e : entries) {
    w.Varint(static_cast<std::uint64_t>(WrappingSub(e.entity, prev)));
    w.Varint(e.body.size());
    prev = e.entity;
  }
  for (const BatchEntry& e : entries) w.Bytes(e.body);
  return out;
}

bool ParseReportBatch(std::string_view blob, std::vector<BatchEntry>& entries) {
  ByteReader in(blob);
  std::uint64_t format = 0, count = 0;
  if (!in.Varint(format) || format != kBatchFormat || !in.Varint(count) || count > blob.size())
    return false;
  entries.clear();
  entries.reserve(count);
  std::vector<std::uint64_t> lengths;
  lengths.reserve(count);
  std::int64_t prev = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t delta = 0, len = 0;
    if (!in.Varint(delta) || !in.Varint(len)) return false;
    // Ascending and distinct (the first entity may be any code >= 0).
    if (i > 0 && delta == 0) return false;
    prev = WrappingAdd(prev, static_cast<std::int64_t>(delta));
    entries.push_back({prev, {}});
    lengths.push_back(len);
  }
  for (std::uint64_t i = 0; i < count; ++i)
    if (!in.Bytes(lengths[i], entries[i].body)) return false;
  return in.done();
}

const BatchEntry* FindInBatch(std::span<const BatchEntry> entries, std::int64_t entity) {
  auto it = std::lower_bound(entries.begin(), entries.end(), entity,
                             [](const BatchEntry& e, std::int64_t id) { return e.entity < id; });
  return it != entries.end() && it->entity == entity ? &*it : nullptr;
}

Result<std::string> EncodeChunk(UnixSeconds chunk_start, std::span<const ChunkRecord> records) {
  std::string raw;
  ByteWriter w(raw);
  std::optional<std::string> columns = EncodeChunkColumns(chunk_start, records);
  w.Varint(columns ? kColumnChunkFormat : kRowChunkFormat);
  w.Varint(records.size());
  if (columns) w.Bytes(*columns);
  for (const ChunkRecord& rec : columns ? std::span<const ChunkRecord>() : records) {
    if (rec.cycle < chunk_start || rec.cycle >= chunk_start + kChunkSeconds)
      return Internal("chunk record outside its chunk");
    w.Varint(static_cast<std::uint64_t>(rec.cycle - chunk_start));
    w.Varint(rec.probe);
    w.Varint(rec.body.size());
    w.Bytes(rec.body);
  }
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  const std::size_t n = ZSTD_compress(out.data(), out.size(), raw.data(), raw.size(), kZstdLevel);
  if (ZSTD_isError(n))
    return Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

Result<std::vector<ChunkRecord>> DecodeChunk(UnixSeconds chunk_start, std::string_view blob) {
  const unsigned long long size = ZSTD_getFrameContentSize(blob.data(), blob.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxChunkBytes)
    return Internal("damaged report chunk (bad zstd frame header)");
  std::string raw(size, '\0');
  const std::size_t n = ZSTD_decompress(raw.data(), raw.size(), blob.data(), blob.size());
  if (ZSTD_isError(n) || n != size) return Internal("damaged report chunk (zstd)");
  ByteReader in(raw);
  std::uint64_t format = 0, count = 0;
  if (!in.Varint(format) || (format != kRowChunkFormat && format != kColumnChunkFormat) ||
      !in.Varint(count) || count > raw.size())
    return Internal("damaged report chunk (header)");
  if (format == kColumnChunkFormat) {
    std::string_view columns;
    if (!in.Bytes(in.remaining(), columns)) return Internal("damaged report chunk (header)");
    return DecodeChunkColumns(chunk_start, count, columns);
  }
  std::vector<ChunkRecord> out;
  out.reserve(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t offset = 0, probe = 0, len = 0;
    std::string_view body;
    if (!in.Bounded(kChunkSeconds - 1, offset) || !in.Bounded(0xffffffff, probe) ||
        !in.Varint(len) || !in.Bytes(len, body))
      return Internal("damaged report chunk (record)");
    out.push_back({chunk_start + static_cast<UnixSeconds>(offset), static_cast<ProbeIndex>(probe),
                   std::string(body)});
  }
  if (!in.done()) return Internal("damaged report chunk (trailing bytes)");
  return out;
}

}  // namespace tldmon::store

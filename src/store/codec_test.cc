// The store's compact encodings: varints, report bodies, chunks, incident
// runs, bitmaps. Round trips, sizes that show the encoding is compact, and
// damaged input rejected rather than misread.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "store/chunk_columns.h"
#include "store/chunk_group.h"
#include "store/dictionary.h"
#include "store/engine_state_codec.h"
#include "store/report_codec.h"
#include "store/sla_param_codec.h"
#include "store/varint.h"

namespace tldmon::store {
namespace {

TEST(Varint, RoundTripsBoundaryValues) {
  const std::uint64_t values[] = {
      0, 1, 127, 128, 16383, 16384, (1ull << 35) + 3, std::numeric_limits<std::uint64_t>::max()};
  std::string bytes;
  ByteWriter w(bytes);
  for (std::uint64_t v : values) w.Varint(v);
  ByteReader r(bytes);
  for (std::uint64_t v : values) {
    std::uint64_t got = 0;
    ASSERT_TRUE(r.Varint(got));
    EXPECT_EQ(got, v);
  }
  EXPECT_TRUE(r.done());
}

TEST(Varint, LengthsFollowSevenBitGroups) {
  // LEB128: 7 payload bits per byte.
  for (auto [v, n] : {std::pair<std::uint64_t, std::size_t>{127, 1},
                      {128, 2},
                      {16383, 2},
                      {16384, 3},
                      {std::numeric_limits<std::uint64_t>::max(), 10}}) {
    std::string bytes;
    ByteWriter(bytes).Varint(v);
    EXPECT_EQ(bytes.size(), n) << v;
  }
}

TEST(Varint, ZigzagKeepsSmallNegativesSmall) {
  EXPECT_EQ(ZigzagEncode(0), 0u);
  EXPECT_EQ(ZigzagEncode(-1), 1u);
  EXPECT_EQ(ZigzagEncode(1), 2u);
  EXPECT_EQ(ZigzagEncode(-200), 399u);
  for (std::int64_t v : {std::numeric_limits<std::int64_t>::min(), std::int64_t{-1000},
                         std::int64_t{0}, std::numeric_limits<std::int64_t>::max()})
    EXPECT_EQ(ZigzagDecode(ZigzagEncode(v)), v);
}

TEST(Varint, TruncatedAndOverlongInputIsRejected) {
  std::uint64_t v = 0;
  EXPECT_FALSE(ByteReader(std::string_view("\x80", 1)).Varint(v));
  // 11 continuation bytes: longer than any uint64.
  EXPECT_FALSE(ByteReader(std::string(11, '\xff')).Varint(v));
  // 10th byte carrying more than the top bit.
  std::string ten(9, '\xff');
  ten.push_back('\x02');
  EXPECT_FALSE(ByteReader(ten).Varint(v));
  std::string_view out;
  ByteReader r(std::string_view("ab", 2));
  EXPECT_FALSE(r.Bytes(3, out));
}

TEST(Dictionary, EmptyIsCodeZeroAndCodesAreDense) {
  Dictionary d;
  EXPECT_EQ(d.Intern(""), 0u);
  EXPECT_EQ(d.Intern("192.0.2.1"), 1u);
  EXPECT_EQ(d.Intern("ns1"), 2u);
  EXPECT_EQ(d.Intern("192.0.2.1"), 1u);
  EXPECT_EQ(*d.Lookup(2), "ns1");
  EXPECT_EQ(d.Lookup(3), nullptr);
}

TEST(Dictionary, RollbackForgetsPendingCodes) {
  Dictionary d;
  d.Intern("a");
  d.CommitPending();
  d.Intern("b");
  d.Intern("c");
  ASSERT_EQ(d.Pending().size(), 2u);
  EXPECT_EQ(d.Pending()[0].first, 2u);
  d.RollbackPending();
  EXPECT_EQ(d.Lookup(2), nullptr);
  EXPECT_EQ(d.Intern("c"), 2u);                // the code is handed out again
  EXPECT_TRUE(d.LoadStored(1, "x") == false);  // not the next code
}

ProbeReport SampleReport() {
  ProbeReport r;
  r.probe = 12;
  r.entity = {EntityKind::kRegistry, "example"};
  r.test = TestKind::kDns;
  r.cycle = 1767225600;
  r.transport = Transport::kTcp;
  r.tested_name = "nonexistent-tldmon.example.";
  for (std::uint16_t ns = 0; ns < 4; ++ns)
    for (std::uint16_t ip = 0; ip < 2; ++ip)
      r.metrics.push_back(
          {ns, ip, ns == 3 ? -600 : 25 + ns, r.cycle + 2, "", ip == 0 ? "6e7331" : ""});
  return r;
}

TEST(ReportBody, RoundTripsAndIsCompact) {
  Dictionary d;
  const ProbeReport r = SampleReport();
  const std::string body = EncodeReportBody(r, d);
  // 3 header bytes + 8 metrics x 6 one-byte fields, except that the two
  // -600 codes zigzag to 1199, two bytes: a DNS report of a TLD with 4 name
  // servers x 2 IPs costs 53 bytes before compression.
  EXPECT_EQ(body.size(), 3u + 8u * 6u + 2u);
  ProbeReport back;
  back.probe = r.probe;
  back.entity = r.entity;
  back.test = r.test;
  back.cycle = r.cycle;
  ASSERT_TRUE(DecodeReportBody(body, d, back));
  EXPECT_EQ(back, r);
}

TEST(ReportBody, DamagedBodiesAreRejected) {
  Dictionary d;
  const ProbeReport r = SampleReport();
  const std::string body = EncodeReportBody(r, d);
  ProbeReport back;
  EXPECT_FALSE(DecodeReportBody(body.substr(0, body.size() - 1), d, back));
  EXPECT_FALSE(DecodeReportBody(body + "x", d, back));
  Dictionary empty;  // codes unknown to this dictionary
  EXPECT_FALSE(DecodeReportBody(body, empty, back));
  std::string bad_transport = body;
  bad_transport[0] = 2;
  EXPECT_FALSE(DecodeReportBody(bad_transport, d, back));
}

TEST(ReportBatch, RoundTripsAndFindsEntities) {
  const std::vector<BatchEntry> entries = {{1, "a"}, {2, ""}, {7, "body-of-7"}, {1000000, "x"}};
  const std::string blob = EncodeReportBatch(entries);
  std::vector<BatchEntry> back;
  ASSERT_TRUE(ParseReportBatch(blob, back));
  ASSERT_EQ(back.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(back[i].entity, entries[i].entity);
    EXPECT_EQ(back[i].body, entries[i].body);
  }
  ASSERT_NE(FindInBatch(back, 7), nullptr);
  EXPECT_EQ(FindInBatch(back, 7)->body, "body-of-7");
  EXPECT_EQ(FindInBatch(back, 3), nullptr);
  EXPECT_EQ(FindInBatch(back, 1000001), nullptr);
}

TEST(ReportBatch, DamagedBatchesAreRejected) {
  const std::vector<BatchEntry> entries = {{1, "abc"}, {2, "de"}};
  const std::string blob = EncodeReportBatch(entries);
  std::vector<BatchEntry> back;
  EXPECT_FALSE(ParseReportBatch(blob.substr(0, blob.size() - 1), back));
  EXPECT_FALSE(ParseReportBatch(blob + "z", back));
  EXPECT_FALSE(ParseReportBatch("", back));
  // An entity listed twice (delta 0 after the first) is not a valid index.
  std::string twice = EncodeReportBatch(std::vector<BatchEntry>{{5, "a"}, {6, "b"}});
  twice[4] = 0;  // bytes: format, count, delta 5, len 1, delta 1 -> 0
  EXPECT_FALSE(ParseReportBatch(twice, back));
}

TEST(Chunk, RoundTripsAndCompresses) {
  Dictionary d;
  std::vector<ChunkRecord> records;
  const UnixSeconds start = 1767225600;
  for (UnixSeconds c = start; c < start + kChunkSeconds; c += 60)
    for (ProbeIndex p = 0; p < 40; ++p) {
      ProbeReport r = SampleReport();
      r.cycle = c;
      for (Metric& m : r.metrics) m.test_time = c + 2;
      records.push_back({c, p, EncodeReportBody(r, d)});
    }
  std::size_t raw = 0;
  for (const ChunkRecord& rec : records) raw += rec.body.size();
  Result<std::string> blob = EncodeChunk(start, records);
  ASSERT_TRUE(blob.ok()) << blob.status().ToString();
  EXPECT_LT(blob->size() * 10, raw);  // repetitive measurements compress well
  Result<std::vector<ChunkRecord>> back = DecodeChunk(start, *blob);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, records);
}

TEST(Chunk, DamageIsInternalNotACrash) {
  const std::vector<ChunkRecord> records = {{1767225600, 1, "abc"}};
  Result<std::string> blob = EncodeChunk(1767225600, records);
  ASSERT_TRUE(blob.ok());
  EXPECT_EQ(DecodeChunk(1767225600, blob->substr(0, blob->size() / 2)).status().code(),
            StatusCode::kInternal);
  EXPECT_EQ(DecodeChunk(1767225600, "garbage").status().code(), StatusCode::kInternal);
  const std::vector<ChunkRecord> outside = {{1767225600 + kChunkSeconds, 1, "abc"}};
  EXPECT_FALSE(EncodeChunk(1767225600, outside).ok());
}

// Probes' DNS reports with jittery RTTs, error codes, NSIDs and test times
// that differ per report, as real chunks have them.
std::vector<ChunkRecord> JitteryRecords(Dictionary& d, UnixSeconds start) {
  std::vector<ChunkRecord> records;
  std::uint32_t x = 12345;
  auto next = [&x] { return x = x * 1103515245u + 12345u, (x >> 16) & 0x7fff; };
  for (UnixSeconds c = start; c < start + kChunkSeconds; c += 60)
    for (ProbeIndex p = 0; p < 25; ++p) {
      ProbeReport r = SampleReport();
      r.cycle = c;
      const UnixSeconds at = c + static_cast<UnixSeconds>(next() % 30);
      for (Metric& m : r.metrics) {
        m.test_time = at;
        m.value = next() % 500 == 0 ? -200 : static_cast<std::int32_t>(20 + 10 * p + next() % 40);
        m.nsid = m.ip_index == 0 ? "6e73" + std::to_string(p % 3) : "";
      }
      records.push_back({c, p, EncodeReportBody(r, d)});
    }
  return records;
}

TEST(Chunk, ColumnsRoundTripByteForByte) {
  Dictionary d;
  const UnixSeconds start = 1767225600;
  const std::vector<ChunkRecord> records = JitteryRecords(d, start);
  std::optional<std::string> columns = EncodeChunkColumns(start, records);
  ASSERT_TRUE(columns.has_value());
  Result<std::vector<ChunkRecord>> back = DecodeChunkColumns(start, records.size(), *columns);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, records);
  Result<std::string> blob = EncodeChunk(start, records);
  ASSERT_TRUE(blob.ok()) << blob.status().ToString();
  Result<std::vector<ChunkRecord>> unpacked = DecodeChunk(start, *blob);
  ASSERT_TRUE(unpacked.ok()) << unpacked.status().ToString();
  EXPECT_EQ(*unpacked, records);
  // Damage anywhere in the columns is an error, never a crash or a wrong body.
  for (std::size_t cut : {std::size_t{1}, columns->size() / 2, columns->size() - 1})
    EXPECT_FALSE(DecodeChunkColumns(start, records.size(), columns->substr(0, cut)).ok()) << cut;
  EXPECT_FALSE(DecodeChunkColumns(start, records.size() + 1, *columns).ok());
}

// The column layout, byte for byte (docs/formats/store-schema.md "Chunk",
// format 2), on two hand-written report bodies: probe 2 with two metrics
// (an RTT of 20 and a -200 code, both measured 5 s into the cycle), probe 4
// with one (25 ms, 7 s in), one minute into the chunk.
TEST(Chunk, ColumnLayoutIsPinned) {
  const UnixSeconds start = 1767225600;
  const std::string body1(
      "\x00\x01\x02"                   // UDP, name code 1, 2 metrics
      "\x00\x00\x28\x0a\x00\x03"       // ns 0 ip 0, 20, +5 s, no ip, nsid 3
      "\x01\x00\x8f\x03\x0a\x00\x00",  // ns 1 ip 0, -200, +5 s
      16);
  const std::string body2("\x01\x01\x01\x00\x00\x32\x0e\x00\x03", 9);  // TCP; 25, +7 s, nsid 3
  const std::vector<ChunkRecord> records = {{start + 60, 2, body1}, {start + 60, 4, body2}};
  std::optional<std::string> columns = EncodeChunkColumns(start, records);
  ASSERT_TRUE(columns.has_value());
  const std::string want(
      "\x08\x02\x02\x06\x06\x04\x03\x03\x03"  // 8 streams and their lengths
      "\x3c\x00"                              // cycle: +60, +0
      "\x02\x04"                              // probe
      "\x00\x01\x02\x01\x01\x01"              // header: transport, name, count
      "\x00\x00\x01\x00\x00\x00"              // target, ip_index
      "\x28\x8f\x03\x32"                      // value: 20, -200, 25 (firsts of their series)
      "\x0a\x00\x0e"                          // test time: 5, +0 relative, 7
      "\x00\x00\x00"                          // ip
      "\x03\x00\x03",                         // nsid
      38);
  EXPECT_EQ(*columns, want);
  Result<std::vector<ChunkRecord>> back = DecodeChunkColumns(start, 2, want);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, records);
}

TEST(Chunk, BodiesThatWouldNotComeBackKeepTheRowLayout) {
  const UnixSeconds start = 1767225600;
  // A varint with a redundant continuation byte (0x80 0x00 for 0) decodes
  // but would be re-encoded shorter.
  const std::vector<ChunkRecord> odd = {{start, 1, std::string("\x80\x00\x00\x00", 4)}};
  EXPECT_FALSE(EncodeChunkColumns(start, odd).has_value());
  Result<std::string> blob = EncodeChunk(start, odd);
  ASSERT_TRUE(blob.ok()) << blob.status().ToString();
  EXPECT_EQ(*DecodeChunk(start, *blob), odd);
}

TEST(ChunkGroup, PacksFramesIntoRowsOfBoundedSizeAndReadsThemBack) {
  std::vector<ChunkFrame> frames;
  for (std::int64_t e = 3; e < 40; ++e)
    frames.push_back({e * 2, std::string(static_cast<std::size_t>(e) * 300, static_cast<char>(e))});
  const auto rows = PackChunkGroups(frames);
  ASSERT_GT(rows.size(), 1u);
  std::vector<ChunkFrame> back;
  for (const auto& [first, blob] : rows) {
    // Closed once a row reaches the bound: at most one frame beyond it.
    EXPECT_LT(blob.size(), kChunkGroupBytes + 40 * 300 + 64);
    Result<std::vector<ChunkFrameView>> parsed = ParseChunkRow(first, blob);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->front().entity, first);
    for (const ChunkFrameView& f : *parsed) back.push_back({f.entity, std::string(f.frame)});
  }
  ASSERT_EQ(back.size(), frames.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(back[i].entity, frames[i].entity);
    EXPECT_EQ(back[i].frame, frames[i].frame);
  }
  // Damage is an error, never a crash.
  const std::string& blob = rows.front().second;
  EXPECT_FALSE(ParseChunkRow(rows.front().first, blob.substr(0, blob.size() - 1)).ok());
  EXPECT_FALSE(ParseChunkRow(rows.front().first, blob + "x").ok());
}

TEST(ChunkGroup, GroupLayoutIsPinned) {
  const std::vector<ChunkFrame> frames = {{5, "ab"}, {9, "c"}};
  const auto rows = PackChunkGroups(frames);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].first, 5);
  // marker 3, 2 frames, (delta 0, length 2), (delta 4, length 1), the frames.
  EXPECT_EQ(rows[0].second, std::string("\x03\x02\x00\x02\x04\x01"
                                        "abc",
                                        9));
}

TEST(ChunkGroup, ARowOfOneBareFrameIsTheRowsEntity) {
  Dictionary d;
  const UnixSeconds start = 1767225600;
  Result<std::string> frame = EncodeChunk(start, JitteryRecords(d, start));
  ASSERT_TRUE(frame.ok());
  Result<std::vector<ChunkFrameView>> parsed = ParseChunkRow(77, *frame);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ(parsed->front().entity, 77);
  EXPECT_EQ(parsed->front().frame, *frame);
}

TEST(DownCycles, RoundTripRunsRelativeToTheStart) {
  const std::vector<engine::CycleRun> runs = {
      {1767225600, 3}, {1767225600 + 600, 1}, {1767225600 + 86400, 4000000000u}};
  const std::string bytes = EncodeDownCycles(1767225600, runs);
  std::vector<engine::CycleRun> back;
  ASSERT_TRUE(DecodeDownCycles(1767225600, bytes, back));
  EXPECT_EQ(back, runs);
  EXPECT_FALSE(DecodeDownCycles(1767225600, bytes.substr(0, bytes.size() - 1), back));
  std::vector<engine::CycleRun> none;
  ASSERT_TRUE(DecodeDownCycles(0, EncodeDownCycles(0, {}), none));
  EXPECT_TRUE(none.empty());
}

TEST(Bitmap, BitIOfByteIOver8) {
  const std::vector<bool> bits = {true, false, false, true, false, false, false, false, true};
  const std::string bytes = EncodeBitmap(bits);
  ASSERT_EQ(bytes.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(bytes[0]), 0b1001u);
  EXPECT_EQ(static_cast<unsigned char>(bytes[1]), 0b1u);
  std::vector<bool> back;
  ASSERT_TRUE(DecodeBitmap(bytes, bits.size(), back));
  EXPECT_EQ(back, bits);
  EXPECT_FALSE(DecodeBitmap(bytes, 17, back));
}

}  // namespace
}  // namespace tldmon::store

namespace tldmon::store {
namespace {

// The store must persist every parameter the engine knows: the stored names
// are exactly the configuration keys of SlaParams::Set (engine/sla_params.h).
TEST(SlaParamCodec, StoresExactlyTheEngineKeys) {
  std::vector<std::string> names;
  for (const SlaParamValue& v : FlattenSlaParams(engine::SlaParams::Defaults()))
    names.push_back(v.name);
  std::vector<std::string> keys = engine::SlaParams::Keys();
  std::sort(names.begin(), names.end());
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(names, keys);
}

TEST(SlaParamCodec, RejectsWrongTypesAndUnknownNames) {
  engine::SlaParams p = engine::SlaParams::Defaults();
  EXPECT_EQ(ApplySlaParam(p, "dns.min_online", 2.5).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ApplySlaParam(p, "dns.min_online", std::int64_t{1} << 40).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ApplySlaParam(p, "dns.nosuch", std::int64_t{1}).code(), StatusCode::kNotFound);
  EXPECT_EQ(ApplySlaParam(p, "nosuch", std::int64_t{1}).code(), StatusCode::kNotFound);
  ASSERT_TRUE(ApplySlaParam(p, "unavailability_limit", std::int64_t{40}).ok());
  EXPECT_EQ(p.unavailability_limit, 40.0);
  EXPECT_EQ(p.Of(Service::kDns).min_online, 20);
}

}  // namespace
}  // namespace tldmon::store

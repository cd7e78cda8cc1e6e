#include "store/entity_state_codec.h"

#include <gtest/gtest.h>

namespace tldmon::store {
namespace {

engine::EntityState RichState() {
  engine::EntityState s;
  s.services[0].last_cycle = 1767225600;
  s.services[0].last_status = CycleStatus::kDown;
  s.services[0].down_streak = 3;
  s.services[0].recover_streak = 1;
  engine::Incident open;
  open.event_id = 42;
  open.start_time = 1767225600;
  open.down_cycles = {{1767225600, 3}, {1767226200, 1}};
  engine::Incident closed;
  closed.event_id = 7;
  closed.start_time = 1767000000;
  closed.end_time = 1767003600;
  closed.false_positive = true;
  closed.fp_update_time = 1767100000;
  s.services[0].incidents = {closed, open};
  s.services[2].last_cycle = engine::kNever;
  s.ns_ips.push_back(
      {"ns1.example.", "192.0.2.1", 1764547200, 5, CycleStatus::kDown, {{1764547200, 2}}, {}});
  s.ns_ips.push_back({"ns2.example.", "2001:db8::53", engine::kNever, 0, CycleStatus::kUp, {}, {}});
  s.rtt[1] = {1764547200, 1000, 3, 12};
  s.rtt[5] = {engine::kNever, -1, 0, 0};
  return s;
}

TEST(EntityStateCodec, RoundTripsEveryField) {
  const engine::EntityState in = RichState();
  engine::EntityState out;
  ASSERT_TRUE(DecodeEntityState(EncodeEntityState(in), out));
  EXPECT_EQ(out, in);
  ASSERT_TRUE(DecodeEntityState(EncodeEntityState(engine::EntityState{}), out));
  EXPECT_EQ(out, engine::EntityState{});
}

TEST(EntityStateCodec, RejectsDamagedBlobs) {
  const std::string good = EncodeEntityState(RichState());
  engine::EntityState out;
  for (std::size_t cut = 0; cut < good.size(); ++cut)
    EXPECT_FALSE(DecodeEntityState(good.substr(0, cut), out)) << "truncated at " << cut;
  EXPECT_FALSE(DecodeEntityState(good + "x", out)) << "trailing bytes";
  std::string other_version = good;
  other_version[0] = 2;
  EXPECT_FALSE(DecodeEntityState(other_version, out));
}

TEST(EntityStateCodec, ProbeStatesRoundTrip) {
  std::vector<engine::ProbeState> in(3);
  in[0] = {false, 1767225600, 0xffffffffffffffffull, 1767225660};
  in[2] = {true, engine::kNever, 5, engine::kNever};
  std::vector<engine::ProbeState> out;
  const std::string bytes = EncodeProbeStates(in);
  ASSERT_TRUE(DecodeProbeStates(bytes, out));
  EXPECT_EQ(out, in);
  EXPECT_FALSE(DecodeProbeStates(bytes.substr(0, bytes.size() - 1), out));
}

}  // namespace
}  // namespace tldmon::store

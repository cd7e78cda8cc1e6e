#include "store/entity_state_codec.h"

#include <cstdint>
#include <limits>

#include "store/engine_state_codec.h"
#include "store/varint.h"

namespace tldmon::store {

namespace {

constexpr std::uint64_t kEntityStateVersion = 1;
constexpr std::uint64_t kMaxCount = 1u << 24;  // bounds every list a damaged blob could claim
constexpr std::uint64_t kMaxStatus =
    static_cast<std::uint64_t>(CycleStatus::kUpInconclusiveReconfig);

void PutOptTime(ByteWriter& w, const std::optional<UnixSeconds>& t) {
  w.Varint(t ? 1 : 0);
  if (t) w.Signed(*t);
}

bool GetOptTime(ByteReader& r, std::optional<UnixSeconds>& t) {
  std::uint64_t present = 0;
  if (!r.Bounded(1, present)) return false;
  t.reset();
  if (present == 0) return true;
  std::int64_t v = 0;
  if (!r.Signed(v)) return false;
  t = v;
  return true;
}

bool GetStatus(ByteReader& r, CycleStatus& out) {
  std::uint64_t v = 0;
  if (!r.Bounded(kMaxStatus, v)) return false;
  out = static_cast<CycleStatus>(v);
  return true;
}

// Down-cycle runs behind a length, relative to `base`.
void PutRuns(ByteWriter& w, UnixSeconds base, const std::vector<engine::CycleRun>& runs) {
  w.Text(EncodeDownCycles(base, runs));
}

bool GetRuns(ByteReader& r, UnixSeconds base, std::vector<engine::CycleRun>& runs) {
  std::string bytes;
  return r.Text(kMaxCount, bytes) && DecodeDownCycles(base, bytes, runs);
}

UnixSeconds NsIpRunBase(const engine::NsIpState& n) {
  return n.month == engine::kNever ? 0 : n.month;
}

}  // namespace

std::string EncodeEntityState(const engine::EntityState& s) {
  std::string out;
  ByteWriter w(out);
  w.Varint(kEntityStateVersion);
  w.Varint(s.services.size());
  for (const engine::ServiceState& ss : s.services) {
    w.Signed(ss.last_cycle);
    w.Varint(static_cast<std::uint64_t>(ss.last_status));
    w.Signed(ss.down_streak);
    w.Signed(ss.recover_streak);
    w.Varint(ss.incidents.size());
    for (const engine::Incident& inc : ss.incidents) {
      w.Varint(inc.event_id);
      w.Signed(inc.start_time);
      PutOptTime(w, inc.end_time);
      w.Varint(inc.false_positive ? 1 : 0);
      PutOptTime(w, inc.fp_update_time);
      PutRuns(w, inc.start_time, inc.down_cycles);
    }
  }
  w.Varint(s.ns_ips.size());
  for (const engine::NsIpState& n : s.ns_ips) {
    w.Text(n.ns);
    w.Text(n.ip);
    w.Signed(n.month);
    w.Signed(n.month_down_cycles);
    w.Varint(static_cast<std::uint64_t>(n.last_status));
    PutRuns(w, NsIpRunBase(n), n.incident_down_cycles);
  }
  w.Varint(s.rtt.size());
  for (const engine::RttMonth& m : s.rtt) {
    w.Signed(m.month);
    w.Signed(m.performed);
    w.Signed(m.failed);
    w.Signed(m.expected);
  }
  return out;
}

bool DecodeEntityState(std::string_view bytes, engine::EntityState& s) {
  s = engine::EntityState{};
  ByteReader r(bytes);
  std::uint64_t version = 0, n = 0;
  if (!r.Varint(version) || version != kEntityStateVersion) return false;
  if (!r.Varint(n) || n != s.services.size()) return false;
  for (engine::ServiceState& ss : s.services) {
    std::uint64_t incidents = 0;
    if (!r.Signed(ss.last_cycle) || !GetStatus(r, ss.last_status) || !r.Int(ss.down_streak) ||
        !r.Int(ss.recover_streak) || !r.Bounded(kMaxCount, incidents))
      return false;
    ss.incidents.resize(incidents);
    for (engine::Incident& inc : ss.incidents) {
      std::uint64_t fp = 0;
      if (!r.Varint(inc.event_id) || !r.Signed(inc.start_time) || !GetOptTime(r, inc.end_time) ||
          !r.Bounded(1, fp) || !GetOptTime(r, inc.fp_update_time) ||
          !GetRuns(r, inc.start_time, inc.down_cycles))
        return false;
      inc.false_positive = fp != 0;
    }
  }
  if (!r.Bounded(kMaxCount, n)) return false;
  s.ns_ips.resize(n);
  for (engine::NsIpState& ns : s.ns_ips) {
    if (!r.Text(1024, ns.ns) || !r.Text(1024, ns.ip) || !r.Signed(ns.month) ||
        !r.Int(ns.month_down_cycles) || !GetStatus(r, ns.last_status) ||
        !GetRuns(r, NsIpRunBase(ns), ns.incident_down_cycles))
      return false;
  }
  if (!r.Varint(n) || n != s.rtt.size()) return false;
  for (engine::RttMonth& m : s.rtt)
    if (!r.Signed(m.month) || !r.Signed(m.performed) || !r.Signed(m.failed) ||
        !r.Signed(m.expected))
      return false;
  return r.done();
}

std::string EncodeProbeStates(const std::vector<engine::ProbeState>& probes) {
  std::string out;
  ByteWriter w(out);
  w.Varint(kEntityStateVersion);
  w.Varint(probes.size());
  for (const engine::ProbeState& p : probes) {
    w.Varint(p.auto_online ? 1 : 0);
    w.Signed(p.success_run_start);
    w.Varint(p.minute_bits);
    w.Signed(p.last_minute);
  }
  return out;
}

bool DecodeProbeStates(std::string_view bytes, std::vector<engine::ProbeState>& probes) {
  ByteReader r(bytes);
  std::uint64_t version = 0, n = 0;
  if (!r.Varint(version) || version != kEntityStateVersion || !r.Bounded(kMaxCount, n))
    return false;
  probes.assign(n, engine::ProbeState{});
  for (engine::ProbeState& p : probes) {
    std::uint64_t online = 0;
    if (!r.Bounded(1, online) || !r.Signed(p.success_run_start) || !r.Varint(p.minute_bits) ||
        !r.Signed(p.last_minute))
      return false;
    p.auto_online = online != 0;
  }
  return r.done();
}

}  // namespace tldmon::store

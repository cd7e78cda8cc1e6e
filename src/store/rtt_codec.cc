#include "store/rtt_codec.h"

#include <algorithm>
#include <array>
#include <cstdint>

#include "store/varint.h"

namespace tldmon::store {

namespace {

// Reads a body as tuples of N bounded varints, calling `accept` on each;
// false on a damaged body or when `accept` refuses a tuple.
template <std::size_t N, typename Accept>
bool ForEachTuple(std::string_view body, Accept accept) {
  ByteReader r(body);
  std::array<std::uint64_t, N> f{};
  while (!r.done()) {
    for (std::uint64_t& x : f)
      if (!r.Bounded(0x7fffffff, x)) return false;
    if (!accept(f)) return false;
  }
  return true;
}

void PutAll(ByteWriter& w, std::initializer_list<int> values) {
  for (const int x : values) w.Varint(static_cast<std::uint64_t>(std::max(0, x)));
}

}  // namespace

std::map<EntityId, std::string> EncodeNsIpRttBodies(const engine::CycleOutput& out) {
  // The engine emits an entity's NS-IP verdicts together; one row each.
  std::map<EntityId, std::string> bodies;
  for (const engine::NsIpVerdict& v : out.ns_ips) {
    if (v.udp.n == 0 && v.tcp.n == 0) continue;
    ByteWriter w(bodies[v.entity]);
    PutAll(w, {int{v.ns}, int{v.ip}, v.udp.n, v.udp.p50, v.udp.p95, v.tcp.n, v.tcp.p50, v.tcp.p95});
  }
  return bodies;
}

std::string EncodeProbeRttBody(const engine::EntityProbeRtts& rtts) {
  std::string body;
  ByteWriter w(body);
  for (const engine::ProbeRtt& p : rtts.probes)
    PutAll(w, {static_cast<int>(p.probe), static_cast<int>(p.transport), p.rtt.n, p.rtt.p50,
               p.rtt.p95});
  return body;
}

bool DecodeNsIpRttBody(UnixSeconds cycle, std::string_view body,
                       const std::function<void(const NsIpRtt&)>& visit) {
  return ForEachTuple<8>(body, [&](const std::array<std::uint64_t, 8>& f) {
    if (f[0] > 0xffff || f[1] > 0xffff) return false;
    const auto i = [&](std::size_t k) { return static_cast<int>(f[k]); };
    visit({cycle,
           static_cast<std::uint16_t>(f[0]),
           static_cast<std::uint16_t>(f[1]),
           {i(2), i(3), i(4)},
           {i(5), i(6), i(7)}});
    return true;
  });
}

bool DecodeProbeRttBody(UnixSeconds cycle, std::string_view body,
                        const std::function<void(const ProbeCycleRtt&)>& visit) {
  return ForEachTuple<5>(body, [&](const std::array<std::uint64_t, 5>& f) {
    if (f[1] > 1) return false;  // transport
    const auto i = [&](std::size_t k) { return static_cast<int>(f[k]); };
    visit(
        {cycle, {static_cast<ProbeIndex>(f[0]), static_cast<Transport>(f[1]), {i(2), i(3), i(4)}}});
    return true;
  });
}

}  // namespace tldmon::store

#include "sim/network.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "core/result_codes.h"
#include "sim/network_hash.h"

namespace tldmon::sim {
namespace {

// Where the simulated probes sit; each region sees its own anycast instance
// of a name server, which is what the NSID tells apart (§4.1.4).
constexpr std::array<std::string_view, 8> kRegionCodes = {"fra", "iad", "sin", "gru",
                                                          "syd", "nrt", "jnb", "ams"};

std::string HexEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size() * 2);
  for (unsigned char c : text) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

// A DNS code of the UDP table as the TCP test reports it (mosapi-api.md §8.2:
// TCP code = UDP code - 400). Internal errors keep their value.
std::int32_t ToTcpCode(std::int32_t udp_code) {
  return (udp_code <= -200 && udp_code >= -427) ? udp_code - 400 : udp_code;
}

// Addresses for a host name the configuration gives only by name. They are
// made up from the documentation ranges (RFC 5737, RFC 3849) and kept short
// enough for std::string's small-buffer storage.
std::vector<std::string> HostV4(std::uint64_t h) {
  return {"198.51.100." + std::to_string(1 + Below(h, 200)),
          "203.0.113." + std::to_string(1 + Below(h >> 8, 200))};
}
std::vector<std::string> HostV6(std::uint64_t h) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s = "2001:db8::";
  const auto a = static_cast<unsigned>((h >> 16) & 0xff);
  const auto b = static_cast<unsigned>((h >> 24) & 0xff) | 1u;
  if (a >= 16) s.push_back(kHex[a >> 4]);
  s.push_back(kHex[a & 15]);
  s.push_back(':');
  if (b >= 16) s.push_back(kHex[b >> 4]);
  s.push_back(kHex[b & 15]);
  return {s};
}

bool NsSelected(std::string_view selector, std::size_t index, const NameServer& ns) {
  if (selector.empty() || selector == "*") return true;
  if (selector == ns.name) return true;
  if (selector == std::to_string(index)) return true;
  // "ns1" selects "ns1.nic.<tld>" in every entity a wide fault hits.
  const std::size_t dot = ns.name.find('.');
  return dot != std::string::npos && std::string_view(ns.name).substr(0, dot) == selector;
}

bool IsDnsFault(FaultKind k) {
  return k == FaultKind::kNsDown || k == FaultKind::kDnssecBroken || k == FaultKind::kSlow;
}

bool SlowsService(const Fault& f, std::string_view service) {
  return f.kind == FaultKind::kSlow && (f.service.empty() || f.service == service);
}

}  // namespace

NetworkOptions NetworkOptions::Quiet(std::uint64_t seed) {
  NetworkOptions o;
  o.seed = seed;
  o.internal_error_rate = 0;
  o.timeout_rate = 0;
  o.spike_rate = 0;
  o.probe_outage_rate = 0;
  return o;
}

NetworkSimulator::NetworkSimulator(std::vector<EntityConfig> entities,
                                   std::vector<ProbeNode> probes, NetworkOptions options)
    : entities_(std::move(entities)), probes_(std::move(probes)), options_(std::move(options)) {
  const std::uint64_t seed = options_.seed;
  for (std::size_t i = 0; i < options_.faults.size(); ++i)
    if (IsProbeFault(options_.faults[i].kind)) probe_faults_.push_back(i);

  probe_plans_.reserve(probes_.size());
  for (const ProbeNode& p : probes_) {
    ProbePlan pp;
    pp.hash = HashString(p.name);
    pp.region = static_cast<int>(Below(HashOf(seed, Draw::kRegion, pp.hash), kRegions));
    probe_plans_.push_back(pp);
  }

  plans_.reserve(entities_.size());
  for (const EntityConfig& ec : entities_) {
    EntityPlan e;
    e.hash = HashString(ec.id.Path());
    e.dns = ec.IsEnabled(Service::kDns) || ec.IsEnabled(Service::kDnssec);
    e.rdds = ec.IsEnabled(Service::kRdds);
    e.rdap = ec.IsEnabled(Service::kRdap);
    e.dns_name = ec.id.id == "zz--root" ? ec.test_prefix + "." : ec.test_prefix + "." + ec.id.id + ".";
    e.object_name = !ec.test_domain.empty() ? ec.test_domain : "nic." + ec.id.id;
    for (std::size_t i = 0; i < ec.name_servers.size(); ++i) {
      const NameServer& ns = ec.name_servers[i];
      for (std::size_t j = 0; j < ns.ips.size(); ++j) {
        NsIpPlan n;
        n.ns = static_cast<std::uint16_t>(i);
        n.ip = static_cast<std::uint16_t>(j);
        n.v6 = IsIpv6Literal(ns.ips[j]);
        n.hash = HashCombine(HashString(ns.name), HashString(ns.ips[j]));
        n.nsid = UnitInterval(HashOf(seed, Draw::kNsidSupport, n.hash)) < 0.75;
        if (n.nsid) {
          for (int r = 0; r < kRegions; ++r) {
            const auto instance = Below(HashOf(seed, Draw::kNsidInstance, n.hash, r), 3);
            const auto name = [&](std::uint64_t k) {
              std::string text(kRegionCodes[static_cast<std::size_t>(r)]);
              text.push_back(static_cast<char>('1' + k));
              text.push_back(static_cast<char>('a' + i % 26));
              return HexEncode(text);
            };
            n.nsid_hex[static_cast<std::size_t>(r)] = name(instance);
            n.nsid_alt_hex[static_cast<std::size_t>(r)] = name((instance + 1) % 3);
          }
        }
        e.nsips.push_back(std::move(n));
      }
    }
    auto plan_host = [](const std::string& name, HostPlan* h) {
      if (name.empty()) return;
      const std::uint64_t hh = HashString(name);
      h->configured = true;
      h->v4 = HostV4(hh);
      h->v6 = HostV6(hh);
    };
    if (e.rdds) {
      plan_host(ec.rdds43_server, &e.rdds43);
      plan_host(ec.rdds80_url, &e.rdds80);
    }
    if (e.rdap) plan_host(ec.rdap_base_url, &e.rdap_host);

    for (std::size_t fi = 0; fi < options_.faults.size(); ++fi) {
      const Fault& f = options_.faults[fi];
      if (IsProbeFault(f.kind) || !f.entities.Matches(ec.id)) continue;
      if (f.kind == FaultKind::kDnssecBroken && !ec.dnssec) continue;
      EntityFault ef;
      ef.fault = fi;
      if (IsDnsFault(f.kind)) {
        ef.nsip_hit.resize(e.nsips.size());
        for (std::size_t k = 0; k < e.nsips.size(); ++k) {
          const NsIpPlan& n = e.nsips[k];
          const NameServer& ns = ec.name_servers[n.ns];
          ef.nsip_hit[k] = NsSelected(f.ns, n.ns, ns) && (f.ip.empty() || f.ip == ns.ips[n.ip]);
        }
      }
      e.faults.push_back(std::move(ef));
    }
    plans_.push_back(std::move(e));
  }
}

bool NetworkSimulator::NaturalOutage(UnixSeconds minute, ProbeIndex p) const {
  if (options_.probe_outage_rate <= 0) return false;
  const std::uint64_t ph = probe_plans_[p].hash;
  const UnixSeconds hour = minute - FloorMod(minute, 3600);
  // An outage starting in the previous hour may last into this one.
  for (UnixSeconds h : {hour, hour - 3600}) {
    const std::uint64_t key = static_cast<std::uint64_t>(h);
    if (UnitInterval(HashOf(options_.seed, Draw::kOutage, ph, key)) >= options_.probe_outage_rate)
      continue;
    const UnixSeconds start =
        h + 60 * static_cast<UnixSeconds>(Below(HashOf(options_.seed, Draw::kOutageStart, ph, key), 60));
    const UnixSeconds length =
        60 * (5 + static_cast<UnixSeconds>(Below(HashOf(options_.seed, Draw::kOutageLength, ph, key), 16)));
    if (minute >= start && minute < start + length) return true;
  }
  return false;
}

engine::ProbeMinuteSample NetworkSimulator::ProbeMinute(UnixSeconds minute, ProbeIndex p) const {
  engine::ProbeMinuteSample s;
  s.probe = p;
  s.check_ok = true;
  s.manual_online = true;
  s.reachable = true;
  for (std::size_t fi : probe_faults_) {
    const Fault& f = options_.faults[fi];
    if (!f.HitsProbeAt(p, probes_.size(), minute)) continue;
    if (f.kind == FaultKind::kProbeOffline) s.check_ok = false;
    if (f.kind == FaultKind::kProbeUnreachable) s.reachable = false;
  }
  if (s.check_ok && NaturalOutage(minute, p)) s.check_ok = false;
  return s;
}

void NetworkSimulator::ProbeMinutes(UnixSeconds minute,
                                    std::vector<engine::ProbeMinuteSample>* out) const {
  out->clear();
  out->reserve(probes_.size());
  for (ProbeIndex p = 0; p < probes_.size(); ++p) out->push_back(ProbeMinute(minute, p));
}

Transport NetworkSimulator::DnsTransport(UnixSeconds cycle, std::size_t entity,
                                         ProbeIndex probe) const {
  const int ratio = std::max(1, options_.tcp_ratio);
  // slam-algorithms.md §4.1.1: TCP iff (check_time/60 + salt) mod ratio == 0,
  // the salt spreading the TCP minutes across probes and TLDs.
  const auto salt = static_cast<std::int64_t>(
      Below(HashOf(options_.seed, Draw::kTransportSalt, plans_[entity].hash, probe_plans_[probe].hash),
            static_cast<std::uint64_t>(ratio)));
  return FloorMod(cycle / 60 + salt, ratio) == 0 ? Transport::kTcp : Transport::kUdp;
}

std::int32_t NetworkSimulator::HealthyRtt(std::uint64_t path, UnixSeconds cycle, int lo_ms,
                                          int spread_ms, int spike_lo, int spike_hi) const {
  const std::uint64_t c = static_cast<std::uint64_t>(cycle);
  if (UnitInterval(HashOf(options_.seed, Draw::kSpike, path, c)) < options_.spike_rate)
    return spike_lo + static_cast<std::int32_t>(Below(HashOf(options_.seed, Draw::kSpikeSize, path, c),
                                                      static_cast<std::uint64_t>(spike_hi - spike_lo + 1)));
  // A skewed per-path base: most paths are short, a few cross oceans.
  const double u = UnitInterval(HashOf(options_.seed, Draw::kBaseRtt, path));
  const double base = lo_ms + spread_ms * u * u;
  const double jitter = 0.85 + 0.3 * UnitInterval(HashOf(options_.seed, Draw::kJitter, path, c));
  return std::max<std::int32_t>(1, static_cast<std::int32_t>(base * jitter));
}

std::int32_t NetworkSimulator::SlowRtt(std::uint64_t path, UnixSeconds cycle) const {
  // Just above the RDDS/RDAP limit of 10000 ms (slam-algorithms.md §1.5).
  return 10300 + static_cast<std::int32_t>(Below(
                     HashOf(options_.seed, Draw::kSpikeSize, path, static_cast<std::uint64_t>(cycle), 1),
                     3000));
}

std::int32_t NetworkSimulator::NoiseCode(std::uint64_t path, UnixSeconds cycle,
                                         std::int32_t timeout_code) const {
  const std::uint64_t c = static_cast<std::uint64_t>(cycle);
  if (options_.internal_error_rate > 0 &&
      UnitInterval(HashOf(options_.seed, Draw::kInternalError, path, c)) < options_.internal_error_rate)
    return -1;
  if (options_.timeout_rate > 0 &&
      UnitInterval(HashOf(options_.seed, Draw::kTimeout, path, c)) < options_.timeout_rate)
    return timeout_code;
  return 0;
}

const std::string* NetworkSimulator::PickIp(const HostPlan& h, ProbeIndex p, UnixSeconds cycle,
                                            std::uint64_t salt) const {
  const ProbeNode& probe = probes_[p];
  const std::size_t n4 = probe.ipv4 ? h.v4.size() : 0;
  const std::size_t n6 = probe.ipv6 ? h.v6.size() : 0;
  if (n4 + n6 == 0) return nullptr;
  // §4.2: each test picks a random address of a family the probe supports.
  const auto k = Below(HashOf(options_.seed, Draw::kTargetIp, salt, probe_plans_[p].hash,
                              static_cast<std::uint64_t>(cycle)),
                       n4 + n6);
  return k < n4 ? &h.v4[k] : &h.v6[k - n4];
}

void NetworkSimulator::FillDns(const EntityPlan& e, ProbeIndex p, UnixSeconds cycle,
                               ProbeReport* r) const {
  const ProbeNode& probe = probes_[p];
  const ProbePlan& pp = probe_plans_[p];
  const bool tcp = r->transport == Transport::kTcp;
  const UnixSeconds test_time =
      cycle + static_cast<UnixSeconds>(Below(HashOf(options_.seed, Draw::kTestOffset, e.hash, pp.hash,
                                                    static_cast<std::uint64_t>(cycle)),
                                             30));
  r->tested_name = e.dns_name;
  for (std::size_t k = 0; k < e.nsips.size(); ++k) {
    const NsIpPlan& n = e.nsips[k];
    if (n.v6 ? !probe.ipv6 : !probe.ipv4) continue;  // §4.1.2: supported families only
    std::int32_t fault_code = 0;
    std::int32_t slow_ms = 0;
    bool no_reply = false;
    for (const EntityFault& ef : e.faults) {
      if (ef.nsip_hit.empty() || !ef.nsip_hit[k]) continue;
      const Fault& f = options_.faults[ef.fault];
      if (!f.HitsProbeAt(p, probes_.size(), cycle)) continue;
      if (f.kind == FaultKind::kNsDown) {
        // No reply wins over everything else (§4.1.4: first failure wins).
        fault_code = f.EffectiveCode();
        no_reply = true;
      } else if (f.kind == FaultKind::kDnssecBroken && !no_reply) {
        fault_code = f.EffectiveCode();
      } else if (SlowsService(f, "dns")) {
        slow_ms = f.rtt_ms > 0 ? f.rtt_ms : 2700 + static_cast<std::int32_t>(Below(
                                                       HashOf(options_.seed, Draw::kJitter, n.hash,
                                                              pp.hash, static_cast<std::uint64_t>(cycle)),
                                                       800));
      }
    }
    const std::uint64_t path = HashCombine(n.hash, pp.hash);
    std::int32_t value;
    if (fault_code != 0) {
      value = tcp ? ToTcpCode(fault_code) : fault_code;
    } else if (slow_ms > 0) {
      value = tcp ? 3 * slow_ms : slow_ms;  // TCP: handshake and stream on a slow path
    } else if (std::int32_t noise = NoiseCode(path, cycle, TimeoutCode(tcp ? RttKind::kDnsTcp : RttKind::kDnsUdp));
               noise != 0) {
      value = noise;
    } else {
      value = tcp ? HealthyRtt(path, cycle, 8, 380, 1550, 7400) : HealthyRtt(path, cycle, 3, 180, 520, 2400);
    }
    Metric& m = r->metrics.emplace_back();
    m.target = n.ns;
    m.ip_index = n.ip;
    m.value = value;
    m.test_time = test_time;
    // Any answer carries the server's NSID; a lost one or an internal error none.
    const bool answered = value >= 0 || (value <= -200 && value != -200 && value != -600);
    if (n.nsid && answered) {
      // Anycast routing moves a probe to its region's next instance in 3 %
      // of 6-hour blocks (the dashboard's NSID changes have something to show).
      const bool rerouted =
          UnitInterval(HashOf(options_.seed, Draw::kNsidReroute, path,
                              static_cast<std::uint64_t>(cycle / 21600))) < 0.03;
      m.nsid = (rerouted ? n.nsid_alt_hex : n.nsid_hex)[static_cast<std::size_t>(pp.region)];
    }
  }
}

void NetworkSimulator::FillRdds(const EntityPlan& e, ProbeIndex p, UnixSeconds cycle,
                                ProbeReport* r) const {
  const ProbePlan& pp = probe_plans_[p];
  const UnixSeconds test_time =
      cycle + static_cast<UnixSeconds>(Below(HashOf(options_.seed, Draw::kTestOffset, e.hash, pp.hash,
                                                    static_cast<std::uint64_t>(cycle)),
                                             150));
  r->tested_name = e.object_name;
  struct Interface {
    const HostPlan* host;
    std::uint16_t target;
    FaultKind error_kind;
    RttKind rtt_kind;
    int lo, spread;
  };
  const Interface interfaces[] = {
      {&e.rdds43, kRdds43Target, FaultKind::kRdds43Timeout, RttKind::kRdds43, 20, 400},
      {&e.rdds80, kRdds80Target, FaultKind::kRdds80Error, RttKind::kRdds80, 60, 600},
  };
  for (const Interface& itf : interfaces) {
    if (!itf.host->configured) continue;
    Metric& m = r->metrics.emplace_back();
    m.target = itf.target;
    m.test_time = test_time;
    const std::string* ip = PickIp(*itf.host, p, cycle, e.hash + itf.target);
    if (ip == nullptr) {
      m.value = -2;  // no address of a family the probe supports (§8.3)
      continue;
    }
    m.ip = *ip;
    const std::uint64_t path = HashCombine(HashString(*ip), pp.hash);
    std::int32_t fault_code = 0, slow_ms = 0;
    for (const EntityFault& ef : e.faults) {
      const Fault& f = options_.faults[ef.fault];
      if (f.kind != itf.error_kind && !SlowsService(f, "rdds")) continue;
      if (!f.HitsProbeAt(p, probes_.size(), cycle)) continue;
      if (f.kind == itf.error_kind) fault_code = f.EffectiveCode();
      else slow_ms = f.rtt_ms > 0 ? f.rtt_ms : SlowRtt(path, cycle);
    }
    if (fault_code != 0) m.value = fault_code;
    else if (slow_ms > 0) m.value = slow_ms;
    else if (std::int32_t noise = NoiseCode(path, cycle, TimeoutCode(itf.rtt_kind)); noise != 0) m.value = noise;
    else m.value = HealthyRtt(path, cycle, itf.lo, itf.spread, 2100, 9800);
  }
}

void NetworkSimulator::FillRdap(const EntityPlan& e, ProbeIndex p, UnixSeconds cycle,
                                ProbeReport* r) const {
  const ProbePlan& pp = probe_plans_[p];
  r->tested_name = e.object_name;
  Metric& m = r->metrics.emplace_back();
  m.target = 0;
  m.test_time =
      cycle + static_cast<UnixSeconds>(Below(HashOf(options_.seed, Draw::kTestOffset, e.hash, pp.hash,
                                                    static_cast<std::uint64_t>(cycle), 7),
                                             150));
  const std::string* ip = PickIp(e.rdap_host, p, cycle, e.hash + 7);
  if (ip == nullptr) {
    m.value = -2;  // §8.4
    return;
  }
  m.ip = *ip;
  const std::uint64_t path = HashCombine(HashString(*ip), pp.hash);
  std::int32_t fault_code = 0, slow_ms = 0;
  for (const EntityFault& ef : e.faults) {
    const Fault& f = options_.faults[ef.fault];
    if (f.kind != FaultKind::kRdapError && !SlowsService(f, "rdap")) continue;
    if (!f.HitsProbeAt(p, probes_.size(), cycle)) continue;
    if (f.kind == FaultKind::kRdapError) fault_code = f.EffectiveCode();
    else slow_ms = f.rtt_ms > 0 ? f.rtt_ms : SlowRtt(path, cycle);
  }
  if (fault_code != 0) m.value = fault_code;
  else if (slow_ms > 0) m.value = slow_ms;
  else if (std::int32_t noise = NoiseCode(path, cycle, TimeoutCode(RttKind::kRdap)); noise != 0) m.value = noise;
  else m.value = HealthyRtt(path, cycle, 60, 700, 5100, 9800);
}

bool NetworkSimulator::Report(TestKind test, UnixSeconds cycle, std::size_t entity, ProbeIndex probe,
                              ProbeReport* out) const {
  if (entity >= plans_.size() || probe >= probes_.size()) return false;
  const EntityPlan& e = plans_[entity];
  const ProbeNode& pn = probes_[probe];
  switch (test) {
    case TestKind::kDns:
      if (!e.dns) return false;
      break;
    case TestKind::kRdds:
      if (!e.rdds || !pn.rdds) return false;
      break;
    case TestKind::kRdap:
      if (!e.rdap || !pn.rdap) return false;
      break;
    case TestKind::kEpp:
      return false;
  }
  const engine::ProbeMinuteSample s = ProbeMinute(cycle, probe);
  if (!s.reachable || !s.check_ok) return false;
  out->probe = probe;
  out->entity = entities_[entity].id;
  out->test = test;
  out->cycle = cycle;
  out->transport = test == TestKind::kDns ? DnsTransport(cycle, entity, probe) : Transport::kUdp;
  out->metrics.clear();
  switch (test) {
    case TestKind::kDns: FillDns(e, probe, cycle, out); break;
    case TestKind::kRdds: FillRdds(e, probe, cycle, out); break;
    case TestKind::kRdap: FillRdap(e, probe, cycle, out); break;
    case TestKind::kEpp: break;
  }
  return true;
}

void NetworkSimulator::CycleReports(TestKind test, UnixSeconds cycle,
                                    std::vector<ProbeReport>* out) const {
  std::size_t n = 0;
  for (std::size_t e = 0; e < plans_.size(); ++e) {
    for (ProbeIndex p = 0; p < probes_.size(); ++p) {
      if (n == out->size()) out->emplace_back();
      if (Report(test, cycle, e, p, &(*out)[n])) ++n;
    }
  }
  out->resize(n);
}

std::vector<ProbeReport> NetworkSimulator::CycleReports(TestKind test, UnixSeconds cycle) const {
  std::vector<ProbeReport> out;
  CycleReports(test, cycle, &out);
  return out;
}

}  // namespace tldmon::sim

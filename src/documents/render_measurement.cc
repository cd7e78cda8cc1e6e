#include "documents/render_measurement.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "core/result_codes.h"
#include "documents/json_writer.h"
#include "engine/dns_targets.h"
#include "engine/probe_verdict.h"

namespace tldmon::documents {
namespace {

// One name server as one probe saw it in the cycle.
struct ProbeNsVerdict {
  bool tested = false;     // the probe tested at least one of its IPs
  bool up = true;          // §4.1.5
  bool dnssec_ok = true;   // §4.1.6
};

// What one metric says about its target (mosapi-api.md §6.10 "Rules").
enum class TargetVote : std::uint8_t { kNone, kUp, kDown };

// Limit applied by the measurement writer for a service's targets; negative
// means "no RTT limit" (DNSSEC).
int WriterLimit(Service s, const engine::SlaParams& p) {
  switch (s) {
    case Service::kDns: return p.dns_udp_rtt_high_ms;  // UDP even for TCP (SLAM quirk)
    case Service::kDnssec: return -1;
    case Service::kRdds: return p.rdds_rtt_high_ms;
    case Service::kRdap: return p.rdap_rtt_high_ms;
    case Service::kEpp: return -1;
  }
  return -1;
}

TargetVote Vote(Service s, std::int32_t v, int limit) {
  if (v == kNoValue) return TargetVote::kNone;
  if (IsInternalError(v)) return TargetVote::kUp;
  if (v < 0) {
    if (s == Service::kDnssec && !IsDnssecError(v)) return TargetVote::kUp;
    return TargetVote::kDown;
  }
  return limit >= 0 && v > limit ? TargetVote::kDown : TargetVote::kUp;
}

// Down is sticky; Up needs at least one metric saying so; else No result.
std::string_view TargetStatus(bool any_up, bool any_down) {
  if (any_down) return "Down";
  return any_up ? "Up" : "No result";
}

// `,"targetIP":"<ip>","rtt":` (or targetIP null): the part of a metric that
// depends only on the address, pre-built once per (NS, IP) for DNS.
std::string TargetIpFragment(std::string_view ip) {
  std::string f;
  if (ip.empty()) {
    f = R"(,"targetIP":null,"rtt":)";
  } else {
    f = R"(,"targetIP":")";
    AppendJsonEscaped(ip, &f);
    f += R"(","rtt":)";
  }
  return f;
}

// {"testDateTime","targetIP","rtt","result"[,"nsid"]}. This is the innermost
// loop of a DNS cycle (~480,000 metrics), hence fixed fragments.
void WriteMetric(JsonWriter& w, const Metric& m, std::string_view ip_fragment, bool with_nsid) {
  w.BeginObject();
  w.Raw(R"("testDateTime":)");
  w.RawInt(m.test_time);
  w.Raw(ip_fragment);
  if (m.value >= 0) {
    w.RawInt(m.value);
    w.Raw(R"(,"result":"ok")");
  } else if (m.value == kNoValue) {
    w.Raw(R"(null,"result":"no data")");
  } else {
    w.Raw(R"(null,"result":")");
    w.RawInt(m.value);
    w.Raw("\"");
  }
  if (with_nsid) {
    w.Raw(R"(,"nsid":")");
    w.RawEscaped(m.nsid);
    w.Raw("\"");
  }
  w.EndObject();
}

// Shared state of one rendering.
struct Job {
  const Envelope& env;
  const MeasurementInput& in;
  const EntityConfig& cfg;
  bool v2;
  std::span<const ProbeIndex> order;
  std::vector<const ProbeReport*> by_probe;  // usable report per probe, or null
  std::vector<bool> online;                  // online and capable, per probe
};

void WriteProbeHead(JsonWriter& w, std::string_view city, std::string_view status) {
  w.BeginObject();
  w.Field("city", city);
  w.Field("status", status);
}

// A probe without results: "Offline" or "No result", empty testData.
void WriteEmptyProbe(JsonWriter& w, std::string_view city, bool online) {
  WriteProbeHead(w, city, online ? "No result" : "Offline");
  w.Key("testData");
  w.BeginArray();
  w.EndArray();
  w.EndObject();
}

void WriteTestedName(JsonWriter& w, std::string_view name) {
  w.Key("testedName");
  if (name.empty()) {
    w.Null();
  } else {
    w.String(name);
  }
}

// ---- DNS / DNSSEC ----------------------------------------------------------

void RenderDns(Job& job, JsonWriter& w) {
  const EntityConfig& cfg = job.cfg;
  const engine::SlaParams& p = *job.in.params;
  const Service service = job.in.service;
  const bool dnssec = service == Service::kDnssec;
  const std::size_t ns_count = cfg.name_servers.size();
  const std::size_t probe_count = job.in.probes.size();

  // Targets appear sorted by name and metrics by address text, as SLAM's
  // writer sorts them (sla-api-recent.pl fill_test_data). Rank every
  // (ns, ip) pair once so a report's metrics sort with integer compares.
  std::vector<std::uint16_t> ns_order(ns_count);
  for (std::size_t i = 0; i < ns_count; ++i) ns_order[i] = static_cast<std::uint16_t>(i);
  std::sort(ns_order.begin(), ns_order.end(), [&](std::uint16_t a, std::uint16_t b) {
    return cfg.name_servers[a].name < cfg.name_servers[b].name;
  });
  std::vector<std::uint32_t> pair_base(ns_count + 1, 0);
  for (std::size_t i = 0; i < ns_count; ++i)
    pair_base[i + 1] = pair_base[i] + static_cast<std::uint32_t>(cfg.name_servers[i].ips.size());
  std::vector<std::pair<std::uint16_t, std::uint16_t>> pairs;
  pairs.reserve(pair_base[ns_count]);
  for (std::uint16_t ns : ns_order) {
    std::vector<std::uint16_t> ips(cfg.name_servers[ns].ips.size());
    for (std::size_t k = 0; k < ips.size(); ++k) ips[k] = static_cast<std::uint16_t>(k);
    const auto& text = cfg.name_servers[ns].ips;
    std::stable_sort(ips.begin(), ips.end(),
                     [&](std::uint16_t a, std::uint16_t b) { return text[a] < text[b]; });
    for (std::uint16_t ip : ips) pairs.emplace_back(ns, ip);
  }
  std::vector<std::string> ip_fragment(pair_base[ns_count]);
  for (std::size_t i = 0; i < ns_count; ++i) {
    for (std::size_t k = 0; k < cfg.name_servers[i].ips.size(); ++k)
      ip_fragment[pair_base[i] + k] = TargetIpFragment(cfg.name_servers[i].ips[k]);
  }
  std::vector<std::uint32_t> pair_rank(pair_base[ns_count]);
  for (std::size_t r = 0; r < pairs.size(); ++r)
    pair_rank[pair_base[pairs[r].first] + pairs[r].second] = static_cast<std::uint32_t>(r);

  auto valid = [&](const Metric& m) {
    return m.target < ns_count && m.ip_index < pair_base[m.target + 1u] - pair_base[m.target];
  };

  // Pass 1: each probe's own verdict (§4.1.5–6), computed by the engine's
  // rule so the measurement never disagrees with the verdict it explains;
  // plus which name servers the probe actually tested (IPs of its families).
  const engine::DnsTargets targets = engine::DnsTargets::Of(cfg);
  std::vector<ProbeNsVerdict> ns_verdicts(probe_count * ns_count);
  std::vector<engine::DnsProbeVerdict> verdicts(probe_count);
  std::vector<engine::NsOutcome> outcomes(ns_count);
  for (ProbeIndex pi : job.order) {
    const ProbeReport* r = job.by_probe[pi];
    if (r == nullptr) continue;
    if (std::none_of(r->metrics.begin(), r->metrics.end(), valid)) {
      job.by_probe[pi] = nullptr;  // nothing renderable: "No result"
      continue;
    }
    const ProbeNode& probe = job.in.probes[pi];
    verdicts[pi] = engine::EvaluateDnsProbe(targets, job.in.min_ns, probe.ipv4, probe.ipv6,
                                            r->transport, r->metrics, p, outcomes);
    ProbeNsVerdict* out = ns_verdicts.data() + static_cast<std::size_t>(pi) * ns_count;
    for (std::size_t ns = 0; ns < ns_count; ++ns)
      out[ns] = ProbeNsVerdict{false, outcomes[ns].up, outcomes[ns].dnssec_ok};
    for (const Metric& m : r->metrics) {
      if (valid(m) &&
          engine::ProbeTestsFamily(probe.ipv4, probe.ipv6,
                                   targets.is_v6[targets.Flat(m.target, m.ip_index)] != 0))
        out[m.target].tested = true;
    }
  }
  auto ns_up = [&](const ProbeNsVerdict& v) { return dnssec ? v.dnssec_ok : v.up; };

  if (job.v2) {
    w.FieldInt("minNameServersUp", job.in.min_ns);
    w.Key("nameServerAvailability");
    w.BeginObject();
    w.Key("nameServerStatus");
    w.BeginArray();
    for (std::uint16_t ns : ns_order) {
      bool tested = false;
      bool down = false;
      for (ProbeIndex pi : job.order) {
        if (job.by_probe[pi] == nullptr) continue;
        const ProbeNsVerdict& v = ns_verdicts[static_cast<std::size_t>(pi) * ns_count + ns];
        if (!v.tested) continue;
        tested = true;
        if (!ns_up(v)) down = true;
      }
      if (!tested) continue;
      w.BeginObject();
      w.Field("target", cfg.name_servers[ns].name);
      w.Field("status", down ? "Down" : "Up");
      w.EndObject();
    }
    w.EndArray();
    w.Key("probes");
    w.BeginArray();
    for (ProbeIndex pi : job.order) {
      if (job.by_probe[pi] == nullptr) continue;
      w.BeginObject();
      w.Field("city", job.in.probes[pi].name);
      w.Key("testData");
      w.BeginArray();
      for (std::uint16_t ns : ns_order) {
        const ProbeNsVerdict& v = ns_verdicts[static_cast<std::size_t>(pi) * ns_count + ns];
        if (!v.tested) continue;
        w.BeginObject();
        w.Field("target", cfg.name_servers[ns].name);
        w.Field("status", ns_up(v) ? "Up" : "Down");
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }

  // Pass 2: testedInterface.
  const int limit = WriterLimit(service, p);
  w.Key("testedInterface");
  w.BeginArray();
  w.BeginObject();
  w.Field("interface", dnssec ? "DNSSEC" : "DNS");
  w.Key("probes");
  w.BeginArray();
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted;  // (pair rank, metric index)
  for (ProbeIndex pi : job.order) {
    const std::string& city = job.in.probes[pi].name;
    const ProbeReport* r = job.by_probe[pi];
    if (r == nullptr) {
      WriteEmptyProbe(w, city, job.online[pi]);
      continue;
    }
    const engine::DnsProbeVerdict& verdict = verdicts[pi];
    WriteProbeHead(w, city, (dnssec ? verdict.dnssec_ok : verdict.dns_ok) ? "Up" : "Down");
    if (job.v2) {
      w.Field("transport", r->transport == Transport::kTcp ? "tcp" : "udp");
      WriteTestedName(w, r->tested_name);
    }
    sorted.clear();
    for (std::size_t k = 0; k < r->metrics.size(); ++k) {
      const Metric& m = r->metrics[k];
      if (!valid(m)) continue;
      sorted.emplace_back(pair_rank[pair_base[m.target] + m.ip_index], static_cast<std::uint32_t>(k));
    }
    std::sort(sorted.begin(), sorted.end());
    w.Key("testData");
    w.BeginArray();
    for (std::size_t g = 0; g < sorted.size();) {
      const std::uint16_t ns = r->metrics[sorted[g].second].target;
      std::size_t end = g;
      bool any_up = false;
      bool any_down = false;
      while (end < sorted.size() && r->metrics[sorted[end].second].target == ns) {
        const TargetVote v = Vote(service, r->metrics[sorted[end].second].value, limit);
        any_up |= v == TargetVote::kUp;
        any_down |= v == TargetVote::kDown;
        ++end;
      }
      const NameServer& server = cfg.name_servers[ns];
      w.BeginObject();
      w.Field("target", server.name);
      w.Field("status", TargetStatus(any_up, any_down));
      w.Key("metrics");
      w.BeginArray();
      for (; g < end; ++g) {
        const Metric& m = r->metrics[sorted[g].second];
        WriteMetric(w, m, ip_fragment[pair_base[m.target] + m.ip_index], job.v2);
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndArray();
}

// ---- RDDS / RDAP -------------------------------------------------------------

struct HttpInterface {
  std::string_view name;    // "RDDS43", "RDDS80", "RDAP"
  std::string_view target;  // configured server / URL
  int metric_target;        // Metric::target selecting this interface; -1 = all
  int probe_limit;          // the probe's own per-test limit
  bool tested_name;         // whether the report's tested_name belongs here
};

void RenderInterface(Job& job, JsonWriter& w, const HttpInterface& iface) {
  const int limit = WriterLimit(job.in.service, *job.in.params);
  std::vector<const Metric*> ms;
  w.BeginObject();
  w.Field("interface", iface.name);
  w.Key("probes");
  w.BeginArray();
  for (ProbeIndex pi : job.order) {
    const std::string& city = job.in.probes[pi].name;
    const ProbeReport* r = job.by_probe[pi];
    ms.clear();
    if (r != nullptr) {
      for (const Metric& m : r->metrics) {
        if (iface.metric_target < 0 || m.target == iface.metric_target) ms.push_back(&m);
      }
    }
    const bool any_value =
        std::any_of(ms.begin(), ms.end(), [](const Metric* m) { return m->value != kNoValue; });
    if (!any_value) {
      WriteEmptyProbe(w, city, job.online[pi]);
      continue;
    }
    const bool probe_up = std::all_of(ms.begin(), ms.end(), [&](const Metric* m) {
      return IsSubtestSuccess(m->value, iface.probe_limit);
    });
    std::stable_sort(ms.begin(), ms.end(), [](const Metric* a, const Metric* b) { return a->ip < b->ip; });
    bool any_up = false;
    bool any_down = false;
    for (const Metric* m : ms) {
      const TargetVote v = Vote(job.in.service, m->value, limit);
      any_up |= v == TargetVote::kUp;
      any_down |= v == TargetVote::kDown;
    }
    WriteProbeHead(w, city, probe_up ? "Up" : "Down");
    if (job.v2) {
      w.Field("transport", "tcp");
      WriteTestedName(w, iface.tested_name ? std::string_view(r->tested_name) : std::string_view());
    }
    w.Key("testData");
    w.BeginArray();
    w.BeginObject();
    w.Key("target");
    if (job.v2) {
      w.String(iface.target);
    } else {
      w.Null();  // SLAM's v1 tree blanks RDDS targets (v1 has no RDAP)
    }
    w.Field("status", TargetStatus(any_up, any_down));
    w.Key("metrics");
    w.BeginArray();
    for (const Metric* m : ms) WriteMetric(w, *m, TargetIpFragment(m->ip), false);
    w.EndArray();
    w.EndObject();
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void RenderRdds(Job& job, JsonWriter& w) {
  const engine::SlaParams& p = *job.in.params;
  w.Key("testedInterface");
  w.BeginArray();
  if (!job.cfg.rdds43_server.empty()) {
    RenderInterface(job, w, {"RDDS43", job.cfg.rdds43_server, kRdds43Target, p.rdds_rtt_high_ms, true});
  }
  if (!job.cfg.rdds80_url.empty()) {
    RenderInterface(job, w, {"RDDS80", job.cfg.rdds80_url, kRdds80Target, p.rdds_rtt_high_ms, false});
  }
  w.EndArray();
}

void RenderRdap(Job& job, JsonWriter& w) {
  w.Key("testedInterface");
  w.BeginArray();
  RenderInterface(job, w, {"RDAP", job.cfg.rdap_base_url, -1, job.in.params->rdap_rtt_high_ms, true});
  w.EndArray();
}

bool Capable(const ProbeNode& node, Service s) {
  if (s == Service::kRdds) return node.rdds;
  if (s == Service::kRdap) return node.rdap;
  return true;
}

}  // namespace

std::vector<ProbeIndex> ProbesByName(std::span<const ProbeNode> probes) {
  std::vector<ProbeIndex> order(probes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<ProbeIndex>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](ProbeIndex a, ProbeIndex b) { return probes[a].name < probes[b].name; });
  return order;
}

Status AppendMeasurement(const Envelope& env, const MeasurementInput& in, std::string* out) {
  if (in.entity == nullptr || in.params == nullptr || out == nullptr) {
    return InvalidArgument("measurement: entity and params are required");
  }
  if (in.service == Service::kEpp) return InvalidArgument("measurement: EPP is not monitored");
  if (!ServiceInTree(in.entity->id.kind, env.version, in.service)) {
    return InvalidArgument("measurement: no " + std::string(PathName(in.service)) + " object in " +
                           std::string(VersionSegment(env.version)) + " for " + in.entity->id.Path());
  }

  std::vector<ProbeIndex> computed_order;
  std::span<const ProbeIndex> order = in.probe_order;
  if (order.size() != in.probes.size()) {
    computed_order = ProbesByName(in.probes);
    order = computed_order;
  }
  const std::size_t probe_count = in.probes.size();
  Job job{env, in, *in.entity, env.version == ApiVersion::kV2, order, {}, {}};
  job.online.assign(probe_count, false);
  for (std::size_t i = 0; i < probe_count; ++i) {
    job.online[i] = in.probe_online != nullptr && i < in.probe_online->size() &&
                    (*in.probe_online)[i] && Capable(in.probes[i], in.service);
  }
  job.by_probe.assign(probe_count, nullptr);
  std::size_t metric_count = 0;
  // SLAM collects no probe results for a reconfig cycle (sla-api-recent.pl).
  if (in.status != CycleStatus::kUpInconclusiveReconfig) {
    const TestKind test = TestKindOf(in.service);
    for (const ProbeReport& r : in.reports) {
      if (r.test != test || r.cycle != in.cycle || r.probe >= probe_count) continue;
      if (!job.online[r.probe] || job.by_probe[r.probe] != nullptr) continue;
      if (r.entity != in.entity->id) continue;
      job.by_probe[r.probe] = &r;
      metric_count += r.metrics.size();
    }
  }

  JsonWriter w(out);
  w.Reserve(512 + 160 * probe_count + 170 * metric_count);  // ~160 B per DNS v2 metric
  w.BeginObject();
  WriteEnvelope(w, env);
  WriteEntityField(w, in.entity->id);
  w.Field("service", PathName(in.service));
  w.FieldInt("cycleCalculationDateTime", in.cycle);
  w.Field("status", StatusLabel(in.status, env.version));
  switch (in.service) {
    case Service::kDns:
    case Service::kDnssec: RenderDns(job, w); break;
    case Service::kRdds: RenderRdds(job, w); break;
    case Service::kRdap: RenderRdap(job, w); break;
    case Service::kEpp: break;
  }
  w.EndObject();
  return Status::Ok();
}

Result<std::string> RenderMeasurement(const Envelope& env, const MeasurementInput& in) {
  std::string out;
  Status s = AppendMeasurement(env, in, &out);
  if (!s.ok()) return s;
  return out;
}

}  // namespace tldmon::documents

#include "sim/scenario_step_parser.h"

#include <algorithm>
#include <string>

#include "sim/scenario_lexer.h"
#include "sim/scenario_names.h"

namespace tldmon::sim {
namespace {

int CapableProbes(const Scenario& sc, TestKind kind) {
  return static_cast<int>(
      std::count_if(sc.probes.begin(), sc.probes.end(),
                    [&](const ProbeNode& p) { return ProbeRunsTest(p, kind); }));
}

Result<int> Count(std::string_view key, std::string_view value) {
  const auto v = ParseInteger(value);
  if (!v || *v < 0 || *v > 100000)
    return InvalidArgument("'" + std::string(key) + "' needs a count >= 0, got '" +
                           std::string(value) + "'");
  return static_cast<int>(*v);
}

// Checks the explicit counts of a summary step against each other; counts
// left implicit are checked when the cycle runs.
Status CheckSummaryCounts(const Scenario& sc, const Step& s) {
  const SummaryOutcome& o = s.summary;
  const int capable = CapableProbes(sc, s.kind);
  if (o.online && *o.online > capable)
    return InvalidArgument("online=" + std::to_string(*o.online) + " but only " +
                           std::to_string(capable) + " probes run " +
                           std::string(TestKindName(s.kind)) + " tests");
  if (o.online && o.results && *o.results > *o.online)
    return InvalidArgument("results must not exceed online");
  if (o.results && o.up && *o.up > *o.results) return InvalidArgument("up must not exceed results");
  if (o.dnssec_up) {
    if (o.results && *o.dnssec_up > *o.results)
      return InvalidArgument("dnssec-up must not exceed results");
    // A name server with a DNSSEC error is down for DNS too (§4.1 step 6), so
    // every DNS-positive probe is DNSSEC-positive.
    if (o.up && *o.dnssec_up < *o.up)
      return InvalidArgument("dnssec-up must be >= up: a DNSSEC error fails DNS as well");
  }
  return Status::Ok();
}

Result<std::vector<RawValue>> ParseValues(std::string_view key, std::string_view text) {
  std::vector<RawValue> out;
  for (std::string_view v : SplitComma(text)) {
    if (v == "-") {
      out.push_back(RawValue{false, 0});
      continue;
    }
    const auto n = ParseInteger(v);
    if (!n || *n < -100000 || *n > 1000000)
      return InvalidArgument("'" + std::string(key) +
                             "': a value is an RTT in ms, a negative "
                             "result code or '-' (not tested), got '" +
                             std::string(v) + "'");
    out.push_back(RawValue{true, static_cast<std::int32_t>(*n)});
  }
  return out;
}

Status ParseDnsTargets(const EntityConfig& e, std::span<const std::string_view> items,
                       RawProbeLine& line) {
  std::vector<bool> seen(e.name_servers.size(), false);
  for (std::string_view item : items) {
    const auto kv = SplitKeyValue(item);
    if (!kv)
      return InvalidArgument("expected <nameserver>=<values>, got '" + std::string(item) + "'");
    auto ns = ResolveNameServer(e, kv->key);
    if (!ns.ok()) return ns.status();
    if (seen[*ns]) return InvalidArgument("name server '" + std::string(kv->key) + "' given twice");
    seen[*ns] = true;
    auto values = ParseValues(kv->key, kv->value);
    if (!values.ok()) return values.status();
    const auto& ips = e.name_servers[*ns].ips;
    if (values->size() != ips.size())
      return InvalidArgument("name server " + e.name_servers[*ns].name + " has " +
                             std::to_string(ips.size()) + " IP(s), so '" + std::string(kv->key) +
                             "' needs " + std::to_string(ips.size()) +
                             " value(s) ('-' = not tested)");
    line.targets.push_back(RawTarget{*ns, std::move(*values)});
  }
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (!seen[i])
      return InvalidArgument("a probe tests every name server: give values for " +
                             e.name_servers[i].name + " too ('-' = not tested)");
  return Status::Ok();
}

Status ParseSingleTargets(const EntityConfig& e, TestKind kind,
                          std::span<const std::string_view> items, RawProbeLine& line) {
  struct Want {
    const char* key;
    std::uint16_t target;
    bool configured;
  };
  std::vector<Want> wants;
  if (kind == TestKind::kRdds) {
    wants.push_back({"rdds43", kRdds43Target, !e.rdds43_server.empty()});
    wants.push_back({"rdds80", kRdds80Target, !e.rdds80_url.empty()});
  } else {
    wants.push_back({"rdap", 0, true});
  }
  std::vector<bool> seen(wants.size(), false);
  for (std::string_view item : items) {
    const auto kv = SplitKeyValue(item);
    auto it = std::find_if(wants.begin(), wants.end(),
                           [&](const Want& w) { return kv && kv->key == w.key; });
    if (it == wants.end())
      return InvalidArgument("expected " +
                             std::string(kind == TestKind::kRdds ? "rdds43=V rdds80=V" : "rdap=V") +
                             ", got '" + std::string(item) + "'");
    const std::size_t w = static_cast<std::size_t>(it - wants.begin());
    if (!it->configured)
      return InvalidArgument(e.id.Path() + " has no " + it->key + " target configured");
    if (seen[w]) return InvalidArgument("'" + std::string(it->key) + "' given twice");
    seen[w] = true;
    auto values = ParseValues(kv->key, kv->value);
    if (!values.ok()) return values.status();
    if (values->size() != 1)
      return InvalidArgument("'" + std::string(kv->key) + "' takes one value");
    line.targets.push_back(RawTarget{it->target, std::move(*values)});
  }
  for (std::size_t w = 0; w < wants.size(); ++w)
    if (wants[w].configured && !seen[w])
      return InvalidArgument("a probe tests every configured interface: give " +
                             std::string(wants[w].key) + "= too ('-' = not tested)");
  return Status::Ok();
}

}  // namespace

Result<Step> ParseStepLine(const Scenario& sc, std::span<const std::string_view> toks,
                           std::int64_t repeat) {
  Step s;
  s.repeat = repeat;
  const auto kind = ParseTestKind(toks[0]);
  if (!kind || *kind == TestKind::kEpp)
    return InvalidArgument("a step starts with dns, rdds or rdap, not '" + std::string(toks[0]) +
                           "'");
  s.kind = *kind;
  std::size_t i = 1;
  if (i < toks.size() && LooksLikeEntity(toks[i])) {
    auto e = ResolveEntity(sc, toks[i]);
    if (!e.ok()) return e.status();
    s.entity = *e;
    ++i;
  } else {
    auto e = DefaultEntity(sc);
    if (!e.ok()) return e.status();
    s.entity = *e;
  }
  const EntityConfig& entity = sc.entities[s.entity];
  const Service service = NamesakeService(s.kind);
  if (!entity.IsEnabled(service))
    return InvalidArgument(std::string(JsonKey(service)) + " is not enabled for " +
                           entity.id.Path() + "; a disabled service is not tested");
  s.summary.rtt_ms = s.kind == TestKind::kDns ? kDefaultDnsRttMs : kDefaultRddsRttMs;
  bool outcome = false;  // up/down/raw/up=N seen
  bool counts = false;
  for (; i < toks.size(); ++i) {
    const std::string_view t = toks[i];
    if (t == "up" || t == "down" || t == "raw") {
      if (outcome) return InvalidArgument("give one of up, down, raw or up=N");
      outcome = true;
      if (t == "down") s.summary.up = 0;
      if (t == "raw") s.raw = true;
      continue;
    }
    const auto kv = SplitKeyValue(t);
    if (!kv) return InvalidArgument("unexpected '" + std::string(t) + "' in a step line");
    if (kv->key == "at") {
      const auto at = ParseTimeToken(kv->value, sc.start);
      if (!at) return InvalidArgument("bad time '" + std::string(kv->value) + "'");
      s.at = *at;
    } else if (kv->key == "online" || kv->key == "results" || kv->key == "up" ||
               kv->key == "dnssec-up") {
      auto n = Count(kv->key, kv->value);
      if (!n.ok()) return n.status();
      counts = true;
      if (kv->key == "online") s.summary.online = *n;
      if (kv->key == "results") s.summary.results = *n;
      if (kv->key == "up") {
        if (outcome) return InvalidArgument("give one of up, down, raw or up=N");
        outcome = true;
        s.summary.up = *n;
      }
      if (kv->key == "dnssec-up") {
        if (s.kind != TestKind::kDns || !entity.IsEnabled(Service::kDnssec))
          return InvalidArgument("dnssec-up needs a dns step of an entity with DNSSEC enabled");
        s.summary.dnssec_up = *n;
      }
    } else if (kv->key == "rtt") {
      const auto v = ParseInteger(kv->value);
      const int high = s.kind == TestKind::kDns    ? sc.params.dns_udp_rtt_high_ms
                       : s.kind == TestKind::kRdds ? sc.params.rdds_rtt_high_ms
                                                   : sc.params.rdap_rtt_high_ms;
      if (!v || *v < 0 || *v > high)
        return InvalidArgument("rtt=N needs 0 <= N <= " + std::to_string(high) +
                               " (an answered test; use a raw step for other values)");
      s.summary.rtt_ms = static_cast<std::int32_t>(*v);
    } else if (kv->key == "transport") {
      if (s.kind != TestKind::kDns) return InvalidArgument("transport= is for dns steps only");
      if (kv->value == "udp")
        s.summary.transport = Transport::kUdp;
      else if (kv->value == "tcp")
        s.summary.transport = Transport::kTcp;
      else
        return InvalidArgument("transport must be udp or tcp");
    } else {
      return InvalidArgument("unknown step item '" + std::string(kv->key) +
                             "' (at, online, results, up, dnssec-up, rtt, transport)");
    }
  }
  if (!outcome)
    return InvalidArgument("a step needs an outcome: up, down, raw or online=N results=N up=N");
  if (s.raw && (counts || s.summary.transport != Transport::kUdp))
    return InvalidArgument("a raw step takes only at=; its lines give the values");
  if (!s.raw) TLDMON_RETURN_IF_ERROR(CheckSummaryCounts(sc, s));
  return s;
}

Result<RawProbeLine> ParseRawLine(const Scenario& sc, const Step& step,
                                  std::span<const std::string_view> toks, bool* star) {
  RawProbeLine line;
  auto probes = ResolveProbes(sc, toks[0], true, star);
  if (!probes.ok()) return probes.status();
  if (*star && !probes->empty())
    return InvalidArgument("'*' stands alone: it means every probe not named on another line");
  for (ProbeIndex p : *probes)
    if (!ProbeRunsTest(sc.probes[p], step.kind))
      return InvalidArgument("probe " + sc.probes[p].name + " does not run " +
                             std::string(TestKindName(step.kind)) + " tests");
  line.probes = std::move(*probes);
  std::vector<std::string_view> items;
  bool transport_seen = false;
  for (std::size_t i = 1; i < toks.size(); ++i) {
    if (toks[i] == "offline") {
      line.offline = true;
    } else if (toks[i] == "udp" || toks[i] == "tcp") {
      if (step.kind != TestKind::kDns) return InvalidArgument("udp/tcp is for dns steps only");
      if (transport_seen) return InvalidArgument("give the transport once");
      transport_seen = true;
      line.transport = toks[i] == "tcp" ? Transport::kTcp : Transport::kUdp;
    } else {
      items.push_back(toks[i]);
    }
  }
  if (items.empty()) return line;  // the probes send no report this cycle
  const EntityConfig& e = sc.entities[step.entity];
  if (step.kind == TestKind::kDns)
    TLDMON_RETURN_IF_ERROR(ParseDnsTargets(e, items, line));
  else
    TLDMON_RETURN_IF_ERROR(ParseSingleTargets(e, step.kind, items, line));
  return line;
}

Status FinishRawBlock(const Scenario& sc, Step& step, std::optional<std::size_t> star_line) {
  std::vector<int> named_on(sc.probes.size(), 0);
  for (const RawProbeLine& l : step.raw_lines)
    for (ProbeIndex p : l.probes) {
      if (named_on[p] != 0)
        return InvalidArgument("probe " + sc.probes[p].name + " is named on lines " +
                               std::to_string(named_on[p]) + " and " + std::to_string(l.line) +
                               " of this raw block");
      named_on[p] = l.line;
    }
  if (star_line) {
    RawProbeLine& l = step.raw_lines[*star_line];
    for (std::size_t p = 0; p < sc.probes.size(); ++p)
      if (named_on[p] == 0 && ProbeRunsTest(sc.probes[p], step.kind))
        l.probes.push_back(static_cast<ProbeIndex>(p));
  }
  return Status::Ok();
}

}  // namespace tldmon::sim

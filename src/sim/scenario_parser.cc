#include "sim/scenario_parser.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "sim/scenario_expect_keys.h"
#include "sim/scenario_lexer.h"
#include "sim/scenario_names.h"
#include "sim/scenario_step_parser.h"

namespace tldmon::sim {
namespace {

constexpr std::int64_t kMaxRepeat = 200000;
// Bounds the simulated time of one file (~139 days of minutes).
constexpr std::int64_t kMaxSpanSeconds = 200000LL * 60;
constexpr int kMaxProbes = 2000;

bool IsHeaderKeyword(std::string_view kw) {
  static const std::set<std::string_view> kHeader = {
      "title",      "description",   "set",        "start", "probes",
      "probe",      "entity",        "ns",         "minns", "rdds43-server",
      "rdds80-url", "rdap-base-url", "test-domain"};
  return kHeader.count(kw) != 0;
}

// The service an `rtt` expectation anchors to (DNS for UDP and TCP).
Service ServiceOfRtt(RttKind k) { return NamesakeService(TestKindOf(k)); }

class Parser {
 public:
  explicit Parser(std::string file) { sc_.file = std::move(file); }

  Status Line(int no, std::string_view raw_text) {
    line_ = no;
    const std::string_view text = StripComment(raw_text);
    const std::vector<std::string_view> toks = Tokenize(text);
    if (toks.empty()) return Status::Ok();
    if (raw_) return toks[0] == "end" && toks.size() == 1 ? EndRaw() : RawLine(toks);
    const std::string_view kw = toks[0];
    if (IsHeaderKeyword(kw)) {
      if (header_done_)
        return Err("'" + std::string(kw) +
                   "' belongs in the header, before the first step or "
                   "expect line");
      return Header(text, toks);
    }
    if (!header_done_) TLDMON_RETURN_IF_ERROR(FinishHeader());
    return Body(toks);
  }

  Result<Scenario> Finish() {
    if (raw_) {
      line_ = raw_->line;
      return Err("raw block has no closing `end`");
    }
    if (!header_done_ || sc_.steps.empty())
      return InvalidArgument(sc_.file +
                             ": no steps: a scenario needs at least one dns, rdds or "
                             "rdap step");
    if (sc_.CheckCount() == 0)
      return InvalidArgument(sc_.file +
                             ": expects nothing: a scenario needs at least one "
                             "expect line");
    // While parsing, `entities` followed the `reconfigure` edits; the
    // scenario starts from the header's configuration.
    for (std::size_t e = 0; e < sc_.entities.size(); ++e) sc_.entities[e] = sc_.versions[e][0];
    return std::move(sc_);
  }

 private:
  struct EntityDecl {
    bool ns = false, rdds43 = false, rdds80 = false, rdap = false, domain = false;
  };

  Status Err(const std::string& msg) const {
    return InvalidArgument(sc_.file + ":" + std::to_string(line_) + ": " + msg);
  }
  Status Wrap(const Status& s) const { return s.ok() ? s : Err(s.message()); }

  static std::string Rest(std::string_view text, std::string_view after_kw) {
    std::string_view r = text.substr(static_cast<std::size_t>(after_kw.data() - text.data()));
    while (!r.empty() && (r.back() == ' ' || r.back() == '\t' || r.back() == '\r'))
      r.remove_suffix(1);
    return std::string(r);
  }

  // ---- header -------------------------------------------------------------

  Status Header(std::string_view text, const std::vector<std::string_view>& toks) {
    const std::string_view kw = toks[0];
    if (kw == "title") {
      if (toks.size() < 2) return Err("title needs a text");
      if (!sc_.title.empty()) return Err("title given twice");
      sc_.title = Rest(text, toks[1]);
      sc_.title_line = line_;
      return Status::Ok();
    }
    if (kw == "description") {
      if (toks.size() >= 2)
        sc_.description += (sc_.description.empty() ? "" : " ") + Rest(text, toks[1]);
      return Status::Ok();
    }
    if (kw == "set") {
      if (toks.size() != 3) return Err("usage: set <parameter> <value>, e.g. set dns.min_online 4");
      return Wrap(sc_.params.Set(toks[1], toks[2]));
    }
    if (kw == "start") {
      if (toks.size() != 2) return Err("usage: start <ISO 8601 time or Unix seconds>");
      const auto t = ParseTime(toks[1]);
      if (!t) return Err("bad start time '" + std::string(toks[1]) + "'");
      if (have_start_) return Err("start given twice");
      have_start_ = true;
      sc_.start = *t;
      sc_.start_line = line_;
      return Status::Ok();
    }
    if (kw == "probes") return Probes(toks);
    if (kw == "probe") {
      if (toks.size() < 2) return Err("usage: probe <name> [ipv4] [ipv6] [rdds] [rdap]");
      return AddProbe(std::string(toks[1]), {toks.begin() + 2, toks.end()});
    }
    if (kw == "entity") return Entity(toks);
    return EntityAttribute(toks);
  }

  Status Probes(const std::vector<std::string_view>& toks) {
    const auto n = toks.size() >= 2 ? ParseInteger(toks[1]) : std::nullopt;
    if (!n || *n < 1 || *n > kMaxProbes)
      return Err("usage: probes <count 1.." + std::to_string(kMaxProbes) +
                 "> [ipv4] [ipv6] [rdds] [rdap]");
    for (std::int64_t i = 0; i < *n; ++i)
      TLDMON_RETURN_IF_ERROR(
          AddProbe("p" + std::to_string(++numbered_probes_), {toks.begin() + 2, toks.end()}));
    return Status::Ok();
  }

  // Flags list the probe's capabilities; none = dual-stack, RDDS and RDAP.
  Status AddProbe(std::string name, std::span<const std::string_view> flags) {
    ProbeNode p;
    p.name = std::move(name);
    if (!flags.empty()) {
      p.ipv4 = p.ipv6 = p.rdds = p.rdap = false;
      std::set<std::string_view> seen;
      for (std::string_view f : flags) {
        if (!seen.insert(f).second) return Err("probe flag '" + std::string(f) + "' given twice");
        if (f == "ipv4")
          p.ipv4 = true;
        else if (f == "ipv6")
          p.ipv6 = true;
        else if (f == "rdds")
          p.rdds = true;
        else if (f == "rdap")
          p.rdap = true;
        else
          return Err("unknown probe flag '" + std::string(f) + "' (ipv4, ipv6, rdds, rdap)");
      }
      if (!p.ipv4 && !p.ipv6) p.ipv4 = p.ipv6 = true;
    }
    for (const ProbeNode& q : sc_.probes)
      if (q.name == p.name) return Err("probe '" + p.name + "' declared twice");
    if (sc_.probes.size() >= kMaxProbes) return Err("too many probes");
    TLDMON_RETURN_IF_ERROR(Wrap(p.Validate()));
    sc_.probes.push_back(std::move(p));
    return Status::Ok();
  }

  Status Entity(const std::vector<std::string_view>& toks) {
    if (toks.size() < 3)
      return Err("usage: entity ry/<tld>|rr/<ianaId> services=dns,dnssec,rdds,rdap");
    auto id = EntityId::Parse(toks[1]);
    if (!id.ok()) return Wrap(id.status());
    for (const EntityConfig& e : sc_.entities)
      if (e.id == *id) return Err("entity " + id->Path() + " declared twice");
    EntityConfig e;
    e.id = *id;
    bool services = false;
    for (std::size_t i = 2; i < toks.size(); ++i) {
      if (toks[i] == "cctld") {
        e.cctld = true;
        continue;
      }
      const auto kv = SplitKeyValue(toks[i]);
      if (!kv || kv->key != "services") return Err("unexpected '" + std::string(toks[i]) + "'");
      services = true;
      for (std::string_view name : SplitComma(kv->value)) {
        const auto s = ParseServicePath(name);
        if (!s || *s == Service::kEpp)
          return Err("unknown service '" + std::string(name) + "' (dns, dnssec, rdds, rdap)");
        e.SetEnabled(*s, true);
      }
    }
    if (!services) return Err("entity needs services=..., e.g. services=dns,dnssec");
    e.dnssec = e.IsEnabled(Service::kDnssec);
    e.min_ns = MinNsSchedule{};
    sc_.entities.push_back(std::move(e));
    sc_.entity_lines.push_back(line_);
    decls_.emplace_back();
    return Status::Ok();
  }

  Status EntityAttribute(const std::vector<std::string_view>& toks) {
    const std::string_view kw = toks[0];
    if (sc_.entities.empty()) return Err("'" + std::string(kw) + "' must follow an entity line");
    EntityConfig& e = sc_.entities.back();
    EntityDecl& d = decls_.back();
    if (kw == "ns") {
      if (toks.size() < 3) return Err("usage: ns <name> <ip> [<ip>...]");
      NameServer ns;
      ns.name = std::string(toks[1]);
      for (std::size_t i = 2; i < toks.size(); ++i) ns.ips.emplace_back(toks[i]);
      e.name_servers.push_back(std::move(ns));
      d.ns = true;
      return Status::Ok();
    }
    if (toks.size() != 2) return Err("usage: " + std::string(kw) + " <value>");
    if (kw == "minns") {
      auto m = MinNsSchedule::Parse(toks[1]);
      if (!m.ok()) return Wrap(m.status());
      e.min_ns = *m;
    } else if (kw == "rdds43-server") {
      e.rdds43_server = std::string(toks[1]);
      d.rdds43 = true;
    } else if (kw == "rdds80-url") {
      e.rdds80_url = std::string(toks[1]);
      d.rdds80 = true;
    } else if (kw == "rdap-base-url") {
      e.rdap_base_url = std::string(toks[1]);
      d.rdap = true;
    } else if (kw == "test-domain") {
      e.test_domain = std::string(toks[1]);
      d.domain = true;
    }
    return Status::Ok();
  }

  static std::string BaseName(const EntityConfig& e) {
    return e.id.is_registrar() ? "registrar" + e.id.id + ".example" : "nic." + e.id.id;
  }

  // Defaults for what an entity leaves out (docs/formats/scenario.md
  // "Entities"), then the configuration's own checks.
  Status FinishEntity(std::size_t i) {
    EntityConfig& e = sc_.entities[i];
    const EntityDecl& d = decls_[i];
    line_ = sc_.entity_lines[i];
    const std::string base = BaseName(e);
    if (e.IsEnabled(Service::kDns) && !d.ns) {
      e.name_servers.push_back(NameServer{"ns1." + base, {"192.0.2.1", "2001:db8::1"}});
      e.name_servers.push_back(NameServer{"ns2." + base, {"192.0.2.2", "2001:db8::2"}});
    }
    if (e.IsEnabled(Service::kRdds) && !d.rdds43 && !d.rdds80) {
      e.rdds43_server = "whois." + base;
      e.rdds80_url = "https://whois." + base + "/";
    }
    if (e.IsEnabled(Service::kRdap) && !d.rdap) e.rdap_base_url = "https://rdap." + base + "/rdap/";
    if (!d.domain) e.test_domain = base;
    return Wrap(e.Validate());
  }

  Status FinishHeader() {
    const int body_line = line_;
    if (sc_.title.empty()) return Err("the header needs a `title` line before the first step");
    if (!have_start_) return Err("the header needs a `start` line before the first step");
    if (sc_.probes.empty()) return Err("the header needs `probes N` or `probe` lines");
    if (sc_.entities.empty()) return Err("the header needs at least one `entity`");
    if (Status s = sc_.params.Validate(); !s.ok()) return Err("SLA parameters: " + s.message());
    for (std::size_t i = 0; i < sc_.entities.size(); ++i) TLDMON_RETURN_IF_ERROR(FinishEntity(i));
    for (const EntityConfig& e : sc_.entities) sc_.versions.push_back({e});
    line_ = body_line;
    header_done_ = true;
    return Status::Ok();
  }

  // ---- body ---------------------------------------------------------------

  Status Body(const std::vector<std::string_view>& toks) {
    const std::string_view kw = toks[0];
    if (kw == "repeat") {
      const auto n = toks.size() >= 3 ? ParseInteger(toks[1]) : std::nullopt;
      if (!n || *n < 1 || *n > kMaxRepeat)
        return Err("usage: repeat <count 1.." + std::to_string(kMaxRepeat) + "> <step>");
      return StepLine({toks.begin() + 2, toks.end()}, *n);
    }
    if (kw == "dns" || kw == "rdds" || kw == "rdap") return StepLine(toks, 1);
    if (kw == "expect") return Expect(toks);
    if (kw == "false-positive") return FalsePositive(toks);
    if (kw == "reconfigure") return Reconfigure(toks);
    if (kw == "sla") return Sla(toks);
    if (kw == "offline") return ProbeStatus(ProbeStatusLine::Kind::kOffline, toks);
    if (kw == "unreachable") return ProbeStatus(ProbeStatusLine::Kind::kUnreachable, toks);
    if (kw == "check-fail") return ProbeStatus(ProbeStatusLine::Kind::kCheckFail, toks);
    if (kw == "end") return Err("`end` without a raw block");
    return Err("unknown keyword '" + std::string(kw) +
               "' (steps: dns, rdds, rdap, repeat; actions: expect, false-positive, reconfigure, "
               "sla, offline, unreachable, check-fail)");
  }

  Status StepLine(std::span<const std::string_view> toks, std::int64_t repeat) {
    auto step = ParseStepLine(sc_, toks, repeat);
    if (!step.ok()) return Wrap(step.status());
    Step& s = *step;
    s.line = line_;
    s.version = sc_.versions[s.entity].size() - 1;
    const int d = sc_.params.CycleSeconds(s.kind);
    if (FloorMod(sc_.start, d) != 0)
      return Err("start " + std::to_string(sc_.start) + " is not the start of a " +
                 std::to_string(d) + "-second " + std::string(TestKindName(s.kind)) + " cycle");
    const auto key = std::make_pair(static_cast<int>(s.kind), s.entity);
    auto [it, fresh] = cursor_.emplace(key, sc_.start);
    s.first_cycle = it->second;
    if (s.at && *s.at != s.first_cycle)
      return Err("at=" + std::to_string(*s.at) + " but this step's first cycle starts at " +
                 std::to_string(s.first_cycle) + " (" + FormatIso8601(s.first_cycle) +
                 "); cycles are contiguous, time jumps are not allowed");
    it->second += s.repeat * d;
    if (it->second - sc_.start > kMaxSpanSeconds)
      return Err("the scenario would run longer than " + std::to_string(kMaxSpanSeconds / 86400) +
                 " days");
    if (s.raw) {
      raw_ = std::move(s);
      raw_star_.reset();
      return Status::Ok();
    }
    return PushStep(std::move(s));
  }

  Status PushStep(Step s) {
    const auto key = std::make_pair(static_cast<int>(s.kind), s.entity);
    sc_.steps.push_back(std::move(s));
    last_step_[key] = sc_.steps.size() - 1;
    last_any_ = sc_.steps.size() - 1;
    return Status::Ok();
  }

  Status RawLine(const std::vector<std::string_view>& toks) {
    bool star = false;
    auto l = ParseRawLine(sc_, *raw_, toks, &star);
    if (!l.ok()) return Wrap(l.status());
    l->line = line_;
    if (star) {
      if (raw_star_) return Err("only one '*' line per raw block");
      raw_star_ = raw_->raw_lines.size();
    }
    raw_->raw_lines.push_back(std::move(*l));
    return Status::Ok();
  }

  Status EndRaw() {
    Step s = std::move(*raw_);
    raw_.reset();
    if (s.raw_lines.empty()) return Err("empty raw block");
    TLDMON_RETURN_IF_ERROR(Wrap(FinishRawBlock(sc_, s, raw_star_)));
    return PushStep(std::move(s));
  }

  Result<std::size_t> EntityAt(const std::vector<std::string_view>& toks, std::size_t& i) {
    if (i < toks.size() && LooksLikeEntity(toks[i])) return ResolveEntity(sc_, toks[i++]);
    return DefaultEntity(sc_);
  }

  // The step an action runs after: the latest step of the service's test kind
  // for the entity; for a disabled service (or no service) the latest step.
  Result<std::size_t> Anchor(std::optional<Service> service, std::size_t entity) {
    if (service && sc_.entities[entity].IsEnabled(*service)) {
      const auto it = last_step_.find({static_cast<int>(TestKindOf(*service)), entity});
      if (it == last_step_.end())
        return InvalidArgument("no earlier " + std::string(TestKindName(TestKindOf(*service))) +
                               " step for " + sc_.entities[entity].id.Path() +
                               "; an expectation checks the state after a step");
      return it->second;
    }
    if (!last_any_)
      return InvalidArgument("no earlier step; an expectation checks the state after a step");
    return *last_any_;
  }

  Status Expect(const std::vector<std::string_view>& toks) {
    Action a;
    a.kind = Action::Kind::kExpect;
    a.line = line_;
    Expectation& x = a.expect;
    std::size_t i = 1;
    std::optional<Service> anchor_service;
    if (i < toks.size() && (toks[i] == "probes" || toks[i] == "probe")) {
      x.target = toks[i] == "probes" ? ExpectTarget::kProbes : ExpectTarget::kProbe;
      ++i;
      if (x.target == ExpectTarget::kProbe) {
        if (i >= toks.size()) return Err("usage: expect probe <name> online=yes|no");
        auto p = ResolveProbes(sc_, toks[i++], false, nullptr);
        if (!p.ok()) return Wrap(p.status());
        if (p->size() != 1) return Err("expect probe names one probe");
        x.probe = p->front();
      }
    } else {
      auto e = EntityAt(toks, i);
      if (!e.ok()) return Wrap(e.status());
      x.entity = *e;
      const EntityConfig& ent = sc_.entities[x.entity];
      if (i >= toks.size()) return Err("usage: expect [entity] <service|rtt|nsip> key=value ...");
      if (toks[i] == "rtt") {
        x.target = ExpectTarget::kRtt;
        // "rdds" is the SLA ratio over RDDS43 and RDDS80 together (§9 as RSM
        // computes it; docs/spec-map.md); rdds43/rdds80 are one interface.
        static const std::map<std::string_view, RttKind> kRtt = {
            {"udp", RttKind::kDnsUdp},    {"tcp", RttKind::kDnsTcp},    {"rdds", RttKind::kRdds43},
            {"rdds43", RttKind::kRdds43}, {"rdds80", RttKind::kRdds80}, {"rdap", RttKind::kRdap}};
        const auto it = ++i < toks.size() ? kRtt.find(toks[i]) : kRtt.end();
        if (it == kRtt.end())
          return Err("usage: expect [entity] rtt udp|tcp|rdds|rdds43|rdds80|rdap key=value ...");
        x.rdds_pooled = it->first == "rdds";
        x.rtt = it->second;
        ++i;
        anchor_service = ServiceOfRtt(x.rtt);
      } else if (toks[i] == "nsip") {
        x.target = ExpectTarget::kNsIp;
        if (i + 2 >= toks.size()) return Err("usage: expect [entity] nsip <ns> <ip> key=value ...");
        auto ns = ResolveNameServer(ent, toks[i + 1]);
        if (!ns.ok()) return Wrap(ns.status());
        const auto& ips = ent.name_servers[*ns].ips;
        std::size_t k = 0;
        while (k < ips.size() && ips[k] != toks[i + 2]) ++k;
        if (k == ips.size())
          return Err(ent.name_servers[*ns].name + " has no IP " + std::string(toks[i + 2]));
        x.ns = *ns;
        x.ip = static_cast<std::uint16_t>(k);
        x.version = sc_.versions[x.entity].size() - 1;
        i += 3;
        anchor_service = Service::kDns;
      } else {
        const auto s = ParseServicePath(toks[i]);
        if (!s)
          return Err("expected a service (dns, dnssec, rdds, rdap, epp), rtt or nsip, got '" +
                     std::string(toks[i]) + "'");
        if (!EntityConfig::ServiceAllowed(ent.id.kind, *s))
          return Err(ent.id.Path() + " cannot have " + std::string(JsonKey(*s)) +
                     " (a registrar has only RDDS and RDAP)");
        x.service = *s;
        anchor_service = *s;
        ++i;
        x.target = ExpectTarget::kService;
        if (i < toks.size() && toks[i] == "incident") {
          x.target = ExpectTarget::kIncident;
          if (++i >= toks.size() || !IsIncidentIdPattern(toks[i], true))
            return Err(
                "usage: expect [entity] <service> incident <startTime>.<eventId> key=value ...");
          x.incident_id = std::string(toks[i++]);
        } else if (i < toks.size() && toks[i] == "monthly") {
          x.target = ExpectTarget::kMonthly;
          ++i;
        }
      }
      if ((x.target == ExpectTarget::kRtt || x.target == ExpectTarget::kNsIp) &&
          !ent.IsEnabled(*anchor_service))
        return Err(std::string(JsonKey(*anchor_service)) + " is not enabled for " + ent.id.Path());
    }
    std::set<std::string> keys;
    for (; i < toks.size(); ++i) {
      const auto kv = SplitKeyValue(toks[i]);
      if (!kv) return Err("expected key=value, got '" + std::string(toks[i]) + "'");
      auto c = ParseCheck(x.target, kv->key, kv->value, sc_.start);
      if (!c.ok()) return Wrap(c.status());
      if (!keys.insert(c->key).second) return Err("'" + c->key + "' checked twice on one line");
      x.checks.push_back(std::move(*c));
    }
    if (x.checks.empty())
      return Err("an expect line needs at least one key=value (keys: " + ExpectKeys(x.target) +
                 ")");
    auto anchor = Anchor(anchor_service, x.entity);
    if (!anchor.ok()) return Wrap(anchor.status());
    a.anchor = *anchor;
    sc_.actions.push_back(std::move(a));
    return Status::Ok();
  }

  Status FalsePositive(const std::vector<std::string_view>& toks) {
    Action a;
    a.kind = Action::Kind::kFalsePositive;
    a.line = line_;
    FalsePositiveAction& f = a.false_positive;
    std::size_t i = 1;
    auto e = EntityAt(toks, i);
    if (!e.ok()) return Wrap(e.status());
    f.entity = *e;
    const char* usage = "usage: false-positive [entity] <service> <incidentID> on|off [at=T]";
    if (i + 1 >= toks.size()) return Err(usage);
    const auto s = ParseServicePath(toks[i]);
    if (!s || !sc_.entities[f.entity].IsEnabled(*s))
      return Err("'" + std::string(toks[i]) + "' is not an enabled service of " +
                 sc_.entities[f.entity].id.Path());
    f.service = *s;
    if (!IsIncidentIdPattern(toks[i + 1], true)) return Err(usage);
    f.incident_id = std::string(toks[i + 1]);
    i += 2;
    if (i >= toks.size() || (toks[i] != "on" && toks[i] != "off")) return Err(usage);
    f.on = toks[i++] == "on";
    for (; i < toks.size(); ++i) {
      const auto kv = SplitKeyValue(toks[i]);
      const auto t = kv && kv->key == "at" ? ParseTimeToken(kv->value, sc_.start) : std::nullopt;
      if (!t) return Err(usage);
      f.at = *t;
    }
    auto anchor = Anchor(f.service, f.entity);
    if (!anchor.ok()) return Wrap(anchor.status());
    a.anchor = *anchor;
    sc_.actions.push_back(std::move(a));
    return Status::Ok();
  }

  // `reconfigure [entity] [at=T] [ns=NAME=IP[,IP...]]... [services=LIST]
  // [minns=SCHEDULE]` (docs/formats/scenario.md "Body: actions"). Edits make
  // a new configuration version that the following lines are written for.
  Status Reconfigure(const std::vector<std::string_view>& toks) {
    static const std::string kUsage =
        "usage: reconfigure [entity] [at=T] [ns=NAME=IP[,IP...]]... [services=LIST] "
        "[minns=SCHEDULE]";
    Action a;
    a.kind = Action::Kind::kReconfigure;
    a.line = line_;
    std::size_t i = 1;
    auto e = EntityAt(toks, i);
    if (!e.ok()) return Wrap(e.status());
    a.reconfigure.entity = *e;
    EntityConfig next = sc_.entities[*e];
    bool edited = false, ns_given = false;
    for (; i < toks.size(); ++i) {
      const auto kv = SplitKeyValue(toks[i]);
      if (!kv) return Err(kUsage);
      if (kv->key == "at") {
        const auto t = ParseTimeToken(kv->value, sc_.start);
        if (!t) return Err(kUsage);
        a.reconfigure.at = *t;
      } else if (kv->key == "ns") {
        // Like `tldmon admin entity update --ns`: the listed name servers
        // replace the whole list, in the order written.
        const auto name_ips = SplitKeyValue(kv->value);
        if (!name_ips || name_ips->value.empty()) return Err("usage: ns=NAME=IP[,IP...]");
        if (!ns_given) next.name_servers.clear();
        ns_given = true;
        NameServer ns{std::string(name_ips->key), {}};
        for (std::string_view ip : SplitComma(name_ips->value)) ns.ips.emplace_back(ip);
        next.name_servers.push_back(std::move(ns));
      } else if (kv->key == "services") {
        next.enabled.reset();
        for (std::string_view name : SplitComma(kv->value)) {
          const auto s = ParseServicePath(name);
          if (!s || *s == Service::kEpp)
            return Err("unknown service '" + std::string(name) + "' (dns, dnssec, rdds, rdap)");
          next.SetEnabled(*s, true);
        }
        next.dnssec = next.IsEnabled(Service::kDnssec);
      } else if (kv->key == "minns") {
        auto m = MinNsSchedule::Parse(kv->value);
        if (!m.ok()) return Wrap(m.status());
        next.min_ns = *m;
      } else {
        return Err(kUsage);
      }
      edited = edited || kv->key != "at";
    }
    if (edited) {
      // A service switched on gets the default targets of a header entity.
      const std::string base = BaseName(next);
      if (next.IsEnabled(Service::kRdds) && next.rdds43_server.empty() && next.rdds80_url.empty()) {
        next.rdds43_server = "whois." + base;
        next.rdds80_url = "https://whois." + base + "/";
      }
      if (next.IsEnabled(Service::kRdap) && next.rdap_base_url.empty())
        next.rdap_base_url = "https://rdap." + base + "/rdap/";
      if (Status s = next.Validate(); !s.ok())
        return Err("the edited configuration: " + s.message());
      sc_.versions[*e].push_back(next);
      a.reconfigure.version = sc_.versions[*e].size() - 1;
      sc_.entities[*e] = std::move(next);
    }
    a.anchor = last_any_;
    sc_.actions.push_back(std::move(a));
    return Status::Ok();
  }

  // `sla <key> <value>`: the parameters from the anchor cycle on. Cycle
  // lengths cannot change mid-run: the cycles already laid out would not be
  // cycles any more.
  Status Sla(const std::vector<std::string_view>& toks) {
    if (toks.size() != 3) return Err("usage: sla <parameter> <value>, e.g. sla dns.min_online 25");
    if (toks[1].find("cycle_seconds") != std::string_view::npos)
      return Err("cycle lengths cannot change during a scenario");
    if (!last_any_) return Err("no earlier step; `sla` changes the parameters after a step");
    engine::SlaParams next = sla_now_ ? *sla_now_ : sc_.params;
    TLDMON_RETURN_IF_ERROR(Wrap(next.Set(toks[1], toks[2])));
    if (Status s = next.Validate(); !s.ok()) return Err("SLA parameters: " + s.message());
    Action a;
    a.kind = Action::Kind::kSla;
    a.line = line_;
    a.anchor = last_any_;
    a.sla.params = next;
    sla_now_ = std::move(next);
    sc_.actions.push_back(std::move(a));
    return Status::Ok();
  }

  Status ProbeStatus(ProbeStatusLine::Kind kind, const std::vector<std::string_view>& toks) {
    if (toks.size() != 3) return Err("usage: " + std::string(toks[0]) + " <probes> <T>[..<T>]");
    ProbeStatusLine l;
    l.kind = kind;
    l.line = line_;
    bool star = false;
    auto probes = ResolveProbes(sc_, toks[1], true, &star);
    if (!probes.ok()) return Wrap(probes.status());
    if (star) {
      probes->clear();
      for (std::size_t p = 0; p < sc_.probes.size(); ++p)
        probes->push_back(static_cast<ProbeIndex>(p));
    }
    l.probes = std::move(*probes);
    const std::string_view range = toks[2];
    const std::size_t dots = range.find("..");
    const auto from = ParseTimeToken(range.substr(0, dots), sc_.start);
    const auto to =
        dots == std::string_view::npos ? from : ParseTimeToken(range.substr(dots + 2), sc_.start);
    if (!from || !to) return Err("bad time or range '" + std::string(range) + "'");
    if (FloorMod(*from, 60) != 0 || FloorMod(*to, 60) != 0)
      return Err("probe status is per minute: times must be minute starts");
    if (*to < *from) return Err("range ends before it starts");
    if (*from < sc_.start) return Err("probe status before the scenario start");
    l.from = *from;
    l.to = *to;
    sc_.probe_status.push_back(std::move(l));
    return Status::Ok();
  }

  Scenario sc_;
  int line_ = 0;
  bool header_done_ = false;
  bool have_start_ = false;
  std::vector<EntityDecl> decls_;
  int numbered_probes_ = 0;
  std::optional<Step> raw_;
  std::optional<std::size_t> raw_star_;
  std::map<std::pair<int, std::size_t>, std::size_t> last_step_;
  std::optional<std::size_t> last_any_;
  std::map<std::pair<int, std::size_t>, UnixSeconds> cursor_;
  std::optional<engine::SlaParams> sla_now_;  // after the latest `sla` line
};

}  // namespace

Result<Scenario> ParseScenario(std::string_view text, std::string file) {
  Parser parser(std::move(file));
  int no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line = text.substr(pos, nl == std::string_view::npos ? nl : nl - pos);
    TLDMON_RETURN_IF_ERROR(parser.Line(++no, line));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return parser.Finish();
}

Result<Scenario> LoadScenarioFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": cannot open");
  std::ostringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  if (text.size() > 4u * 1024 * 1024) return InvalidArgument(path + ": larger than 4 MiB");
  return ParseScenario(text, path);
}

}  // namespace tldmon::sim

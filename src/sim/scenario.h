// Scenario: the parsed form of one scenario file (docs/formats/scenario.md).
// A scenario states probe outcomes per cycle and the verdicts, incidents and
// counters the engine must produce from them (DESIGN.md "The engine is
// pure"). Plain data: the parser builds it, the planner and runner read it.
// Every name (probe, entity, name server) is already resolved to an index,
// against the entity's configuration version in force at that line (a
// `reconfigure` line with edits starts a new version, Scenario::versions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/monitoring_config.h"
#include "core/probe_report.h"
#include "core/result_codes.h"
#include "core/service.h"
#include "core/time.h"
#include "engine/sla_params.h"

namespace tldmon::sim {

// Summary-level outcome of one cycle for one entity: how many probes are
// online, how many of those report, how many reports are positive. The runner
// synthesises ProbeReports that produce exactly these counts.
struct SummaryOutcome {
  std::optional<int> online;              // nullopt: every capable probe not offline otherwise
  std::optional<int> results;             // nullopt: = online
  std::optional<int> up;                  // nullopt: = results
  std::optional<int> dnssec_up;           // DNS only; nullopt: = results
  std::int32_t rtt_ms = 0;                // RTT of every answered test
  Transport transport = Transport::kUdp;  // DNS only
};

// One value of a raw line: an RTT (>= 0) or a result code (< 0), or "-" for
// "not tested" (no metric in the report).
struct RawValue {
  bool tested = true;
  std::int32_t value = 0;
};

// One target of a raw line: DNS name server index (one value per IP of that
// name server); RDDS kRdds43Target/kRdds80Target; RDAP 0 (one value each).
struct RawTarget {
  std::uint16_t target = 0;
  std::vector<RawValue> values;
};

// One line inside a raw block: what the named probes report this cycle.
struct RawProbeLine {
  int line = 0;
  std::vector<ProbeIndex> probes;  // `*` already expanded
  bool offline = false;            // probe offline (manual status) this cycle
  Transport transport = Transport::kUdp;
  std::vector<RawTarget> targets;  // empty: the probes send no report
};

// One step line: `count` contiguous cycles of one test kind for one entity.
struct Step {
  int line = 0;
  TestKind kind = TestKind::kDns;
  std::size_t entity = 0;  // index into Scenario::entities
  std::int64_t repeat = 1;
  std::optional<UnixSeconds> at;  // asserted start of the first cycle
  UnixSeconds first_cycle = 0;    // start of the first cycle (cycles are contiguous)
  bool raw = false;
  // The entity's configuration version the step is written for (its raw
  // name-server targets are indexes into it); the runner checks that it is
  // the version in force when each cycle of the step is processed.
  std::size_t version = 0;
  SummaryOutcome summary;               // !raw
  std::vector<RawProbeLine> raw_lines;  // raw
};

// A typed expected (or actual) value of one check.
struct CheckValue {
  enum class Type : std::uint8_t {
    kInt,     // exact
    kExact3,  // a number with <= 3 decimals the engine must produce exactly
    kRound3,  // equal once rounded to 3 decimals
    kBool,    // yes/no
    kText,    // exact text
    kTime,    // Unix seconds or null
    kIdList,  // incident ids; an id "<start>.*" matches any event id
  };
  Type type = Type::kInt;
  std::int64_t i = 0;
  double d = 0;
  bool b = false;
  bool null = false;  // kTime: null
  std::string text;
  std::vector<std::string> ids;

  std::string ToString() const;
};

// key=value of an expect line.
struct Check {
  std::string key;
  CheckValue expected;
};

enum class ExpectTarget : std::uint8_t {
  kService,   // expect E <service> ...
  kIncident,  // expect E <service> incident <id> ...
  kMonthly,   // expect E <service> monthly ...
  kRtt,       // expect E rtt <udp|tcp|rdds|rdds43|rdds80|rdap> ...
  kNsIp,      // expect E nsip <ns> <ip> ...
  kProbes,    // expect probes ...
  kProbe,     // expect probe <name> ...
};

struct Expectation {
  ExpectTarget target = ExpectTarget::kService;
  std::size_t entity = 0;
  Service service = Service::kDns;
  std::string incident_id;         // kIncident
  RttKind rtt = RttKind::kDnsUdp;  // kRtt
  bool rdds_pooled = false;        // kRtt "rdds": RDDS43 and RDDS80 in one ratio (§9)
  std::uint16_t ns = 0, ip = 0;    // kNsIp
  ProbeIndex probe = 0;            // kProbe
  std::size_t version = 0;         // kNsIp: configuration version of ns/ip
  std::vector<Check> checks;
};

struct FalsePositiveAction {
  std::size_t entity = 0;
  Service service = Service::kDns;
  std::string incident_id;
  bool on = true;
  std::optional<UnixSeconds> at;  // nullopt: end of the anchor cycle + 1
};

// `reconfigure`: an edit of the entity's configuration (name servers and
// their IPs, services, minimum name servers) or, without edits, only a
// recorded change time. Either way the change time enters config_times and
// the engine is re-opened on the new configuration through Engine::Restore,
// the path `tldmon serve` takes after an admin edit.
struct ReconfigureAction {
  std::size_t entity = 0;
  std::optional<UnixSeconds> at;  // nullopt: end of the anchor cycle + 1 (or start)
  // The configuration version in force from `at` on (index into
  // Scenario::versions[entity]); nullopt: unchanged (no edit on the line).
  std::optional<std::size_t> version;
};

// `sla <key> <value>`: an SLA parameter changed while the engine runs
// (`[sla]` of serve). In force for every cycle processed after its anchor
// cycle, like an edit reaching serve at its next tick.
struct SlaAction {
  engine::SlaParams params;  // every parameter after the change
};

// Everything in the body that is not a step. Expectations and false-positive
// flags run right after the last cycle of their anchor step is processed, in
// file order; a reconfiguration takes effect at its time.
struct Action {
  enum class Kind : std::uint8_t { kExpect, kFalsePositive, kReconfigure, kSla };
  Kind kind = Kind::kExpect;
  int line = 0;
  // Index into Scenario::steps; nullopt only for a reconfigure before any step.
  std::optional<std::size_t> anchor;
  Expectation expect;
  FalsePositiveAction false_positive;
  ReconfigureAction reconfigure;
  SlaAction sla;
};

// `offline`, `unreachable`, `check-fail` lines: a probe's status inputs for
// the minutes [from, to] (both minute starts).
struct ProbeStatusLine {
  enum class Kind : std::uint8_t { kOffline, kUnreachable, kCheckFail };
  int line = 0;
  Kind kind = Kind::kOffline;
  std::vector<ProbeIndex> probes;
  UnixSeconds from = 0, to = 0;
};

struct Scenario {
  std::string file;  // for messages: "<file>:<line>: ..."
  std::string title;
  std::string description;
  int title_line = 0;
  int start_line = 0;
  engine::SlaParams params = engine::SlaParams::Defaults();
  UnixSeconds start = 0;
  std::vector<ProbeNode> probes;
  std::vector<EntityConfig> entities;  // as declared in the header
  std::vector<int> entity_lines;       // declaring line per entity
  // Per entity, its configuration versions: [0] = entities[e], then one per
  // `reconfigure` line with edits, in file order (config_times left empty:
  // the runner adds the change times as they happen).
  std::vector<std::vector<EntityConfig>> versions;
  std::vector<Step> steps;
  std::vector<Action> actions;
  std::vector<ProbeStatusLine> probe_status;

  // Number of key=value checks over all expect lines.
  int CheckCount() const;
  // The configuration of `entity` in its version `version` (0 = header).
  const EntityConfig& Config(std::size_t entity, std::size_t version) const {
    return versions[entity][version];
  }
};

// Whether a probe takes part in a test kind (slam-algorithms.md §3 "Probe
// sets"): every probe runs DNS; RDDS/RDAP only probes enabled for them.
bool ProbeRunsTest(const ProbeNode& probe, TestKind kind);

}  // namespace tldmon::sim

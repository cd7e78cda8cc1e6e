// EngineState: everything the engine carries from one cycle to the next.
// Plain data: the store persists it, Engine::Restore() resumes from it, and a
// restart therefore continues exactly where the engine stopped.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/cycle_status.h"
#include "core/entity_id.h"
#include "core/probe_report.h"
#include "core/service.h"
#include "core/time.h"

namespace tldmon::engine {

inline constexpr UnixSeconds kNever = INT64_MIN;

// A run of `count` consecutive cycles starting at `first` (cycle starts
// `first`, `first + delay`, ...). Keeps long incidents compact.
struct CycleRun {
  UnixSeconds first = 0;
  std::uint32_t count = 0;
  friend bool operator==(const CycleRun&, const CycleRun&) = default;
};

// One incident of one service (slam-algorithms.md §7).
struct Incident {
  std::uint64_t event_id = 0;
  UnixSeconds start_time = 0;                // cycle_start of the FAIL-th Down cycle
  std::optional<UnixSeconds> end_time;       // cycle_end of the RECOVER-th non-Down cycle
  bool false_positive = false;
  std::optional<UnixSeconds> fp_update_time; // when the flag last changed; null if never
  std::vector<CycleRun> down_cycles;         // the Down cycles inside the incident, ascending

  // "<startTime>.<eventId>" (mosapi-api.md §6.5).
  std::string Id() const;
  bool active() const { return !end_time.has_value(); }
  friend bool operator==(const Incident&, const Incident&) = default;
};

// Monthly RTT counters for one RTT item kind (slam-algorithms.md §9).
struct RttMonth {
  UnixSeconds month = kNever;   // MonthStart() the counters belong to
  std::int64_t performed = 0;   // performed_m
  std::int64_t failed = 0;      // failed_m
  std::int64_t expected = 0;    // items expected per cycle, as of the last cycle
  friend bool operator==(const RttMonth&, const RttMonth&) = default;
};

struct ServiceState {
  UnixSeconds last_cycle = kNever;           // start of the last processed cycle
  CycleStatus last_status = CycleStatus::kUp;
  int down_streak = 0;     // consecutive Down cycles, in and out of incidents (§7)
  int recover_streak = 0;  // consecutive non-Down cycles while an incident is open
  std::vector<Incident> incidents;  // every incident, ascending start_time
  friend bool operator==(const ServiceState&, const ServiceState&) = default;
};

// The NSID each probe last saw from one name-server IP (the dashboard's
// "NSID changes", NoteNsids), indexed by ProbeIndex. Transient: the store
// does not keep it (its sightings table holds the history), so after a
// restart every probe's next NSID is reported again once; readers collapse
// such repeats. Equality ignores it, so a restored state equals the one
// that was saved.
struct NsidMemory {
  std::vector<std::string> by_probe;
  friend bool operator==(const NsidMemory&, const NsidMemory&) { return true; }
};

// Name-server IP availability (slam-algorithms.md §6, §8).
struct NsIpState {
  std::string ns;
  std::string ip;
  UnixSeconds month = kNever;
  int month_down_cycles = 0;   // Down NS-IP cycles this month (not incident-gated)
  CycleStatus last_status = CycleStatus::kUp;
  // Those of this month's Down cycles that lie inside a DNS incident,
  // ascending: the ones a false-positive flag on that incident takes back
  // (issue 8 C3, NsIpDownCyclesInMonth). Empty outside DNS incidents.
  std::vector<CycleRun> incident_down_cycles{};
  NsidMemory nsids{};
  friend bool operator==(const NsIpState&, const NsIpState&) = default;
};

struct EntityState {
  std::array<ServiceState, kServiceCount> services{};
  std::vector<NsIpState> ns_ips;   // one per configured (ns, ip) pair
  // Indexed by static_cast<int>(RttKind).
  std::array<RttMonth, 6> rtt{};
  friend bool operator==(const EntityState&, const EntityState&) = default;
};

// Per-probe online determination (slam-algorithms.md §3).
struct ProbeState {
  bool auto_online = true;            // automatic status after hysteresis
  UnixSeconds success_run_start = kNever;  // first success of the current unbroken run
  // Online flags of the most recent minutes: bit i = minute (last_minute - 60*i).
  std::uint64_t minute_bits = 0;
  UnixSeconds last_minute = kNever;
  friend bool operator==(const ProbeState&, const ProbeState&) = default;
};

struct EngineState {
  std::uint64_t next_event_id = 1;
  // Start of the last processed cycle per TestKind (kNever before the first).
  std::array<UnixSeconds, kTestKindCount> last_cycle{kNever, kNever, kNever, kNever};
  std::vector<ProbeState> probes;                  // indexed by ProbeIndex
  // Which recent minutes RecordProbeMinute() was called for (slam-algorithms.md
  // §3: a cycle is processed only once every minute of it has a status):
  // bit i = minute (last_minute - 60*i). A skipped minute has its bit clear.
  UnixSeconds last_minute = kNever;
  std::uint64_t recorded_minutes = 0;
  std::map<EntityId, EntityState> entities;
  friend bool operator==(const EngineState&, const EngineState&) = default;
};

}  // namespace tldmon::engine

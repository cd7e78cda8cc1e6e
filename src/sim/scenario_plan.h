// ScenarioPlan: a parsed scenario laid out in time — which cycles each step
// covers, which probe is offline in which minute, and which actions run after
// which cycle (docs/formats/scenario.md "How a scenario runs"). Plain data
// built once by PlanScenario(); read-only afterwards.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "core/status.h"
#include "sim/scenario.h"

namespace tldmon::sim {

// Status inputs of a probe in one minute (ProbeMinuteSample), as
// bits; no bit set = online.
inline constexpr std::uint8_t kManualOffline = 1;
inline constexpr std::uint8_t kUnreachable = 2;
inline constexpr std::uint8_t kCheckFail = 4;

struct ScenarioPlan {
  UnixSeconds end = 0;  // first minute after the last cycle of any step
  // Minutes in which some probe is not online; one flag byte per probe.
  std::map<UnixSeconds, std::vector<std::uint8_t>> minute_flags;
  // Per step: start of its last cycle.
  std::vector<UnixSeconds> last_cycle;
  // Per test kind and entity: the steps in cycle order (indices into steps).
  std::array<std::vector<std::vector<std::size_t>>, kTestKindCount> sequence;
  // Per test kind: start of the first cycle not to process (no step of this
  // kind covers it or any later cycle).
  std::array<UnixSeconds, kTestKindCount> kind_end{};
  // Actions (indices, file order) to run right after a cycle:
  // key (TestKind as int, cycle start).
  std::map<std::pair<int, UnixSeconds>, std::vector<std::size_t>> after_cycle;
  // Reconfigurations (time, action index), ascending by time.
  std::vector<std::pair<UnixSeconds, std::size_t>> reconfigs;

  std::uint8_t Flags(UnixSeconds minute, ProbeIndex p) const;
  // Probes that run `kind` and are online (no flag) in every minute of the
  // cycle starting at `cycle` of length `seconds`, ascending.
  std::vector<ProbeIndex> Available(const Scenario& sc, TestKind kind, UnixSeconds cycle,
                                    int seconds) const;
};

// Lays the scenario out in time. Summary steps with online=N make the probes
// beyond the first N available ones offline in the cycle's last minute; if
// steps that overlap in time cannot all get their online count, the error
// names the step's file:line.
Result<ScenarioPlan> PlanScenario(const Scenario& sc);

}  // namespace tldmon::sim

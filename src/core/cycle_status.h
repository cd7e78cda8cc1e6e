// Per-cycle service availability values (slam-algorithms.md §5, mosapi-api.md
// §8.7): 0 Down, 1 Up, 2 no-data, 3 no-probes, 4 reconfig. Everything >= 1 is
// "not Down" for incidents.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tldmon {

enum class CycleStatus : std::uint8_t {
  kDown = 0,
  kUp = 1,
  kUpInconclusiveNoData = 2,
  kUpInconclusiveNoProbes = 3,
  kUpInconclusiveReconfig = 4,
};

constexpr bool IsDown(CycleStatus s) { return s == CycleStatus::kDown; }

// SLAM's casing: "Up", "Down", "Up-inconclusive-no-data", ... (mosapi-api.md
// §6.2 project default).
std::string_view Label(CycleStatus s);
// v1 trees map reconfig to no-data (mosapi-api.md §6.10).
std::string_view LabelV1(CycleStatus s);
// Case-insensitive parse of a label (accepts the spec's "UP-inconclusive-...").
std::optional<CycleStatus> ParseCycleStatus(std::string_view label);

}  // namespace tldmon

// The unit suffix of durations in scenario and fault files: "90" and "90s"
// are seconds, "15m" minutes, "2h" hours, "1d" days
// (docs/formats/scenario.md, docs/formats/faults.md).
#pragma once

#include <cstdint>
#include <string_view>

namespace tldmon::sim {

struct DurationParts {
  std::string_view digits;  // the text without its suffix (unchecked)
  std::int64_t unit = 1;    // seconds per unit
};

constexpr DurationParts SplitDurationSuffix(std::string_view text) {
  if (text.empty()) return {text, 1};
  std::int64_t unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    default:
      return {text, 1};
  }
  return {text.substr(0, text.size() - 1), unit};
}

}  // namespace tldmon::sim

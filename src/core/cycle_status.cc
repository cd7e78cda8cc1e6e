#include "core/cycle_status.h"

#include <cctype>

namespace tldmon {

std::string_view Label(CycleStatus s) {
  switch (s) {
    case CycleStatus::kDown: return "Down";
    case CycleStatus::kUp: return "Up";
    case CycleStatus::kUpInconclusiveNoData: return "Up-inconclusive-no-data";
    case CycleStatus::kUpInconclusiveNoProbes: return "Up-inconclusive-no-probes";
    case CycleStatus::kUpInconclusiveReconfig: return "Up-inconclusive-reconfig";
  }
  return "";
}

std::string_view LabelV1(CycleStatus s) {
  return s == CycleStatus::kUpInconclusiveReconfig ? Label(CycleStatus::kUpInconclusiveNoData)
                                                   : Label(s);
}

std::optional<CycleStatus> ParseCycleStatus(std::string_view label) {
  for (int i = 0; i <= 4; ++i) {
    const auto s = static_cast<CycleStatus>(i);
    const std::string_view want = Label(s);
    if (want.size() != label.size()) continue;
    bool eq = true;
    for (std::size_t k = 0; k < want.size() && eq; ++k)
      eq = std::tolower(static_cast<unsigned char>(want[k])) ==
           std::tolower(static_cast<unsigned char>(label[k]));
    if (eq) return s;
  }
  return std::nullopt;
}

}  // namespace tldmon

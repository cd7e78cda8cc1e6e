#include "sim/scenario.h"

#include <cstdio>

namespace tldmon::sim {

std::string CheckValue::ToString() const {
  switch (type) {
    case Type::kInt:
      return std::to_string(i);
    case Type::kExact3:
    case Type::kRound3: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.6g", d);
      return buf;
    }
    case Type::kBool:
      return b ? "yes" : "no";
    case Type::kText:
      return text;
    case Type::kTime:
      return null ? "null" : std::to_string(i);
    case Type::kIdList: {
      if (ids.empty()) return "none";
      std::string s;
      for (const std::string& id : ids) s += (s.empty() ? "" : ",") + id;
      return s;
    }
  }
  return "";
}

int Scenario::CheckCount() const {
  int n = 0;
  for (const Action& a : actions)
    if (a.kind == Action::Kind::kExpect) n += static_cast<int>(a.expect.checks.size());
  return n;
}

bool ProbeRunsTest(const ProbeNode& probe, TestKind kind) {
  switch (kind) {
    case TestKind::kDns:
      return true;
    case TestKind::kRdds:
      return probe.rdds;
    case TestKind::kRdap:
      return probe.rdap;
    case TestKind::kEpp:
      return false;
  }
  return false;
}

}  // namespace tldmon::sim

#include "sim/scenario_expect_keys.h"

#include <array>
#include <cctype>

#include "core/cycle_status.h"
#include "sim/scenario_lexer.h"

namespace tldmon::sim {
namespace {

using Type = CheckValue::Type;

// Which text values a kText key accepts.
enum class TextKind : std::uint8_t { kNone, kStatus, kAlarmed, kIncidentState };

struct KeySpec {
  ExpectTarget target;
  const char* key;
  Type type;
  TextKind text = TextKind::kNone;
};

constexpr std::array kKeys = {
    KeySpec{ExpectTarget::kService, "status", Type::kText, TextKind::kStatus},
    KeySpec{ExpectTarget::kService, "downtime", Type::kInt},
    KeySpec{ExpectTarget::kService, "threshold", Type::kExact3},
    KeySpec{ExpectTarget::kService, "alarmed", Type::kText, TextKind::kAlarmed},
    KeySpec{ExpectTarget::kService, "incidents", Type::kIdList},
    KeySpec{ExpectTarget::kService, "all-incidents", Type::kIdList},
    KeySpec{ExpectTarget::kService, "online", Type::kInt},
    KeySpec{ExpectTarget::kService, "results", Type::kInt},
    KeySpec{ExpectTarget::kService, "positive", Type::kInt},
    KeySpec{ExpectTarget::kIncident, "state", Type::kText, TextKind::kIncidentState},
    KeySpec{ExpectTarget::kIncident, "start", Type::kTime},
    KeySpec{ExpectTarget::kIncident, "end", Type::kTime},
    KeySpec{ExpectTarget::kIncident, "fp", Type::kBool},
    KeySpec{ExpectTarget::kIncident, "fp-time", Type::kTime},
    KeySpec{ExpectTarget::kMonthly, "downtime", Type::kInt},
    KeySpec{ExpectTarget::kMonthly, "slr", Type::kInt},
    KeySpec{ExpectTarget::kMonthly, "met", Type::kBool},
    KeySpec{ExpectTarget::kMonthly, "month", Type::kTime},
    KeySpec{ExpectTarget::kRtt, "performed", Type::kInt},
    KeySpec{ExpectTarget::kRtt, "failed", Type::kInt},
    KeySpec{ExpectTarget::kRtt, "expected", Type::kInt},
    KeySpec{ExpectTarget::kRtt, "cycles-left", Type::kInt},
    KeySpec{ExpectTarget::kRtt, "pfailed", Type::kRound3},
    KeySpec{ExpectTarget::kRtt, "met", Type::kBool},
    KeySpec{ExpectTarget::kNsIp, "status", Type::kText, TextKind::kStatus},
    KeySpec{ExpectTarget::kNsIp, "values", Type::kInt},
    KeySpec{ExpectTarget::kNsIp, "down", Type::kInt},
    KeySpec{ExpectTarget::kNsIp, "month-downtime", Type::kInt},
    KeySpec{ExpectTarget::kNsIp, "met", Type::kBool},
    KeySpec{ExpectTarget::kProbes, "online", Type::kInt},
    KeySpec{ExpectTarget::kProbe, "online", Type::kBool},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

Result<std::string> ParseText(TextKind kind, std::string_view value) {
  const std::string v = Lower(value);
  switch (kind) {
    case TextKind::kStatus:
      if (v == "disabled") return std::string("Disabled");
      if (auto s = ParseCycleStatus(value)) return std::string(Label(*s));
      return InvalidArgument(
          "status must be Up, Down, Up-inconclusive-no-data, "
          "Up-inconclusive-no-probes, Up-inconclusive-reconfig or Disabled, "
          "not '" +
          std::string(value) + "'");
    case TextKind::kAlarmed:
      if (v == "yes") return std::string("Yes");
      if (v == "no") return std::string("No");
      if (v == "disabled") return std::string("Disabled");
      return InvalidArgument("alarmed must be Yes, No or Disabled, not '" + std::string(value) +
                             "'");
    case TextKind::kIncidentState:
      if (v == "active") return std::string("Active");
      if (v == "resolved") return std::string("Resolved");
      return InvalidArgument("state must be Active or Resolved, not '" + std::string(value) + "'");
    case TextKind::kNone:
      break;
  }
  return std::string(value);
}

}  // namespace

bool IsIncidentIdPattern(std::string_view id, bool allow_wildcard) {
  const std::size_t dot = id.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view event = id.substr(dot + 1);
  return AllDigits(id.substr(0, dot)) && (AllDigits(event) || (allow_wildcard && event == "*"));
}

bool IncidentIdMatches(std::string_view pattern, std::string_view actual) {
  if (pattern.size() >= 2 && pattern.substr(pattern.size() - 2) == ".*") {
    const std::string_view prefix = pattern.substr(0, pattern.size() - 1);  // "<start>."
    return actual.substr(0, prefix.size()) == prefix;
  }
  return pattern == actual;
}

std::string ExpectKeys(ExpectTarget target) {
  std::string out;
  for (const KeySpec& k : kKeys)
    if (k.target == target) out += (out.empty() ? "" : ", ") + std::string(k.key);
  return out;
}

Result<Check> ParseCheck(ExpectTarget target, std::string_view key, std::string_view value,
                         UnixSeconds start) {
  const KeySpec* spec = nullptr;
  for (const KeySpec& k : kKeys)
    if (k.target == target && key == k.key) spec = &k;
  if (spec == nullptr)
    return InvalidArgument("unknown key '" + std::string(key) +
                           "' here (keys: " + ExpectKeys(target) + ")");
  Check c;
  c.key = std::string(key);
  c.expected.type = spec->type;
  const std::string what = "'" + c.key + "' ";
  switch (spec->type) {
    case Type::kInt: {
      const auto v = ParseInteger(value);
      if (!v)
        return InvalidArgument(what + "needs a whole number, got '" + std::string(value) + "'");
      c.expected.i = *v;
      break;
    }
    case Type::kExact3:
    case Type::kRound3: {
      const auto v = ParseDecimal(value);
      const std::size_t dot = value.find('.');
      if (!v || (dot != std::string_view::npos && value.size() - dot - 1 > 3))
        return InvalidArgument(what + "needs a number with at most 3 decimals, got '" +
                               std::string(value) + "'");
      c.expected.d = *v;
      break;
    }
    case Type::kBool: {
      const std::string v = Lower(value);
      if (v == "yes" || v == "true")
        c.expected.b = true;
      else if (v == "no" || v == "false")
        c.expected.b = false;
      else
        return InvalidArgument(what + "needs yes or no, got '" + std::string(value) + "'");
      break;
    }
    case Type::kText: {
      auto t = ParseText(spec->text, value);
      if (!t.ok()) return t.status();
      c.expected.text = *t;
      break;
    }
    case Type::kTime: {
      if (value == "null") {
        c.expected.null = true;
        break;
      }
      const auto t = ParseTimeToken(value, start);
      if (!t)
        return InvalidArgument(what +
                               "needs a time (Unix seconds, ISO 8601, +N from start) or "
                               "null, got '" +
                               std::string(value) + "'");
      c.expected.i = *t;
      break;
    }
    case Type::kIdList: {
      if (value == "none") break;
      for (std::string_view id : SplitComma(value)) {
        if (!IsIncidentIdPattern(id, true))
          return InvalidArgument(what +
                                 "needs 'none' or incident ids '<startTime>.<eventId>' "
                                 "(event id may be *), got '" +
                                 std::string(id) + "'");
        c.expected.ids.emplace_back(id);
      }
      break;
    }
  }
  return c;
}

}  // namespace tldmon::sim

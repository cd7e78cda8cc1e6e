#include "sim/fault_parse.h"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "core/monitoring_config.h"
#include "core/result_codes.h"
#include "core/text.h"
#include "sim/duration_suffix.h"

namespace tldmon::sim {
namespace {

constexpr UnixSeconds kMaxDuration = 366LL * 86400;

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t next = s.find(sep, pos);
    out.push_back(
        s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

template <typename T>
std::optional<T> ParseNumber(std::string_view s) {
  T v{};
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

Status Bad(std::string_view token, std::string_view why) {
  return InvalidArgument("fault: " + std::string(token) + ": " + std::string(why));
}

Result<UnixSeconds> ParseTimePoint(std::string_view text, UnixSeconds start) {
  if (!text.empty() && text.front() == '+') {
    if (text == "+0") return start;
    Result<UnixSeconds> d = ParseDuration(text.substr(1));
    if (!d.ok()) return d.status();
    return start + *d;
  }
  if (auto t = ParseTime(text)) return *t;
  return InvalidArgument("not a time (want +DURATION, YYYY-MM-DD[THH:MM[:SS]Z] or Unix seconds)");
}

Result<ProbeSelector> ParseProbes(std::string_view text) {
  ProbeSelector sel;
  if (text == "all" || text == "*") return sel;
  sel.all = false;
  if (text.ends_with('%')) {
    auto pct = ParseNumber<double>(text.substr(0, text.size() - 1));
    if (!pct || !(*pct > 0) || *pct > 100) return InvalidArgument("percent must be in (0, 100]");
    sel.percent = *pct;
    return sel;
  }
  for (std::string_view part : Split(text, ',')) {
    const std::size_t dash = part.find('-');
    auto lo = ParseNumber<ProbeIndex>(part.substr(0, dash));
    auto hi = dash == std::string_view::npos ? lo : ParseNumber<ProbeIndex>(part.substr(dash + 1));
    if (!lo || !hi || *hi < *lo) return InvalidArgument("want all, N% or index ranges like 0-4,7");
    sel.ranges.emplace_back(*lo, *hi);
  }
  return sel;
}

// Which keys each kind accepts, so a typo ("ns=" on an RDAP fault) is an
// error rather than a silently ignored option.
bool KeyAllowed(FaultKind kind, std::string_view key) {
  if (key == "entity") return !IsProbeFault(kind);
  if (key == "probes" || key == "from" || key == "to" || key == "for" || key == "flap") return true;
  switch (kind) {
    case FaultKind::kNsDown:
      return key == "ns" || key == "ip" || key == "code";
    case FaultKind::kDnssecBroken:
      return key == "ns" || key == "code";
    case FaultKind::kRdapError:
    case FaultKind::kRdds80Error:
      return key == "http" || key == "code";
    case FaultKind::kRdds43Timeout:
      return key == "code";
    case FaultKind::kSlow:
      return key == "service" || key == "rtt" || key == "ns";
    case FaultKind::kProbeOffline:
    case FaultKind::kProbeUnreachable:
      return false;
  }
  return false;
}

}  // namespace

Result<UnixSeconds> ParseDuration(std::string_view text) {
  if (text.empty()) return InvalidArgument("empty duration");
  const auto [digits, unit] = SplitDurationSuffix(text);
  auto n = ParseNumber<std::int64_t>(digits);
  if (!n || *n <= 0 || *n > kMaxDuration / unit)
    return InvalidArgument("bad duration '" + std::string(text) +
                           "' (want e.g. 90, 30s, 15m, 2h, 1d)");
  return *n * unit;
}

Result<Fault> ParseFault(std::string_view spec, UnixSeconds start) {
  spec = TrimBlanksAndCr(spec);
  std::vector<std::string_view> tokens;
  for (std::string_view t : Split(spec, ' '))
    for (std::string_view u : Split(t, '\t'))
      if (!TrimBlanksAndCr(u).empty()) tokens.push_back(TrimBlanksAndCr(u));
  if (tokens.empty()) return InvalidArgument("fault: empty spec");

  Fault f;
  auto kind = ParseFaultKind(tokens[0]);
  if (!kind) return Bad(tokens[0], "unknown fault kind");
  f.kind = *kind;

  std::optional<UnixSeconds> duration;
  bool http_set = false, code_set = false;
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const std::string_view tok = tokens[i];
    const std::size_t eq = tok.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == tok.size())
      return Bad(tok, "want key=value");
    const std::string_view key = tok.substr(0, eq);
    const std::string_view val = tok.substr(eq + 1);
    if (!KeyAllowed(f.kind, key)) return Bad(tok, "key not allowed for " + std::string(tokens[0]));

    if (key == "entity") {
      for (std::string_view p : Split(val, ',')) {
        if (p.empty()) return Bad(tok, "empty entity pattern");
        std::string pat(p);
        // A bare TLD is a registry ("example" = "ry/example").
        if (pat != "*" && pat.find('/') == std::string::npos) pat = "ry/" + pat;
        if (pat.back() != '*') {
          if (auto id = EntityId::Parse(pat); !id.ok()) return Bad(tok, id.status().message());
        }
        f.entities.patterns.push_back(std::move(pat));
      }
    } else if (key == "probes") {
      auto sel = ParseProbes(val);
      if (!sel.ok()) return Bad(tok, sel.status().message());
      f.probes = std::move(*sel);
    } else if (key == "from" || key == "to") {
      auto t = ParseTimePoint(val, start);
      if (!t.ok()) return Bad(tok, t.status().message());
      (key == "from" ? f.window.from : f.window.to) = *t;
    } else if (key == "for") {
      auto d = ParseDuration(val);
      if (!d.ok()) return Bad(tok, d.status().message());
      duration = *d;
    } else if (key == "flap") {
      const std::size_t slash = val.find('/');
      if (slash == std::string_view::npos) return Bad(tok, "want flap=ON/OFF, e.g. 20m/40m");
      auto on = ParseDuration(val.substr(0, slash));
      auto off = ParseDuration(val.substr(slash + 1));
      if (!on.ok() || !off.ok()) return Bad(tok, "want flap=ON/OFF, e.g. 20m/40m");
      f.window.flap_on = *on;
      f.window.flap_off = *off;
    } else if (key == "ns") {
      f.ns = std::string(val);
    } else if (key == "ip") {
      if (!IsValidIp(val)) return Bad(tok, "not an IP address");
      f.ip = std::string(val);
    } else if (key == "code") {
      auto c = ParseNumber<std::int32_t>(val);
      if (!c || *c >= 0 || *c <= kNoValue) return Bad(tok, "want a negative result code");
      f.code = *c;
      code_set = true;
    } else if (key == "http") {
      auto h = ParseNumber<int>(val);
      if (!h || *h < 100 || *h > 599 || *h == 200)
        return Bad(tok, "want an HTTP status other than 200");
      f.code = f.kind == FaultKind::kRdapError ? RdapHttpCode(*h) : Rdds80HttpCode(*h);
      http_set = true;
    } else if (key == "rtt") {
      auto r = ParseNumber<std::int32_t>(val);
      if (!r || *r <= 0 || *r > 600000) return Bad(tok, "want an RTT in ms");
      f.rtt_ms = *r;
    } else if (key == "service") {
      if (val != "dns" && val != "rdds" && val != "rdap") return Bad(tok, "want dns, rdds or rdap");
      f.service = std::string(val);
    }
  }
  if (http_set && code_set) return Bad(spec, "give http= or code=, not both");
  if (duration) {
    if (f.window.to) return Bad(spec, "give to= or for=, not both");
    if (!f.window.from) return Bad(spec, "for= needs from=");
    f.window.to = *f.window.from + *duration;
  }
  if (f.window.from && f.window.to && *f.window.to <= *f.window.from)
    return Bad(spec, "the window ends before it starts");
  if (!f.ns.empty() && f.kind == FaultKind::kSlow && !f.service.empty() && f.service != "dns")
    return Bad(spec, "ns= only applies to service=dns");
  return f;
}

Result<std::vector<Fault>> ParseFaultFile(std::string_view text, UnixSeconds start) {
  std::vector<Fault> faults;
  int line_no = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++line_no;
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    line = TrimBlanksAndCr(line);
    if (line.empty()) continue;
    auto f = ParseFault(line, start);
    if (!f.ok())
      return InvalidArgument("line " + std::to_string(line_no) + ": " + f.status().message());
    faults.push_back(std::move(*f));
  }
  return faults;
}

}  // namespace tldmon::sim

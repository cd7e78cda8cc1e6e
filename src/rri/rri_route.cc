#include "rri/rri_route.h"

#include <vector>

#include "admin/dns_name.h"

namespace tldmon::rri {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (path.empty() || path.front() != '/') return out;
  path.remove_prefix(1);
  while (true) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

std::optional<std::string> CanonicalTld(std::string_view s) {
  if (s.empty() || s.size() > 63) return std::nullopt;
  std::string tld;
  for (char c : s) {
    const char l = admin::AsciiLower(c);
    if (!((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '-')) return std::nullopt;
    tld += l;
  }
  if (tld.front() == '-' || tld.back() == '-') return std::nullopt;
  return tld;
}

namespace {

// A period segment: visible ASCII without '/', bounded (its syntax proper
// is the intake's: 2111, 2001).
bool PeriodSegment(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (c <= 0x20 || c >= 0x7f) return false;
  return true;
}

RouteMatch Found(RriEndpoint e, ReportType t, std::string tld, std::string_view period) {
  RouteMatch m;
  m.route = RriRoute{e, t, std::move(tld), std::string(period)};
  m.status = 200;
  return m;
}

RouteMatch MethodNotAllowed(std::string_view allow) { return {std::nullopt, 405, allow}; }

}  // namespace

RouteMatch MatchRriRoute(http::Method method, std::string_view path) {
  const std::vector<std::string_view> seg = Segments(path);
  const bool get = method == http::Method::kGet || method == http::Method::kHead;
  if (seg.size() >= 3 && seg[0] == "report") {
    std::optional<ReportType> type = ParseReportType(seg[1]);
    std::optional<std::string> tld = CanonicalTld(seg[2]);
    if (!type || !tld) return {};
    if (*type == ReportType::kEscrowNotification) {
      if (seg.size() != 3) return {};
      if (method != http::Method::kPut && method != http::Method::kPost)
        return MethodNotAllowed("PUT, POST");
      return Found(RriEndpoint::kUpload, *type, std::move(*tld), {});
    }
    if (seg.size() != 4 || !PeriodSegment(seg[3])) return {};
    if (method != http::Method::kPut) return MethodNotAllowed("PUT");
    return Found(RriEndpoint::kUpload, *type, std::move(*tld), seg[3]);
  }
  if (seg.size() == 5 && seg[0] == "info" && seg[1] == "report") {
    std::optional<ReportType> type = ParseReportType(seg[2]);
    std::optional<std::string> tld = CanonicalTld(seg[3]);
    if (!type || !tld || !PeriodSegment(seg[4])) return {};
    if (!get) return MethodNotAllowed("GET, HEAD");
    return Found(RriEndpoint::kReadBack, *type, std::move(*tld), seg[4]);
  }
  if (seg.size() == 4 && seg[0] == "info" && seg[1] == "status") {
    std::optional<std::string> tld = CanonicalTld(seg[3]);
    if (!tld) return {};
    ReportType type;
    if (seg[2] == "registry") type = ReportType::kRegistrarTransactions;
    else if (seg[2] == "escrow-agent-notification") type = ReportType::kEscrowNotification;
    else return {};
    if (!get) return MethodNotAllowed("GET, HEAD");
    return Found(RriEndpoint::kStatus, type, std::move(*tld), {});
  }
  return {};
}

}  // namespace tldmon::rri

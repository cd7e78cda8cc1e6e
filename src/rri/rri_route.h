// RriRoute: which RRI endpoint a request names (rri.md §2; docs/rri.md
// "Endpoints"). tldmon serves ICANN's own paths, so a client's base URL is
// all that changes:
//   PUT      /report/registrar-transactions/<tld>/<yyyy-mm>
//   PUT      /report/registry-functions-activity/<tld>/<yyyy-mm>
//   PUT      /report/registry-escrow-report/<tld>/<id>
//   PUT|POST /report/escrow-agent-notification/<tld>
//   HEAD|GET /info/report/<monthly type>/<tld>/<yyyy-mm>
//   HEAD|GET /info/report/registry-escrow-report/<tld>/<yyyy-mm-dd>
//   HEAD|GET /info/report/escrow-agent-notification/<tld>/<yyyy-mm-dd>
//   GET      /info/status/registry/<tld>
//   GET      /info/status/escrow-agent-notification/<tld>
// The <period> segment is returned as sent: its syntax is checked after
// authentication, so that a malformed month is 400 + 2111 for the
// authenticated client (not a 404 to anyone).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/method.h"
#include "rri/report_type.h"

namespace tldmon::rri {

enum class RriEndpoint : std::uint8_t { kUpload, kReadBack, kStatus };

struct RriRoute {
  RriEndpoint endpoint = RriEndpoint::kUpload;
  ReportType type = ReportType::kRegistrarTransactions;  // kStatus: kEscrowNotification for
                                                         // the agent's status, else unused
  std::string tld;     // lower-cased A-label
  std::string period;  // month, deposit id or date; empty for notification uploads and status
};

struct RouteMatch {
  std::optional<RriRoute> route;  // set when the path and method match
  int status = 404;               // otherwise 404 (no such path) or 405
  std::string_view allow;         // with 405: the Allow header's value
};

RouteMatch MatchRriRoute(http::Method method, std::string_view path);

// A TLD as URLs and `tldmon admin rri` take it: one LDH label (an A-label
// for an IDN), lower-cased; nullopt when it is not one.
std::optional<std::string> CanonicalTld(std::string_view text);

}  // namespace tldmon::rri

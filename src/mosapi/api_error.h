// The error table: every error the API answers, with its HTTP status, MoSAPI
// result code (400s only, mosapi-api.md §7), content type and message, in one
// place (docs/api-server.md "Error table" lists the same rows).
//
// Bodies follow mosapi-api.md §5: 400 → {"resultCode", "message", "description"};
// 404/405/408/413/414/431/5xx → {"message", "description"}; 401/403/429 →
// text/plain (§4.3). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mosapi/http_types.h"
#include "http/http_error.h"
#include "http/query.h"
#include "http/response.h"

namespace tldmon::mosapi {

enum class ApiErrorKind : std::uint8_t {
  kNone = 0,
  // 404: the path does not name a resource (§5 project default).
  kUnknownEntityKind,  // first segment not "ry"/"rr"
  kInvalidEntityId,    // TLD label or IANA ID malformed
  kUnknownVersion,     // not "v1"/"v2"
  kUnknownService,     // not a service, or one the entity/version lacks
  kMalformedId,        // incidentID, measurementID, scheduleID, date, year/month/day
  kUnknownPath,        // no route has this shape
  kNotFound,           // well-formed, but no such document (e.g. disabled downtime)
  // 405
  kMethodNotAllowed,
  // 400 with MoSAPI result codes (§7).
  kInvalidInput,        // 2001: malformed request or query (provisional, see docs)
  kMaintenanceEndTime,  // 2007
  kDateRangeTooLong,    // 2011
  kEndDateBeforeStart,  // 2012
  kInvalidStartDate,    // 2013
  kInvalidEndDate,      // 2014
  // 401/403/429, text/plain (§4.3).
  kUnauthenticated,
  kLoginFailed,
  kForbidden,
  kRateLimited,
  // Protocol limits (ServerLimits).
  kRequestTimeout,       // 408
  kPayloadTooLarge,      // 413
  kUriTooLong,           // 414
  kHeaderTooLarge,       // 431
  kNotImplemented,       // 501: unknown method or transfer coding
  kVersionNotSupported,  // 505
  kServiceUnavailable,   // 503: connection limit or shutting down
  kInternal,             // 500
};

struct ApiErrorInfo {
  ApiErrorKind kind;
  int http_status;
  int result_code;  // 0: the body has no resultCode
  bool text_plain;  // body is the message as text/plain, not JSON
  std::string_view message;
};

// The row of the error table for `kind` (kNone maps to kInternal's row).
const ApiErrorInfo& ErrorInfo(ApiErrorKind kind);

// The response body for `kind`; `description` is the offending value or a
// detail (truncated to 200 bytes; invalid UTF-8 replaced). For text/plain
// kinds the body is the message alone.
std::string ErrorBody(ApiErrorKind kind, std::string_view description);

// The 400 a query error becomes: a duplicate startDate/endDate is that
// parameter's syntax error (2013/2014); anything else is 2001 Invalid input.
ApiErrorKind ToApiError(const http::QueryError& error);

// The table's row for an error the HTTP layer detected (400 is 2001 Invalid
// input, as every malformed request is to MoSAPI clients).
ApiErrorKind ToApiError(http::HttpError error);

// Fills `response` with the table's answer for `kind` (status, content type,
// ErrorBody).
void SetError(http::Response& response, ApiErrorKind kind, std::string_view description);

// Number of rows, for tests that walk the whole table.
inline constexpr int kApiErrorKindCount = static_cast<int>(ApiErrorKind::kInternal) + 1;

}  // namespace tldmon::mosapi

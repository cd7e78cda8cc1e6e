#include "mosapi/api_error.h"

#include <array>
#include <nlohmann/json.hpp>

namespace tldmon::mosapi {
namespace {

// Texts of 401 are quoted from production as clients report it (§4.3);
// 400 messages are the project defaults of §7.
constexpr std::array<ApiErrorInfo, kApiErrorKindCount> kTable = {{
    {ApiErrorKind::kNone, 500, 0, false, "Internal error"},
    {ApiErrorKind::kUnknownEntityKind, 404, 0, false, "Not found"},
    {ApiErrorKind::kInvalidEntityId, 404, 0, false, "Not found"},
    {ApiErrorKind::kUnknownVersion, 404, 0, false, "Not found"},
    {ApiErrorKind::kUnknownService, 404, 0, false, "Not found"},
    {ApiErrorKind::kMalformedId, 404, 0, false, "Not found"},
    {ApiErrorKind::kUnknownPath, 404, 0, false, "Not found"},
    {ApiErrorKind::kNotFound, 404, 0, false, "Not found"},
    {ApiErrorKind::kMethodNotAllowed, 405, 0, false, "Method not allowed"},
    {ApiErrorKind::kInvalidInput, 400, 2001, false, "Invalid input"},
    {ApiErrorKind::kMaintenanceEndTime, 400, 2007, false, "endTime must be after startTime"},
    {ApiErrorKind::kDateRangeTooLong, 400, 2011, false, "Date range exceeds 31 days"},
    {ApiErrorKind::kEndDateBeforeStart, 400, 2012, false, "endDate is before startDate"},
    {ApiErrorKind::kInvalidStartDate, 400, 2013, false, "Invalid startDate"},
    {ApiErrorKind::kInvalidEndDate, 400, 2014, false, "Invalid endDate"},
    {ApiErrorKind::kUnauthenticated, 401, 0, true,
     "The client could not be authenticated using any of the available methods: "
     "TLS-Client-Authentication or Session Cookie."},
    {ApiErrorKind::kLoginFailed, 401, 0, true, "Invalid User and/or Password"},
    {ApiErrorKind::kForbidden, 403, 0, true, "Access from this IP address is not allowed"},
    {ApiErrorKind::kRateLimited, 429, 0, true, "Too many requests"},
    {ApiErrorKind::kRequestTimeout, 408, 0, false, "Request timeout"},
    {ApiErrorKind::kPayloadTooLarge, 413, 0, false, "Request body too large"},
    {ApiErrorKind::kUriTooLong, 414, 0, false, "Request target too long"},
    {ApiErrorKind::kHeaderTooLarge, 431, 0, false, "Request header fields too large"},
    {ApiErrorKind::kNotImplemented, 501, 0, false, "Not implemented"},
    {ApiErrorKind::kVersionNotSupported, 505, 0, false, "HTTP version not supported"},
    {ApiErrorKind::kServiceUnavailable, 503, 0, false, "Service unavailable"},
    {ApiErrorKind::kInternal, 500, 0, false, "Internal error"},
}};

constexpr bool TableIsIndexed() {
  for (std::size_t i = 0; i < kTable.size(); ++i)
    if (static_cast<std::size_t>(kTable[i].kind) != i) return false;
  return true;
}
static_assert(TableIsIndexed(), "kTable rows must be in ApiErrorKind order");

constexpr std::size_t kMaxDescription = 200;

}  // namespace

const ApiErrorInfo& ErrorInfo(ApiErrorKind kind) {
  const auto i = static_cast<std::size_t>(kind);
  if (kind == ApiErrorKind::kNone || i >= kTable.size())
    return kTable[static_cast<std::size_t>(ApiErrorKind::kInternal)];
  return kTable[i];
}

std::string ErrorBody(ApiErrorKind kind, std::string_view description) {
  const ApiErrorInfo& info = ErrorInfo(kind);
  if (info.text_plain) return std::string(info.message);
  if (description.size() > kMaxDescription) description = description.substr(0, kMaxDescription);
  nlohmann::ordered_json body;
  if (info.result_code != 0) body["resultCode"] = info.result_code;
  body["message"] = info.message;
  body["description"] = std::string(description);
  // Descriptions echo request bytes, which need not be UTF-8.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiErrorKind ToApiError(const http::QueryError& error) {
  if (error.kind == http::QueryErrorKind::kDuplicateKey || error.kind == http::QueryErrorKind::kValueTooLong ||
      error.kind == http::QueryErrorKind::kBadEscape) {
    if (error.key == "startDate") return ApiErrorKind::kInvalidStartDate;
    if (error.key == "endDate") return ApiErrorKind::kInvalidEndDate;
  }
  return ApiErrorKind::kInvalidInput;
}

ApiErrorKind ToApiError(http::HttpError error) {
  using http::HttpError;
  switch (error) {
    case HttpError::kNone: return ApiErrorKind::kNone;
    case HttpError::kBadRequest: return ApiErrorKind::kInvalidInput;
    case HttpError::kForbidden: return ApiErrorKind::kForbidden;
    case HttpError::kNotFound: return ApiErrorKind::kUnknownPath;
    case HttpError::kRequestTimeout: return ApiErrorKind::kRequestTimeout;
    case HttpError::kPayloadTooLarge: return ApiErrorKind::kPayloadTooLarge;
    case HttpError::kUriTooLong: return ApiErrorKind::kUriTooLong;
    case HttpError::kHeaderTooLarge: return ApiErrorKind::kHeaderTooLarge;
    case HttpError::kInternal: return ApiErrorKind::kInternal;
    case HttpError::kNotImplemented: return ApiErrorKind::kNotImplemented;
    case HttpError::kServiceUnavailable: return ApiErrorKind::kServiceUnavailable;
    case HttpError::kVersionNotSupported: return ApiErrorKind::kVersionNotSupported;
  }
  return ApiErrorKind::kInternal;
}

void SetError(http::Response& response, ApiErrorKind kind, std::string_view description) {
  const ApiErrorInfo& info = ErrorInfo(kind);
  response
      .MutableBody(info.http_status,
                   info.text_plain ? "text/plain; charset=utf-8" : http::kJsonContentType)
      .assign(ErrorBody(kind, description));
}

}  // namespace tldmon::mosapi

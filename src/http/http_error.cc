#include "http/http_error.h"

#include <nlohmann/json.hpp>

namespace tldmon::http {
namespace {

constexpr std::size_t kMaxDetail = 200;

}  // namespace

int StatusOf(HttpError error) {
  switch (error) {
    case HttpError::kBadRequest: return 400;
    case HttpError::kForbidden: return 403;
    case HttpError::kNotFound: return 404;
    case HttpError::kRequestTimeout: return 408;
    case HttpError::kPayloadTooLarge: return 413;
    case HttpError::kUriTooLong: return 414;
    case HttpError::kHeaderTooLarge: return 431;
    case HttpError::kNotImplemented: return 501;
    case HttpError::kServiceUnavailable: return 503;
    case HttpError::kVersionNotSupported: return 505;
    case HttpError::kNone:
    case HttpError::kInternal: break;
  }
  return 500;
}

std::string_view MessageOf(HttpError error) {
  switch (error) {
    case HttpError::kBadRequest: return "Bad request";
    case HttpError::kForbidden: return "Forbidden";
    case HttpError::kNotFound: return "Not found";
    case HttpError::kRequestTimeout: return "Request timeout";
    case HttpError::kPayloadTooLarge: return "Request body too large";
    case HttpError::kUriTooLong: return "Request target too long";
    case HttpError::kHeaderTooLarge: return "Request header fields too large";
    case HttpError::kNotImplemented: return "Not implemented";
    case HttpError::kServiceUnavailable: return "Service unavailable";
    case HttpError::kVersionNotSupported: return "HTTP version not supported";
    case HttpError::kNone:
    case HttpError::kInternal: break;
  }
  return "Internal error";
}

std::string DefaultErrorBody(HttpError error, std::string_view detail) {
  if (detail.size() > kMaxDetail) detail = detail.substr(0, kMaxDetail);
  nlohmann::ordered_json body;
  body["message"] = MessageOf(error);
  body["description"] = std::string(detail);
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tldmon::http

// The errors the HTTP layer itself answers, before or around any handler:
// protocol limits, malformed requests, overload and handler failures
// (RFC 9110 §15). What the body of such an answer looks like is the
// handler's business (RequestHandler::RenderError): MoSAPI answers from its
// own error table, other mounts may use the plain default here. Pure;
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tldmon::http {

enum class HttpError : std::uint8_t {
  kNone = 0,
  kBadRequest,           // 400: malformed request line, header or body framing
  kForbidden,            // 403: the source may not use this mount
  kNotFound,             // 404: no mount serves the path
  kRequestTimeout,       // 408
  kPayloadTooLarge,      // 413
  kUriTooLong,           // 414
  kHeaderTooLarge,       // 431
  kInternal,             // 500: the handler threw
  kNotImplemented,       // 501: unknown method or transfer coding
  kServiceUnavailable,   // 503: connection or slow-pool limit, shutting down
  kVersionNotSupported,  // 505
};

// The status code of `error` (kNone: 500, it must not be answered).
int StatusOf(HttpError error);
// The reason phrase used as the default message ("Request timeout").
std::string_view MessageOf(HttpError error);

// The default body: {"message":"<MessageOf>","description":"<detail>"} with
// `detail` cut to 200 bytes, JSON-escaped, invalid UTF-8 replaced by U+FFFD
// (details echo request bytes).
std::string DefaultErrorBody(HttpError error, std::string_view detail);

}  // namespace tldmon::http

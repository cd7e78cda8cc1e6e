// Serializes a Response to the HTTP/1.1 wire form (RFC 9112), applying the
// response conventions of docs/api-server.md: conditional GET/HEAD → 304,
// gzip when Accept-Encoding allows it (precomputed variant for documents),
// Vary, HEAD without body, Date and Server. Pure apart from the lazily built
// gzip variant of a Representation; allocation-free once `head` and
// `scratch` have grown.
#pragma once

#include <string>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace tldmon::http {

// Dynamic (non-document) bodies are gzip-coded only from this size on:
// below it the header overhead outweighs the saving.
inline constexpr std::size_t kMinDynamicGzipBytes = 1024;

struct SerializedResponse {
  int status = 0;         // as sent: a 200 may have become 304
  std::string_view body;  // bytes to send after the head; empty for HEAD, 304, no body
};

// Writes the status line and header section of `response` to `request` into
// `head` (replacing its contents). `date` is the IMF-fixdate for the Date
// field. `keep_alive` false adds "Connection: close"; true on an HTTP/1.0
// request adds "Connection: keep-alive". The returned body points into
// `response`, its Representation or `scratch`.
SerializedResponse SerializeResponse(const Request& request, const Response& response,
                                     bool keep_alive, std::string_view date, std::string& head,
                                     std::string& scratch);

// "OK", "Not Found", ...; "Unknown" for codes the server never sends.
std::string_view ReasonPhrase(int status);

}  // namespace tldmon::http

// The seam between the HTTP server and what it serves.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "http/http_error.h"
#include "http/request.h"
#include "http/response.h"

namespace tldmon::http {

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Fills `response` (already Reset) for `request`. Called concurrently from
  // every worker thread, each call on one thread from start to end; must
  // not block on network I/O (it would stall that thread's connections).
  // An exception escaping it becomes a 500.
  virtual void Handle(const Request& request, Response& response) = 0;

  // Whether handling `request` takes long CPU time (a password
  // verification: Argon2id, tens of milliseconds and tens of MiB), and if
  // so, who it is on behalf of. The server then runs Handle on its
  // slow-request pool, so that the other connections of the same worker
  // thread are not held up behind it, and shares the pool fairly between
  // keys (ServerLimits::max_slow_requests_per_key): one tenant's flood
  // cannot take every slot. nullopt: handle on the worker thread. Cheap, must not block; a
  // request that will be refused before any slow work (a source not
  // allowed, a rate limit) should answer nullopt, so that it never takes a
  // slot. The key must name the tenant however the request spells it
  // (decoded, canonical), or a client could take more than one tenant's
  // share by spelling one path several ways.
  virtual std::optional<std::string> SlowKey(const Request& /*request*/) const {
    return std::nullopt;
  }

  // The body limit for requests to `path` (the request-target's path), read
  // as soon as the request line is parsed; 0: ServerLimits::max_body_bytes.
  virtual std::size_t MaxBodyBytes(std::string_view /*path*/) const { return 0; }

  // Fills `response` (already Reset) with the answer to an error the
  // server itself detected: a protocol limit, a malformed request, an
  // overload, or an exception from Handle. The status is StatusOf(error);
  // the body is the handler's own error format (MoSAPI answers from its
  // error table). The default is DefaultErrorBody as application/json.
  // `detail` may echo request bytes. Thread-safe, must not throw.
  virtual void RenderError(HttpError error, std::string_view detail, Response& response) const;
};

}  // namespace tldmon::http

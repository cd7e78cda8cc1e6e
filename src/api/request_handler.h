// The seam between the HTTP server and what it serves.
#pragma once

#include "api/request.h"
#include "api/response.h"

namespace tldmon::api {

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Fills `response` (already Reset) for `request`. Called concurrently from
  // every worker thread, each call on one thread from start to end; must
  // not block on network I/O (it would stall that thread's connections).
  // An exception escaping it becomes a 500.
  virtual void Handle(const Request& request, Response& response) = 0;
};

}  // namespace tldmon::api

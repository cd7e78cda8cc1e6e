// ApiHandler: the RequestHandler for MoSAPI (mosapi-api.md §2, §5, §6). It
// routes, answers 404/405/501 from the error table, checks access, and
// serves document-backed routes from a DocumentSource; everything computed
// per request goes to DynamicRoutes. The three seams below are implemented
// by other modules (engine's DocumentStore, auth's Authenticator) through
// small adapters in src/app, and by fakes in tests.
//
// Thread-safe: Handle may run concurrently; the seams must be thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mosapi/mosapi_extended_error.h"
#include "mosapi/http_types.h"
#include "http/query.h"
#include "http/representation.h"
#include "http/request_handler.h"
#include "mosapi/route.h"
#include "core/clock.h"

namespace tldmon::mosapi {

// Precomputed documents by DocumentStore path (router.h AppendStorePath).
class DocumentSource {
 public:
  virtual ~DocumentSource() = default;
  // The document, or null when there is none (→ DynamicRoutes, else 404).
  // Called on every request: a lookup, never a computation. Thread-safe.
  virtual std::shared_ptr<const Representation> Find(std::string_view store_path) const = 0;
};

struct AccessDecision {
  enum class Outcome { kAllow, kUnauthenticated, kForbidden, kRateLimited };
  Outcome outcome = Outcome::kAllow;
  int retry_after_seconds = 0;  // kRateLimited: the Retry-After value (§4.3)
  // kAllow: kept until the response is written (an in-flight slot).
  std::shared_ptr<void> hold;
};

// Authentication and authorization (mosapi-api.md §4).
class AccessControl {
 public:
  virtual ~AccessControl() = default;
  // May `request` use `route` (entity-scoped, other than login/logout)?
  // Session cookie or TLS client certificate, role (route.info().role),
  // source address. Thread-safe, no blocking I/O.
  virtual AccessDecision Authorize(const Request& request, const Route& route) = 0;
  // Answer login and logout completely (status, Set-Cookie, body; §4.2, §6.1).
  virtual void Login(const Request& request, const Route& route, Response& response) = 0;
  virtual void Logout(const Request& request, const Route& route, Response& response) = 0;
  // Whether answering `request` (a login, or Basic credentials on a data
  // route) would verify a password, the one slow step. A request refused
  // before that (source, rate limit, lockout, malformed credentials) is then
  // answered on the worker thread and never takes a slow-pool slot.
  // Cheap, counts nothing. Thread-safe.
  virtual bool NeedsPasswordCheck(const Request& /*request*/, const Route& /*route*/) {
    return true;
  }
};

// What DynamicRoutes gets: the request, its route, and the query already
// parsed and validated (for routes that take one).
struct RouteRequest {
  const Request& request;
  const Route& route;
  const QueryParams& query;
  // The validated startDate/endDate range, both ends inclusive: always for
  // metrica/domainLists (§6.11), for the incident list only when it is
  // filtered (then the precomputed unfiltered list is not used).
  std::optional<DateRange> dates;
};

// Routes answered per request (maintenance windows, probe nodes, METRICA
// lists, documents built on demand such as older measurements).
class DynamicRoutes {
 public:
  virtual ~DynamicRoutes() = default;
  // Called after access was granted. Must set a response (404 included).
  virtual void Serve(const RouteRequest& route_request, Response& response) = 0;
};

struct ApiHandlerOptions {
  QueryLimits query_limits;
};

class ApiHandler final : public RequestHandler {
 public:
  // Every reference must outlive the handler; `dynamic` may be null.
  ApiHandler(AccessControl& access, const DocumentSource& documents, DynamicRoutes* dynamic,
             const Clock& clock, ApiHandlerOptions options = {});

  void Handle(const Request& request, Response& response) override;
  // The requests that may verify a password: a login with an Authorization
  // header, or Basic credentials on a data endpoint without a Cookie header
  // (accept_basic_on_data). A client that sends its credentials along with
  // its session cookie on every call is served from the cookie and stays
  // on the fast path.
  // The key is the entity, decoded ("ry/example"), so that the slow pool is
  // shared fairly between tenants however a client spells their paths.
  std::optional<std::string> SlowKey(const Request& request) const override;
  // Server-detected errors answer from the MoSAPI error table (§5), so a
  // client sees one error format whatever rejected its request.
  void RenderError(http::HttpError error, std::string_view detail,
                   Response& response) const override;

 private:
  void HandleEntityRoute(const Request& request, const Route& route, Response& response);

  AccessControl& access_;
  const DocumentSource& documents_;
  DynamicRoutes* dynamic_;
  const Clock& clock_;
  ApiHandlerOptions options_;
};

}  // namespace tldmon::mosapi

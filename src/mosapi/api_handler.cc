#include "mosapi/api_handler.h"

#include "mosapi/mosapi_extended_error.h"
#include "mosapi/router.h"

namespace tldmon::mosapi {
namespace {

// Cookie-authenticated per-entity data: never stored by shared caches, and
// revalidated (cheaply, by ETag) before reuse.
constexpr std::string_view kDocumentCacheControl = "private, no-cache";

void SetAllow(Response& response, const RouteInfo& info) {
  response.AddHeader("Allow", info.methods.AllowHeader());
}

}  // namespace

ApiHandler::ApiHandler(AccessControl& access, const DocumentSource& documents,
                       DynamicRoutes* dynamic, const Clock& clock, ApiHandlerOptions options)
    : access_(access),
      documents_(documents),
      dynamic_(dynamic),
      clock_(clock),
      options_(std::move(options)) {}

std::optional<std::string> ApiHandler::SlowKey(const Request& request) const {
  if (!request.authorization) return std::nullopt;
  if (request.cookie && !request.path.ends_with("/login")) return std::nullopt;
  // Checked before the request takes a slot: what would be refused without
  // hashing is answered at once on the worker (issue: login starvation).
  thread_local std::string route_scratch;
  const RouteMatch match = MatchRoute(request.path, route_scratch);
  if (!match.ok() || !match.route.entity_scoped()) return std::nullopt;
  if (!access_.NeedsPasswordCheck(request, match.route)) return std::nullopt;
  // The decoded entity ("ry/example"), not the path as received: "/ry/%65xample"
  // is the same tenant and must share its slots.
  return match.route.entity().Path();
}

void ApiHandler::RenderError(http::HttpError error, std::string_view detail,
                             Response& response) const {
  SetError(response, ToApiError(error), detail);
}

void ApiHandler::Handle(const Request& request, Response& response) {
  if (request.method == Method::kOther) {
    SetError(response, ApiErrorKind::kNotImplemented, request.method_name);
    return;
  }
  thread_local std::string route_scratch;
  const RouteMatch match = MatchRoute(request.path, route_scratch);
  if (!match.ok()) {
    SetError(response, match.error, match.detail);
    return;
  }
  const Route& route = match.route;
  const RouteInfo& info = route.info();
  if (!info.methods.Contains(request.method)) {
    if (request.method == Method::kOptions) {
      response.SetEmpty(204);
    } else {
      SetError(response, ApiErrorKind::kMethodNotAllowed,
                        std::string(MethodName(request.method)) + " " + std::string(info.name));
    }
    SetAllow(response, info);
    return;
  }
  switch (route.kind) {
    case RouteKind::kHealthz:
    case RouteKind::kOpenApi:
    case RouteKind::kMetrics:
      // Served by the operations mount (MosapiService); not MoSAPI routes.
      SetError(response, ApiErrorKind::kUnknownPath, request.path);
      return;
    case RouteKind::kLogin:
      access_.Login(request, route, response);
      return;
    case RouteKind::kLogout:
      access_.Logout(request, route, response);
      return;
    default:
      HandleEntityRoute(request, route, response);
      return;
  }
}

void ApiHandler::HandleEntityRoute(const Request& request, const Route& route,
                                   Response& response) {
  AccessDecision decision = access_.Authorize(request, route);
  switch (decision.outcome) {
    case AccessDecision::Outcome::kAllow:
      if (decision.hold) response.SetHold(std::move(decision.hold));
      break;
    case AccessDecision::Outcome::kUnauthenticated:
      SetError(response, ApiErrorKind::kUnauthenticated, "");
      return;
    case AccessDecision::Outcome::kForbidden:
      SetError(response, ApiErrorKind::kForbidden, "");
      return;
    case AccessDecision::Outcome::kRateLimited:
      SetError(response, ApiErrorKind::kRateLimited, "");
      response.AddHeader("Retry-After", std::to_string(std::max(1, decision.retry_after_seconds)));
      return;
  }

  const RouteInfo& info = route.info();
  QueryParams query;
  std::optional<DateRange> dates;
  if (info.takes_query) {
    Result<QueryParams, QueryError> parsed = ParseQuery(request.query, options_.query_limits);
    if (!parsed.ok()) {
      SetError(response, ToApiError(parsed.error()), Describe(parsed.error()));
      return;
    }
    query = std::move(parsed).value();
    // METRICA lists always take a range (YYYY-MM-DD, §6.11); the incident
    // list only when filtered (Unix seconds), else it is the precomputed
    // document. One validator for both: admin's (mosapi_extended_error.h).
    const bool metrica = route.kind == RouteKind::kMetricaLists;
    if (metrica || (route.kind == RouteKind::kIncidentList && HasDateQuery(query))) {
      Result<DateRange, admin::ExtendedError> range = ValidateDateQuery(
          query, metrica ? admin::DateForm::kCalendarDate : admin::DateForm::kUnixSeconds,
          clock_.Now());
      if (!range.ok()) {
        SetExtendedError(response, range.error());
        return;
      }
      dates = *range;
    }
  }
  if (info.document_backed && !dates) {
    thread_local std::string store_path;
    store_path.clear();
    AppendStorePath(route, store_path);
    if (auto document = documents_.Find(store_path)) {
      response.SetRepresentation(std::move(document));
      response.AddHeader("Cache-Control", kDocumentCacheControl);
      return;
    }
  }
  if (dynamic_ != nullptr) {
    dynamic_->Serve(RouteRequest{request, route, query, dates}, response);
    return;
  }
  std::string path;
  AppendCanonicalPath(route, path);
  SetError(response, ApiErrorKind::kNotFound, path);
}

}  // namespace tldmon::mosapi

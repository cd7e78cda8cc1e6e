// The router: request path → typed Route, or the 404 ApiErrorKind saying why
// not (mosapi-api.md §2.2, §2.4, §5 "Unknown id, unknown version or unknown
// service → 404"). The entity-scoped grammar is not spelled here: the matcher
// walks a tree built at compile time from the one URL table
// (core/mosapi_path.h), with one validator per placeholder. Pure; thread-safe;
// allocation-free unless the path holds percent-escapes (then `scratch` is
// used and may grow).
#pragma once

#include <string>
#include <string_view>

#include "mosapi/api_error.h"
#include "mosapi/route.h"

namespace tldmon::mosapi {

struct RouteMatch {
  Route route;
  ApiErrorKind error = ApiErrorKind::kNone;  // a 404 kind when no route matched
  std::string_view detail;                   // the offending segment, for the error body

  bool ok() const { return error == ApiErrorKind::kNone; }
};

// Matches an origin-form path ("/ry/example/v2/monitoring/state", no query).
// Percent-escapes are decoded first (RFC 3986 §6.2.2.2); an escaped '/' or NUL,
// or a malformed escape, never matches. The returned views point into `path`
// or `scratch`, which must outlive the RouteMatch.
RouteMatch MatchRoute(std::string_view path, std::string& scratch);

// Appends the canonical URL path of `route` ("/ry/example/v2/monitoring/state");
// measurement ids get their ".json" suffix. MatchRoute(canonical) yields a
// route with the same canonical path.
void AppendCanonicalPath(const Route& route, std::string& out);

// Appends the DocumentStore path of a document-backed route: its canonical
// path without the leading '/', mirroring SLAM's file tree (§13), e.g.
// "ry/example/v2/monitoring/dns/measurements/2025/01/02/1735776000.json".
// Returns false (and appends nothing) for other routes.
bool AppendStorePath(const Route& route, std::string& out);

}  // namespace tldmon::mosapi

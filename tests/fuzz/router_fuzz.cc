// Fuzz target for the untrusted-input parsers of the API (DESIGN.md house
// rule 11): the router and request-target splitting, the query-string and
// startDate/endDate parsers, the Accept-Encoding, If-None-Match and
// HTTP-date header parsers, and error-body rendering.
//
// Built two ways: as a libFuzzer binary (tests/fuzz/CMakeLists.txt, clang,
// -DTLDMON_FUZZ=ON) and linked into tldmon_api_tests, where
// src/api/router_fuzz_test.cc replays the seed corpus and a bounded
// deterministic mutation loop through this same entry point.
//
// Besides "no crash, no sanitizer report" it checks invariants and traps
// when one fails:
//   * a matched route's canonical path matches again, to the same canonical
//     path, and its entity id is valid; store paths exist exactly for
//     document-backed routes;
//   * a non-match is a 404 of the error table whose body is valid JSON;
//   * a parsed query respects its limits; a valid date range is ordered and
//     at most 31 days long; a query error is a 400 with a JSON body.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "mosapi/api_error.h"
#include "http/conditional.h"
#include "http/content_coding.h"
#include "mosapi/mosapi_extended_error.h"
#include "http/http_date.h"
#include "http/query.h"
#include "mosapi/router.h"

namespace {

using namespace tldmon;       // NOLINT
using namespace tldmon::http;    // NOLINT
using namespace tldmon::mosapi;  // NOLINT

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

void CheckRoute(std::string_view path) {
  std::string scratch;
  const RouteMatch m = MatchRoute(path, scratch);
  if (!m.ok()) {
    const ApiErrorInfo& info = ErrorInfo(m.error);
    Check(info.http_status == 404);
    Check(nlohmann::json::accept(ErrorBody(m.error, m.detail)));
    return;
  }
  const Route& r = m.route;
  if (r.entity_scoped()) Check(EntityId::ValidateId(r.entity_kind, r.entity_id).ok());
  std::string canonical;
  AppendCanonicalPath(r, canonical);
  std::string scratch2;
  const RouteMatch again = MatchRoute(canonical, scratch2);
  Check(again.ok() && again.route.kind == r.kind);
  std::string canonical2;
  AppendCanonicalPath(again.route, canonical2);
  Check(canonical == canonical2);
  std::string store;
  Check(AppendStorePath(r, store) == r.info().document_backed);
  Check(store.empty() || "/" + store == canonical);
}

void CheckQuery(std::string_view raw) {
  const QueryLimits limits;
  const auto parsed = ParseQuery(raw, limits);
  if (!parsed.ok()) {
    const ApiErrorKind kind = ToApiError(parsed.error());
    Check(ErrorInfo(kind).http_status == 400);
    Check(nlohmann::json::accept(ErrorBody(kind, Describe(parsed.error()))));
    return;
  }
  const QueryParams& q = *parsed;
  Check(q.params().size() <= limits.max_params);
  for (const QueryParam& p : q.params())
    Check(!p.key.empty() && p.key.size() <= limits.max_key_bytes &&
          p.value.size() <= limits.max_value_bytes);
  for (admin::DateForm form : {admin::DateForm::kCalendarDate, admin::DateForm::kUnixSeconds}) {
    const auto r = ValidateDateQuery(q, form, 1767225600);
    if (r.ok()) {
      Check(r->start <= r->end && r->end - r->start <= 31 * 86400);
    } else {
      const ApiErrorKind kind = ApiErrorKindOf(r.error().code);
      Check(ErrorInfo(kind).http_status == 400);
      Check(nlohmann::json::accept(ErrorBody(kind, r.error().description)));
    }
  }
}

void CheckHeaders(std::string_view value) {
  (void)PreferGzip(value);
  (void)IfNoneMatchMatches(value, {"\"abc\"", "\"abc-gzip\""});
  if (const auto t = ParseHttpDate(value)) {
    // What we parse, we can print, and it reads back the same.
    char out[kImfFixdateLength];
    FormatImfFixdate(*t, out);
    Check(ParseHttpDate(std::string_view(out, sizeof out)) == t);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const TargetParts parts = SplitTarget(input);
  CheckRoute(parts.path);
  CheckQuery(parts.query);
  CheckHeaders(input);
  return 0;
}

// Query-string parsing for the few routes that read parameters
// (RouteInfo::takes_query: metrica/domainLists, §6.11, and the incident
// list's optional startDate/endDate filters). Other
// routes ignore the query entirely, so cache-busting parameters never fail.
//
// Rules (docs/api-server.md "Query strings"): application/x-www-form-urlencoded
// ('+' is a space, %XX escapes); parameter order is irrelevant (§10.3);
// bounded total length, count, key and value length; a malformed escape, an
// escaped NUL, an empty key or a DUPLICATE key is an error (a repeated key
// would make "which one counts" ambiguous between proxies and us). Pure.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"


namespace tldmon::http {

struct QueryLimits {
  std::size_t max_bytes = 2048;  // raw query string
  std::size_t max_params = 16;
  std::size_t max_key_bytes = 64;    // decoded
  std::size_t max_value_bytes = 256; // decoded
};

struct QueryParam {
  std::string key;
  std::string value;
};

enum class QueryErrorKind { kTooLong, kTooManyParams, kKeyTooLong, kValueTooLong, kBadEscape,
                            kEmptyKey, kDuplicateKey };

struct QueryError {
  QueryErrorKind kind;
  std::string key;  // the parameter concerned (decoded), if any
};

class QueryParams {
 public:
  // Value of `key`, if present (keys are case-sensitive).
  std::optional<std::string_view> Get(std::string_view key) const;
  const std::vector<QueryParam>& params() const { return params_; }

 private:
  friend Result<QueryParams, QueryError> ParseQuery(std::string_view, const QueryLimits&);
  std::vector<QueryParam> params_;
};

// Parses `raw` (without the '?'): the parameters, or the first rule broken.
Result<QueryParams, QueryError> ParseQuery(std::string_view raw, const QueryLimits& limits);

std::string Describe(const QueryError& error);

}  // namespace tldmon::http

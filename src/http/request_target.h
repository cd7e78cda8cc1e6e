// The request-target of a request line (RFC 9112 §3.2), split into the path
// that mounts and routers match and the query they may parse. Pure.
#pragma once

#include <string_view>

namespace tldmon::http {

// Splits a request-target into path and query (without '?'). Absolute-form
// ("http://host/p?q", RFC 9112 §3.2.2) is reduced to its path; a fragment is
// dropped.
struct TargetParts {
  std::string_view path;
  std::string_view query;
};
TargetParts SplitTarget(std::string_view target);

}  // namespace tldmon::http

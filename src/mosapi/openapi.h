// /openapi.json: the OpenAPI 3.1 description of the whole API. The source of
// truth is docs/openapi.json, compiled into the library at build time
// (openapi.cmake) and served byte for byte. openapi_document_test.cc checks
// it against the router (every route with its methods, every documented path
// routable) and the conformance goldens against its schemas;
// openapi_live_test.cc holds a live server's answers against it.
#pragma once

#include <string_view>

#include "core/time.h"

namespace tldmon::mosapi {

// The embedded docs/openapi.json. Static storage; thread-safe.
std::string_view OpenApiDocument();
// When docs/openapi.json last changed before the build (its Last-Modified).
UnixSeconds OpenApiLastModified();

}  // namespace tldmon::mosapi

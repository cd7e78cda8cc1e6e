// /openapi.json: the OpenAPI 3.1 description of the whole API. The source of
// truth is docs/openapi.json, compiled into the library at build time
// (openapi.cmake) and served byte for byte. openapi_document_test.cc checks
// it against the router (every route with its methods, every documented path
// routable) and the conformance goldens against its schemas.
#pragma once

#include <string>
#include <string_view>

namespace tldmon::api {

// The embedded docs/openapi.json. Static storage; thread-safe.
std::string_view OpenApiDocument();

// A copy of OpenApiDocument(), the form ApiHandler builds its Representation
// from.
inline std::string BuildOpenApiDocument() { return std::string(OpenApiDocument()); }

}  // namespace tldmon::api

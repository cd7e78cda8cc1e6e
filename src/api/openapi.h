// /openapi.json: an OpenAPI 3.1 description generated from the route table
// (route.h), so it cannot drift from what the router accepts.
#pragma once

#include <string>

namespace tldmon::api {

std::string BuildOpenApiDocument();

}  // namespace tldmon::api

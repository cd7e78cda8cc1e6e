#include "api/openapi.h"

namespace tldmon::api {

std::string_view OpenApiDocument() {
  static constexpr std::string_view kDocument =
#include "api/openapi_json.inc"
      ;
  return kDocument;
}

}  // namespace tldmon::api

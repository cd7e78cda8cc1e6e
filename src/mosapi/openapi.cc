#include "mosapi/openapi.h"

namespace tldmon::mosapi {

std::string_view OpenApiDocument() {
  static constexpr std::string_view kDocument =
#include "mosapi/openapi_json.inc"
      ;
  return kDocument;
}

UnixSeconds OpenApiLastModified() {
  return
#include "mosapi/openapi_mtime.inc"
      ;
}

}  // namespace tldmon::mosapi

#include "mosapi/mosapi_reply.h"

#include <utility>

#include "mosapi/router.h"

namespace tldmon::mosapi {

void SetDocument(Response& response, std::shared_ptr<const Representation> document) {
  response.SetRepresentation(std::move(document));
  response.AddHeader("Cache-Control", kMosapiCacheControl);
}

void SetJsonDocument(Response& response, std::string body, UnixSeconds last_modified) {
  SetDocument(response, Representation::FromString(std::move(body), last_modified));
}

void SetNotFound(Response& response, const Route& route) {
  std::string path;
  AppendCanonicalPath(route, path);
  SetError(response, ApiErrorKind::kNotFound, path);
}

void SetStoreError(Response& response, const Route& route, const Status& status) {
  if (status.code() == StatusCode::kNotFound) {
    SetNotFound(response, route);
    return;
  }
  // The code only: a database message may name files or queries.
  SetError(response, ApiErrorKind::kInternal, StatusCodeName(status.code()));
}

}  // namespace tldmon::mosapi

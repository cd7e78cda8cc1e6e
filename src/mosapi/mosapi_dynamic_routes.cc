#include "mosapi/mosapi_dynamic_routes.h"

#include "mosapi/mosapi_reply.h"

namespace tldmon::mosapi {

MosapiDynamicRoutes::MosapiDynamicRoutes(store::Store& store,
                                         const documents::DocumentStore& documents,
                                         const Clock& clock, MosapiDynamicOptions options)
    : config_(store, clock, options.config_refresh_seconds),
      slam_(store, documents, clock, config_, options.measurement_cache),
      admin_(store, clock, config_) {}

void MosapiDynamicRoutes::Serve(const RouteRequest& rr, Response& response) {
  if (SlamDataRoutes::Handles(rr.route.kind)) return slam_.Serve(rr, response);
  if (AdminDataRoutes::Handles(rr.route.kind)) return admin_.Serve(rr, response);
  SetNotFound(response, rr.route);
}

}  // namespace tldmon::mosapi

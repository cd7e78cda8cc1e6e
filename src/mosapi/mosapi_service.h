// MosapiService: the MoSAPI API assembled (mosapi-api.md §2–§7, §10) — the
// one object `tldmon serve` constructs and hands to an HttpServer:
//
//   auto service = std::make_unique<api::MosapiService>(store, documents,
//                                                       authenticator, clock);
//   auto server = api::HttpServer::Start(config, service->handler(), clock);
//   // every minute: service->Sweep();
//
// It owns the pieces behind the ApiHandler's seams:
//   DocumentSource   EngineDocumentSource over the DocumentStore the
//                    CyclePipeline publishes into (state, alarmed, downtime,
//                    incident documents)
//   AccessControl    MosapiAccessControl over the Authenticator (login,
//                    logout, session cookies, allow-lists, roles, 401/403/429)
//   DynamicRoutes    MosapiDynamicRoutes over the Store (filtered incident
//                    lists, recent measurements and measurement objects
//                    rebuilt and cached, METRICA, registrars' RDAP base URLs,
//                    maintenance windows, probe nodes)
//
// Contract:
// * References: `store`, `documents`, `authenticator` and `clock` must
//   outlive the service; the service must outlive the HttpServer using
//   handler(). The service never mutates the engine or the DocumentStore; it
//   writes to the Store only maintenance schedules (admin's keyed records).
// * The Authenticator's configuration (entities, accounts) is the caller's:
//   restore it from auth::AccessRepository before serving. Sessions live in
//   the Authenticator's memory.
// * Time comes only from `clock` (dates of METRICA defaults, "not yet ended"
//   maintenance windows, config refresh, session expiry via the Authenticator).
// * Thread-safe: handler() may be called from every server worker at once;
//   Sweep() and AppendMetrics() from any thread.
#pragma once

#include <cstddef>
#include <string>

#include "auth/authenticator.h"
#include "core/clock.h"
#include "documents/document_store.h"
#include "mosapi/api_handler.h"
#include "mosapi/engine_document_source.h"
#include "mosapi/mosapi_access_control.h"
#include "mosapi/mosapi_dynamic_routes.h"
#include "store/store.h"

namespace tldmon::mosapi {

struct MosapiServiceOptions {
  // Query limits, and the /metrics text (e.g. HttpServer::AppendMetrics). When
  // `handler.metrics` is set, the service appends its own tldmon_mosapi_*
  // families after it; when unset, /metrics stays 404.
  ApiHandlerOptions handler;
  MosapiDynamicOptions dynamic;
  // TLS client certificate matching (DANE/TLSA); empty = not offered.
  MosapiAccessControl::CertificateGrants certificate_grants;
};

class MosapiService {
 public:
  MosapiService(store::Store& store, const documents::DocumentStore& documents,
                auth::Authenticator& authenticator, const Clock& clock,
                MosapiServiceOptions options = {});
  MosapiService(const MosapiService&) = delete;
  MosapiService& operator=(const MosapiService&) = delete;

  // The RequestHandler to serve (HttpServer::Start).
  RequestHandler& handler() { return handler_; }

  // Periodic housekeeping (about once a minute): purges expired sessions and
  // rate-limit windows. Returns the number of sessions purged.
  std::size_t Sweep() { return access_.Sweep(); }

  // Prometheus text of the service's own figures: live sessions and the
  // measurement cache (entries, bytes, hits, misses).
  void AppendMetrics(std::string& out) const;

 private:
  static ApiHandlerOptions HandlerOptions(MosapiServiceOptions& options, const MosapiService* self);

  auth::Authenticator& authenticator_;
  EngineDocumentSource documents_;
  MosapiAccessControl access_;
  MosapiDynamicRoutes dynamic_;
  ApiHandler handler_;
};

}  // namespace tldmon::mosapi

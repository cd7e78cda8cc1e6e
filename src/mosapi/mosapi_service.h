// MosapiService: the MoSAPI API assembled (mosapi-api.md §2–§7, §10) — the
// one object `tldmon serve` constructs and hands to an HttpServer:
//
//   auto service = std::make_unique<mosapi::MosapiService>(store, documents,
//                                                          authenticator, clock);
//   service->mounts().Add("/probe/v1/", ...);   // further mounts, before Start
//   auto server = http::HttpServer::Start(config, service->handler(), clock);
//   // every minute: service->Sweep();
//
// handler() is a MountTable (src/http): MoSAPI at /ry/ and /rr/ (its own
// authentication, the slow-request pool for password checks) and as the
// fallback for every other path and for server-detected errors (one error
// format); the operations handler at /healthz, /openapi.json and /metrics
// (the latter for MosapiServiceOptions::metrics_access sources only).
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
#include <memory>
#include <string>

#include "auth/authenticator.h"
#include "core/clock.h"
#include "documents/document_store.h"
#include "http/mount_table.h"
#include "http/operations_handler.h"
#include "mosapi/api_handler.h"
#include "mosapi/engine_document_source.h"
#include "mosapi/mosapi_access_control.h"
#include "mosapi/mosapi_dynamic_routes.h"
#include "store/store.h"

namespace tldmon::mosapi {

struct MosapiServiceOptions {
  ApiHandlerOptions handler;
  // The /metrics text (e.g. HttpServer::AppendMetrics). When set, the service
  // appends its own tldmon_mosapi_* families after it; when unset, /metrics
  // is 404.
  std::function<void(std::string&)> metrics;
  // The /healthz body; null: {"status":"ok"}.
  std::function<std::string()> health;
  // Who may read /metrics (403 for others); null: everyone.
  std::function<bool(const PeerAddress&)> metrics_access;
  MosapiDynamicOptions dynamic;
  // TLS client certificate matching (DANE/TLSA); empty = not offered.
  MosapiAccessControl::CertificateGrants certificate_grants;
  // Requests in flight per client certificate before 429; 0 = no limit.
  int max_requests_per_certificate = 4;
};

class MosapiService {
 public:
  MosapiService(store::Store& store, const documents::DocumentStore& documents,
                auth::Authenticator& authenticator, const Clock& clock,
                MosapiServiceOptions options = {});
  MosapiService(const MosapiService&) = delete;
  MosapiService& operator=(const MosapiService&) = delete;

  // The RequestHandler to serve (HttpServer::Start): the mount table.
  RequestHandler& handler() { return mounts_; }
  // For further mounts (probe ingest, dashboard); only before the server
  // starts.
  http::MountTable& mounts() { return mounts_; }

  // Periodic housekeeping (about once a minute): purges expired sessions and
  // rate-limit windows. Returns the number of sessions purged.
  std::size_t Sweep() { return access_.Sweep(); }

  // An ApiHandler over this service's documents and dynamic routes that
  // asks `access` instead of the MoSAPI sessions and certificates: the
  // dashboard's view of MoSAPI under its own session (web/dashboard_mosapi.h).
  // `access` must outlive the handler, and the handler this service.
  std::unique_ptr<ApiHandler> HandlerWith(AccessControl& access, const Clock& clock) {
    return std::make_unique<ApiHandler>(access, documents_, &dynamic_, clock);
  }

  // Prometheus text of the service's own figures: live sessions and the
  // measurement cache (entries, bytes, hits, misses).
  void AppendMetrics(std::string& out) const;

 private:
  auth::Authenticator& authenticator_;
  EngineDocumentSource documents_;
  MosapiAccessControl access_;
  MosapiDynamicRoutes dynamic_;
  ApiHandler handler_;
  http::OperationsHandler operations_;
  http::MountTable mounts_{handler_};
};

}  // namespace tldmon::mosapi

// ApiRuntime: the MoSAPI API of `tldmon serve` and `tldmon demo` — an
// mosapi::MosapiService over the store, the DocumentStore the engine loop
// publishes into and an auth::Authenticator restored from the store, behind
// an http::HttpServer on the configured endpoints (docs/configuration.md,
// docs/api-server.md).
//
// Start() also:
//   * generates a self-signed certificate into <data>/tls/ (server.crt,
//     server.key) on first start when an HTTPS endpoint is configured and
//     [tls] names no files (api/self_signed_certificate.h);
//   * writes <data>/serve.json with the bound endpoints (the real port when
//     :0 was asked) — for scripts and tests — and removes it on Shutdown.
//
// Ownership: references to the store, DocumentStore and clock must outlive
// the runtime. Thread-safe: ReloadAccess and Sweep may be called from the
// engine loop's thread while requests are served.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "admin/admin_api.h"
#include "alerts/tlsa_alerts.h"
#include "app/engine_loop.h"
#include "app/serve_config.h"
#include "auth/authenticator.h"
#include "core/clock.h"
#include "core/status.h"
#include "dane/dane_authority.h"
#include "dane/tlsa_cache.h"
#include "dane/tlsa_refresher.h"
#include "dane/unbound_tlsa_resolver.h"
#include "documents/document_store.h"
#include "http/http_server.h"
#include "mosapi/mosapi_service.h"
#include "probeapi/ingest_sink.h"
#include "probeapi/probe_ingest_handler.h"
#include "rri/rri_handler.h"
#include "store/store.h"
#include "web/dashboard_auth.h"
#include "web/dashboard_handler.h"
#include "web/dashboard_mosapi.h"

namespace tldmon::app {

struct ServedEndpoint {
  std::string url;  // listen_address.h EndpointUrl
  std::string address;
  std::uint16_t port = 0;
  bool tls = false;
};

class ApiRuntime {
 public:
  // `config.server.endpoints` must not be empty (the command supplies its
  // default). `shared_sessions`, a PostgreSQL conninfo, keeps MoSAPI
  // sessions and lockouts there for every host (auth/shared_session_store.h);
  // empty: in this process. Fails, serving nothing, when an endpoint cannot be bound, the
  // TLS files are unusable or the access configuration does not load.
  static Result<std::unique_ptr<ApiRuntime>> Start(store::Store& store,
                                                   const documents::DocumentStore& documents,
                                                   const Clock& clock, const ServeConfig& config,
                                                   const std::string& data_dir,
                                                   probeapi::IngestSink* probe_sink = nullptr,
                                                   EngineLoop* engine = nullptr,
                                                   const std::string& shared_sessions = {});
  ~ApiRuntime();  // Shutdown()
  ApiRuntime(const ApiRuntime&) = delete;
  ApiRuntime& operator=(const ApiRuntime&) = delete;

  // Re-reads accounts, allow-lists, roles and TLS access entries from the
  // store (after `tldmon admin` changed them). Sessions of unchanged
  // accounts survive; new TLSA owner names are looked up at once.
  Status ReloadAccess();
  // The TLSA cache's names and states (for /metrics and <data>/tlsa-status.json).
  std::vector<dane::TlsaNameStatus> TlsaStatus() const;
  // Every TLS access entry's owner name with its entity and TLSA state (the
  // TLSA alerts' input, alerts/tlsa_alerts.h).
  std::vector<alerts::TlsaOwnerStatus> TlsaOwners() const;
  // Session and rate-limit housekeeping; call about once a minute.
  void Sweep();
  // The engine-loop hooks `serve` and `demo` share: ReloadAccess after an
  // admin change (errors are logged, the old configuration stays), Sweep at
  // most once a minute by `clock`.
  EngineLoopHooks LoopHooks(const Clock& clock);

  // More /metrics lines (the alert channels', the cluster's), appended in
  // the order added.
  void AddMetrics(std::function<void(std::string&)> append);
  // The /healthz body (the cluster's role and lag); default {"status":"ok"}.
  void SetHealth(std::function<std::string()> body);

  const std::vector<ServedEndpoint>& endpoints() const { return endpoints_; }
  // The PEM certificate HTTPS clients can trust (curl --cacert): absolute
  // path; empty without an HTTPS endpoint.
  const std::string& certificate_file() const { return certificate_file_; }
  bool self_signed() const { return self_signed_; }
  // The admin API's token file; empty when [admin_api] is off.
  const std::string& admin_token_file() const { return admin_token_file_; }

  // Graceful: stop accepting, finish requests in flight within
  // [server] shutdown_grace_ms, then close; returns when every worker ended.
  // Idempotent.
  void Shutdown();

 private:
  ApiRuntime() = default;

  // DANE/TLSA client certificates: the cache the refresher fills and the
  // authority requests read; the resolver exists once it could be made
  // (a missing trust anchor is an error only when entries exist).
  Status EnsureRefresher();
  // /ui/ and / (docs/dashboard.md); `engine` runs its changes.
  Status MountDashboard(const ServeConfig& config, const documents::DocumentStore& documents,
                        EngineLoop* engine);
  // /admin/v1/ (docs/admin-api.md), with the token made on first start.
  Status MountAdminApi(const ServeConfig::AdminApi& config, const std::string& data_dir);
  void WriteTlsaStatus() const;

  store::Store* store_ = nullptr;
  const Clock* clock_ = nullptr;
  std::string serve_json_;
  std::string tlsa_status_json_;
  ServeConfig::TlsClientAuth client_auth_;
  std::unique_ptr<dane::TlsaCache> tlsa_cache_;
  std::unique_ptr<dane::DaneAuthority> dane_;
  std::unique_ptr<dane::UnboundTlsaResolver> tlsa_resolver_;
  std::unique_ptr<dane::TlsaRefresher> tlsa_refresher_;
  std::set<std::string> tlsa_names_;
  std::unique_ptr<auth::Authenticator> authenticator_;
  std::unique_ptr<mosapi::MosapiService> service_;
  // /probe/v1/ (serve only: the demo's probes are simulated).
  std::unique_ptr<probeapi::ProbeIngestHandler> probe_ingest_;
  std::unique_ptr<admin::AdminApiHandler> admin_api_;
  std::unique_ptr<rri::RriHandler> rri_;
  std::unique_ptr<web::DashboardAuth> dashboard_auth_;
  std::unique_ptr<web::DashboardHandler> dashboard_;
  std::unique_ptr<web::DashboardMosapi> dashboard_mosapi_;
  std::string admin_token_file_;
  std::unique_ptr<http::HttpServer> server_;
  std::atomic<http::HttpServer*> metrics_server_{nullptr};
  std::mutex extra_metrics_mu_;
  std::vector<std::function<void(std::string&)>> extra_metrics_;  // guarded by extra_metrics_mu_
  std::function<std::string()> health_;                           // guarded by extra_metrics_mu_
  std::vector<ServedEndpoint> endpoints_;
  std::string certificate_file_;
  bool self_signed_ = false;
};

}  // namespace tldmon::app

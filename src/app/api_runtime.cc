#include "app/api_runtime.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>

#include "app/admin_api_token.h"
#include "app/admin_context.h"
#include "app/data_dir.h"
#include "app/file_lock.h"
#include "app/listen_address.h"
#include "auth/access_repository.h"
#include "auth/ip_prefix.h"
#include "auth/shared_lockout_ledger.h"
#include "auth/shared_session_store.h"
#include "dane/tls_access.h"
#include "dane/tlsa_status.h"
#include "http/self_signed_certificate.h"
#include "rri/accredited_registrars.h"

namespace tldmon::app {
namespace {

// A mount's or endpoint's source test: the peer is in `allow`.
std::function<bool(const http::PeerAddress&)> AdmitsPeer(std::vector<auth::IpPrefix> allow) {
  return [allow = std::move(allow)](const http::PeerAddress& peer) {
    const auto source = auth::IpAddress::Parse(peer.text);
    return source.ok() && auth::AllowListPermits(allow, *source);
  };
}

}  // namespace

Result<std::unique_ptr<ApiRuntime>> ApiRuntime::Start(
    store::Store& store, const documents::DocumentStore& documents, const Clock& clock,
    const ServeConfig& config, const std::string& data_dir, probeapi::IngestSink* probe_sink,
    EngineLoop* engine, const std::string& shared_sessions) {
  if (config.server.endpoints.empty()) return InvalidArgument("no endpoint to listen on");
  std::unique_ptr<ApiRuntime> rt(new ApiRuntime());
  rt->store_ = &store;
  rt->clock_ = &clock;
  rt->client_auth_ = config.tls_client_auth;
  rt->tlsa_status_json_ = data_dir + "/tlsa-status.json";
  rt->tlsa_cache_ = std::make_unique<dane::TlsaCache>(config.tls_client_auth.cache);
  rt->dane_ = std::make_unique<dane::DaneAuthority>(
      *rt->tlsa_cache_, clock, config.tls_client_auth.key_policy, config.tls_client_auth.triples);

  http::ServerConfig server = config.server;
  bool any_tls = false;
  for (const http::ListenEndpoint& e : server.endpoints) any_tls = any_tls || e.tls;
  if (any_tls && server.tls.certificate_file.empty()) {
    const std::filesystem::path dir =
        (std::filesystem::absolute(data_dir) / "tls").lexically_normal();
    const bool existed = FileExists((dir / "server.crt").string());
    auto files = http::EnsureSelfSignedCertificate(dir, clock.Now());
    if (!files.ok()) return files.status();
    if (!existed) spdlog::info("generated a self-signed certificate in {}", dir.string());
    server.tls.certificate_file = files->certificate.string();
    server.tls.private_key_file = files->private_key.string();
    rt->self_signed_ = true;
  }
  if (any_tls)
    rt->certificate_file_ =
        std::filesystem::absolute(server.tls.certificate_file).lexically_normal().string();

  auth::AuthStateStores auth_state;
  if (!shared_sessions.empty()) {
    auto sessions = auth::SharedSessionStore::Open(shared_sessions, config.auth.session_lifetime,
                                                   config.auth.max_sessions_per_account);
    if (!sessions.ok()) return sessions.status();
    auth_state.sessions = std::move(*sessions);
    auto lockouts = auth::SharedLockoutLedger::Open(shared_sessions);
    if (!lockouts.ok()) return lockouts.status();
    auth_state.lockouts = std::move(*lockouts);
  }
  auto authenticator = auth::Authenticator::Create(clock, config.auth, std::move(auth_state));
  if (!authenticator.ok()) return authenticator.status();
  rt->authenticator_ = std::move(*authenticator);
  if (config.dashboard.enabled) {
    web::DashboardAuthOptions dashboard;
    dashboard.operator_allow = config.dashboard.operator_allow;
    dashboard.session_lifetime = static_cast<UnixSeconds>(config.dashboard.session_minutes) * 60;
    rt->dashboard_auth_ =
        std::make_unique<web::DashboardAuth>(*rt->authenticator_, clock, std::move(dashboard));
  }
  TLDMON_RETURN_IF_ERROR(rt->ReloadAccess());

  mosapi::MosapiServiceOptions options;
  // /metrics: the server's own figures, then the service's.
  options.metrics = [self = rt.get()](std::string& out) {
    if (const http::HttpServer* s = self->metrics_server_.load(std::memory_order_acquire))
      s->AppendMetrics(out);
    if (self->probe_ingest_ != nullptr) self->probe_ingest_->AppendMetrics(out);
    dane::AppendTlsaMetrics(self->TlsaStatus(), self->clock_->Now(), out);
    std::lock_guard lock(self->extra_metrics_mu_);
    for (const auto& append : self->extra_metrics_) append(out);
  };
  options.health = [self = rt.get()] {
    std::lock_guard lock(self->extra_metrics_mu_);
    return self->health_ ? self->health_() : std::string(R"({"status":"ok"})");
  };
  // Requests read the TLSA cache only (no DNS on the request path).
  options.certificate_grants = [dane = rt->dane_.get()](const EntityId& entity,
                                                        const http::PeerCertificate& c) {
    return dane->Grants(entity, c);
  };
  options.max_requests_per_certificate = config.tls_client_auth.max_requests_per_certificate;
  // Operational counters are for the operator's scraper, not for clients.
  options.metrics_access = AdmitsPeer(config.metrics_allow);
  // Configuration edits by `tldmon admin` reach the dynamic routes within one tick.
  options.dynamic.config_refresh_seconds = std::max<UnixSeconds>(
      1, std::chrono::duration_cast<std::chrono::seconds>(config.tick).count());
  rt->service_ = std::make_unique<mosapi::MosapiService>(store, documents, *rt->authenticator_,
                                                         clock, std::move(options));

  if (probe_sink != nullptr) {
    probeapi::ProbeIngestOptions probe_options;
    probe_options.retention_seconds =
        static_cast<UnixSeconds>(config.storage.retention_days) * 86400;
    rt->probe_ingest_ =
        std::make_unique<probeapi::ProbeIngestHandler>(&store, probe_sink, &clock, probe_options);
    http::MountPolicy policy;
    policy.authentication = http::MountAuthentication::kHandler;  // probe tokens
    policy.max_body_bytes = 16u << 20;                            // gzip batches
    policy.slow_pool = true;  // store writes and the wait for the engine thread
    rt->service_->mounts().Add("/probe/v1/", *rt->probe_ingest_, policy);
  }
  {
    // The RRI (docs/rri.md) at ICANN's own paths, so a client changes only
    // its base URL.
    rri::RriHandlerOptions rri_options;
    rri_options.certificate_grants = [dane = rt->dane_.get()](const EntityId& entity,
                                                              const http::PeerCertificate& c) {
      return dane->Grants(entity, c);
    };
    rri_options.accredited_registrars = [&store] {
      Result<std::vector<std::int64_t>> ids = rri::AccreditedRegistrarIds(store);
      if (!ids.ok()) spdlog::warn("rri: accredited registrars: {}", ids.status().message());
      return ids.ok() ? std::move(*ids) : std::vector<std::int64_t>();
    };
    rt->rri_ = std::make_unique<rri::RriHandler>(*rt->authenticator_, clock, store,
                                                 std::move(rri_options));
    http::MountPolicy policy;
    policy.authentication = http::MountAuthentication::kHandler;  // Basic or certificate
    policy.max_body_bytes = rri::kMaxUploadBytes;
    policy.slow_pool = true;  // Argon2id on every request, validation and store writes
    for (const char* prefix : {"/report/", "/info/"})
      if (!rt->service_->mounts().Add(prefix, *rt->rri_, policy))
        return Internal(std::string(prefix) + " is mounted twice");
  }
  if (config.admin_api.enabled)
    TLDMON_RETURN_IF_ERROR(rt->MountAdminApi(config.admin_api, data_dir));
  if (config.dashboard.enabled)
    TLDMON_RETURN_IF_ERROR(rt->MountDashboard(config, documents, engine));
  auto started = http::HttpServer::Start(server, rt->service_->handler(), clock);
  if (!started.ok()) return started.status();
  rt->server_ = std::move(*started);
  rt->metrics_server_.store(rt->server_.get(), std::memory_order_release);

  nlohmann::json eps = nlohmann::json::array();
  for (const http::HttpServer::BoundEndpoint& b : rt->server_->endpoints()) {
    ServedEndpoint e{EndpointUrl(b.address, b.port, b.tls), b.address, b.port, b.tls};
    eps.push_back({{"url", e.url}, {"address", e.address}, {"port", e.port}, {"tls", e.tls}});
    rt->endpoints_.push_back(std::move(e));
  }
  const nlohmann::json info = {{"pid", static_cast<long>(::getpid())},
                               {"started", FormatIso8601(clock.Now())},
                               {"endpoints", eps},
                               {"certificate", rt->certificate_file_},
                               {"selfSigned", rt->self_signed_}};
  rt->serve_json_ = data_dir + "/serve.json";
  if (Status s = WriteFileAtomically(rt->serve_json_, info.dump(2) + "\n"); !s.ok()) return s;
  return rt;
}

ApiRuntime::~ApiRuntime() { Shutdown(); }

Status ApiRuntime::MountDashboard(const ServeConfig& config,
                                  const documents::DocumentStore& documents, EngineLoop* engine) {
  auto params = store_->LoadSlaParams();
  if (!params.ok()) return params.status();
  auto sla = ApplySlaOverrides(*params, config);
  if (!sla.ok()) return sla.status();
  web::DashboardActions actions;
  if (engine != nullptr) {
    actions.set_false_positive = [engine, clock = clock_](
                                     const EntityId& entity, Service service,
                                     const std::string& incident_id, bool on,
                                     const std::string& who) -> Result<std::string> {
      nlohmann::json out;
      Status s = engine->Change([&](ingest::CyclePipeline& pipeline) -> Status {
        auto change =
            pipeline.SetFalsePositive(entity, service, incident_id, on, who, clock->Now());
        if (!change.ok()) return change.status();
        const engine::ServiceSummary summary = pipeline.engine().Summarize(entity, service);
        out = {{"incidentID", change->incident.Id()},
               {"falsePositive", change->incident.false_positive},
               {"downtime", summary.downtime_minutes},
               {"emergencyThreshold", summary.emergency_threshold}};
        return Status::Ok();
      });
      if (!s.ok()) return s;
      return out.dump();
    };
  }
  if (probe_ingest_ != nullptr) {
    actions.probe_deliveries = [ingest = probe_ingest_.get()] {
      std::map<std::string, web::ProbeDelivery> out;
      for (const auto& [name, st] : ingest->Deliveries())
        out[name] = {st.last_push, st.newest_cycle, st.outbox_depth};
      return out;
    };
  }
  dashboard_ = std::make_unique<web::DashboardHandler>(
      *dashboard_auth_, *store_, documents, std::move(sla).value(), *clock_, std::move(actions));
  http::MountPolicy policy;
  policy.authentication = http::MountAuthentication::kHandler;  // its own sessions
  policy.slow_pool = true;  // logins (Argon2id) and changes (the engine lock)
  for (const char* prefix : {"/ui/", "/ui", "/"})
    if (!service_->mounts().Add(prefix, *dashboard_, policy))
      return Internal(std::string(prefix) + " is mounted twice");
  dashboard_mosapi_ =
      std::make_unique<web::DashboardMosapi>(*dashboard_auth_, *authenticator_, *service_, *clock_);
  if (!service_->mounts().Add(std::string(web::kDashboardMosapiPrefix) + "/", *dashboard_mosapi_,
                              policy))
    return Internal("/ui/mosapi/ is mounted twice");
  return Status::Ok();
}

Status ApiRuntime::MountAdminApi(const ServeConfig::AdminApi& config, const std::string& data_dir) {
  admin_token_file_ =
      std::filesystem::absolute(config.token_file.empty() ? DefaultAdminTokenPath(data_dir)
                                                          : config.token_file)
          .lexically_normal()
          .string();
  auto token = LoadOrCreateAdminToken(admin_token_file_);
  if (!token.ok()) return token.status();
  admin::AdminApiOptions options;
  options.token = std::move(token).value();
  // The CLI's lock: an edit waits for the engine's tick or another admin change.
  options.lock_for_change = [lock = EngineLockPath(data_dir)]() -> Result<std::shared_ptr<void>> {
    auto held = FileLock::Acquire(lock, std::chrono::seconds(10));
    if (!held.ok())
      return Unavailable("the configuration is being changed by someone else (" + lock +
                         " is held); try again");
    return std::static_pointer_cast<void>(std::make_shared<FileLock>(std::move(held).value()));
  };
  options.tlsa_states = [this] {
    std::map<std::string, dane::TlsaNameStatus> states;
    for (dane::TlsaNameStatus& s : TlsaStatus()) states.emplace(s.name, std::move(s));
    return states;
  };
  admin_api_ = std::make_unique<admin::AdminApiHandler>(*store_, std::move(options));
  http::MountPolicy policy;
  policy.authentication = http::MountAuthentication::kSourceAddress;
  policy.source_allowed = AdmitsPeer(config.allow);
  policy.slow_pool = true;  // edits wait for <data>/engine.lock
  if (!service_->mounts().Add("/admin/v1/", *admin_api_, policy))
    return Internal("/admin/v1/ is mounted twice");
  return Status::Ok();
}

Status ApiRuntime::ReloadAccess() {
  auto snapshot = auth::AccessRepository(*store_).Load();
  if (!snapshot.ok()) return snapshot.status();
  TLDMON_RETURN_IF_ERROR(authenticator_->Restore(*snapshot));
  spdlog::debug("access: {} entities, {} accounts", snapshot->entities.size(),
                snapshot->accounts.size());
  if (dashboard_auth_ != nullptr) {
    auto operators = web::LoadOperators(*store_);
    if (!operators.ok()) return operators.status();
    dashboard_auth_->SetOperators(std::move(operators).value());
  }
  auto table = dane::TlsAccessRepository(*store_).Load();
  if (!table.ok()) return table.status();
  dane_->SetTable(std::move(table).value());
  std::set<std::string> names = dane_->Names();
  if (names != tlsa_names_) {
    // Without a resolver the names stay "unseen", so the next reload tries again.
    if (!names.empty()) TLDMON_RETURN_IF_ERROR(EnsureRefresher());
    tlsa_names_ = std::move(names);
    spdlog::info("dane: {} TLSA owner names configured", tlsa_names_.size());
    if (tlsa_refresher_ != nullptr) tlsa_refresher_->Trigger();
  }
  return Status::Ok();
}

Status ApiRuntime::EnsureRefresher() {
  if (tlsa_refresher_ != nullptr) return Status::Ok();
  auto resolver = dane::UnboundTlsaResolver::Create(client_auth_.lookups);
  if (!resolver.ok()) {
    return InvalidArgument("TLS client authentication: " + resolver.status().message() +
                           " ([tls_client_auth] trust_anchor_file, docs/configuration.md)");
  }
  tlsa_resolver_ = std::move(resolver).value();
  tlsa_refresher_ = std::make_unique<dane::TlsaRefresher>(
      *tlsa_resolver_, *tlsa_cache_, *clock_, [this] { return dane_->Names(); },
      std::chrono::seconds(client_auth_.cache.refresh_seconds),
      [this](const dane::RefreshRound&) { WriteTlsaStatus(); });
  tlsa_refresher_->Start();
  return Status::Ok();
}

std::vector<dane::TlsaNameStatus> ApiRuntime::TlsaStatus() const {
  return tlsa_cache_ ? tlsa_cache_->Status(clock_->Now()) : std::vector<dane::TlsaNameStatus>{};
}

void ApiRuntime::WriteTlsaStatus() const {
  const std::string text = dane::TlsaStatusJson(TlsaStatus(), clock_->Now());
  if (Status s = WriteFileAtomically(tlsa_status_json_, text); !s.ok())
    spdlog::warn("dane: {}", s.ToString());
}

void ApiRuntime::Sweep() {
  if (service_ != nullptr) service_->Sweep();
  if (dashboard_auth_ != nullptr) dashboard_auth_->Sweep();
}

std::vector<alerts::TlsaOwnerStatus> ApiRuntime::TlsaOwners() const {
  std::vector<alerts::TlsaOwnerStatus> out;
  if (dane_ == nullptr) return out;
  std::map<std::string, dane::TlsaNameStatus> by_name;
  for (dane::TlsaNameStatus& s : TlsaStatus()) by_name.emplace(s.name, std::move(s));
  for (const auto& [entity, name] : dane_->Owners()) {
    alerts::TlsaOwnerStatus o{entity, name, dane::TlsaState::kError, 0, 0, ""};
    if (auto it = by_name.find(name); it != by_name.end()) {
      o.state = it->second.state;
      o.records = it->second.records;
      o.fetched_at = it->second.fetched_at;
      o.why = it->second.why;
    }
    out.push_back(std::move(o));
  }
  return out;
}

void ApiRuntime::AddMetrics(std::function<void(std::string&)> append) {
  std::lock_guard lock(extra_metrics_mu_);
  extra_metrics_.push_back(std::move(append));
}

void ApiRuntime::SetHealth(std::function<std::string()> body) {
  std::lock_guard lock(extra_metrics_mu_);
  health_ = std::move(body);
}

EngineLoopHooks ApiRuntime::LoopHooks(const Clock& clock) {
  EngineLoopHooks hooks;
  hooks.on_change = [this] {
    if (Status s = ReloadAccess(); !s.ok()) spdlog::error("access: {}", s.ToString());
  };
  hooks.on_tick = [this, &clock, last_sweep = clock.Now()]() mutable {
    if (clock.Now() - last_sweep < 60) return;
    last_sweep = clock.Now();
    Sweep();
  };
  return hooks;
}

void ApiRuntime::Shutdown() {
  if (tlsa_refresher_ != nullptr) tlsa_refresher_->Stop();
  if (server_ == nullptr) return;
  server_->Shutdown();
  server_->Wait();
  metrics_server_.store(nullptr, std::memory_order_release);
  server_.reset();
  std::error_code ec;
  if (!serve_json_.empty()) std::filesystem::remove(serve_json_, ec);
}

}  // namespace tldmon::app

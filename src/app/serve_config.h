// The configuration file of `tldmon serve` and `tldmon demo` (`--config
// FILE`, TOML; every key and default in docs/configuration.md). Sections:
//   [server]  listen addresses, worker threads, every http::ServerLimits bound
//   [tls]     certificate and key files (default: a self-signed pair
//             generated into <data>/tls/ on first start)
//   [auth]    every auth::AuthLimits field (sessions, rate limits, lockout,
//             accept_basic_on_data, Argon2id cost)
//   [sla]     any engine::SlaParams key ("dns.min_online" = 20, or nested
//             [sla.dns] min_online = 20)
//   [engine]  how often the engine thread ticks, the pipeline's grace period
//   [storage] the retention period of raw probe data (store/storage_schedule.h)
//   [store]   the PostgreSQL store of several hosts (url, password_file,
//             lease_seconds); absent: SQLite in the data directory
//   [tls_client_auth] DANE/TLSA client certificates (dane-client-auth.md):
//             the validating lookups (trust anchor, forwarder or stub
//             zones), refresh and grace, key policy, TLSA triples, and
//             requests in flight per certificate
// An unknown section or key, or a value of the wrong type or range, is an
// error naming it: a typo must not silently leave a default in force.
//
// Pure (the file is read by LoadServeConfig only) and thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "alerts/channel_config.h"
#include "auth/auth_limits.h"
#include "auth/ip_prefix.h"
#include "core/status.h"
#include "dane/dane_match.h"
#include "dane/key_policy.h"
#include "dane/tlsa_cache.h"
#include "dane/unbound_tlsa_resolver.h"
#include "engine/alert_tracker.h"
#include "engine/sla_params.h"
#include "http/server_config.h"
#include "store/storage_schedule.h"

namespace tldmon::app {

struct ServeConfig {
  // Endpoints from [server] https/http; the command line replaces them.
  // Empty here means "the command's default" (https://127.0.0.1:8443).
  http::ServerConfig server;
  // [tls]: empty = generate/reuse <data>/tls/server.{crt,key}.
  // Relative paths in the file are relative to the file's directory.
  auth::AuthLimits auth;
  // [sla] as (key, value text) pairs in file order, checked with
  // SlaParams::Set when parsed; applied to the store's parameters at start.
  std::vector<std::pair<std::string, std::string>> sla;
  // [server] metrics_allow: the sources that may read /metrics (parsed, so
  // a bad prefix fails the file). Default: loopback only.
  std::vector<auth::IpPrefix> metrics_allow;
  // [engine]
  std::chrono::milliseconds tick{5000};  // tick_seconds: ProcessDue cadence
  int grace_seconds = 120;               // PipelineOptions::grace_seconds
  // catch_up_seconds: the catch-up window (ingest/delivery_tracker.h); 0 = off
  int catch_up_seconds = 900;
  // [storage]
  store::StorageScheduleOptions storage;  // retention_days (default 90)
  // [store] (docs/operations.md "Several hosts"): where the data lives.
  struct Store {
    // Empty: SQLite in the data directory. "postgresql://..." (or a libpq
    // key=value string): PostgreSQL, shared by several serve hosts. Never
    // with a password in it; --store on the command line overrides.
    std::string url;
    // A file holding the database password (its first line), read at
    // start; libpq's PGPASSFILE works too. Relative to the config file.
    std::string password_file;
    int lease_seconds = 15;  // the engine leader lease's ttl (leader_elector.h)
  } store;
  // [tls_client_auth]
  struct TlsClientAuth {
    dane::UnboundOptions lookups;  // trust_anchor_file, forward, stub_zones, max_lookups_in_flight
    dane::TlsaCacheOptions cache;  // refresh_seconds, max_grace_seconds
    dane::KeyPolicy key_policy;    // min_rsa_bits, ec_curves, signature_hashes, check_validity
    dane::TlsaTriples triples = dane::TlsaTriples::Default();  // tlsa_triples
    int max_requests_per_certificate = 4;
  } tls_client_auth;
  // [admin_api] the operator's HTTP admin API at /admin/v1/ (docs/admin-api.md)
  struct AdminApi {
    bool enabled = true;
    std::vector<auth::IpPrefix> allow;  // default loopback only
    std::string token_file;             // empty: <data>/admin-api.token, made at first start
  } admin_api;

  // [dashboard] (docs/dashboard.md): the operator dashboard under /ui/.
  struct Dashboard {
    bool enabled = true;
    std::vector<auth::IpPrefix> operator_allow;  // default loopback only
    int session_minutes = 480;
  } dashboard;

  // [alerts] (docs/alerts.md): the alert rules the cycle pipeline applies,
  // and the channels that deliver the events ([[alerts.channel]]).
  struct Alerts {
    bool enabled = true;
    engine::AlertRules
        rules;  // budget_steps, slr_risk_percent, probe_offline_minutes, hold_down_minutes
    std::string public_url;       // links in payloads ("https://tldmon.example"); empty: paths
    int retry_max_seconds = 300;  // the cap of a failing channel's back-off (it starts at 1 s)
    // Checked (CheckChannel) and with their secret and password files read
    // by LoadServeConfig; ParseServeConfig checks all but those.
    std::vector<alerts::ChannelConfig> channels;
  } alerts;
};

// Parses the text of a config file; `path` names it in messages and anchors
// relative TLS paths. InvalidArgument on any problem.
Result<ServeConfig> ParseServeConfig(std::string_view text, const std::string& path);

// Reads and parses `path`, then reads the alert channels' secret and
// password files (an unreadable or empty one is an error naming it) and
// checks each channel fully; an empty path gives the defaults.
Result<ServeConfig> LoadServeConfig(const std::string& path);

// OK for "" (SQLite), a postgresql:// URL or a libpq key=value string
// without a password in it.
Status CheckStoreUrl(std::string_view url);

// The store's parameters with the [sla] overrides applied, validated.
Result<engine::SlaParams> ApplySlaOverrides(engine::SlaParams params, const ServeConfig& config);

}  // namespace tldmon::app

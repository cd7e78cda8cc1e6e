#include "app/serve_config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "app/data_dir.h"
#include "app/listen_address.h"
#include "app/toml_section.h"

namespace tldmon::app {
namespace {

constexpr std::int64_t kMaxMs = std::int64_t{24} * 3600 * 1000;

std::chrono::milliseconds Ms(std::int64_t v) { return std::chrono::milliseconds(v); }

Status ReadServer(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "server", path);
  std::optional<std::vector<std::string>> https, http;
  TLDMON_RETURN_IF_ERROR(s.Strings("https", &https));
  TLDMON_RETURN_IF_ERROR(s.Strings("http", &http));
  std::optional<std::vector<std::string>> metrics_allow;
  TLDMON_RETURN_IF_ERROR(s.Strings("metrics_allow", &metrics_allow));
  auto metrics_prefixes =
      auth::ParseAllowList(metrics_allow.value_or(std::vector<std::string>{"127.0.0.0/8", "::1"}));
  if (!metrics_prefixes.ok()) return s.Bad("metrics_allow", metrics_prefixes.status().message());
  c->metrics_allow = std::move(*metrics_prefixes);
  for (const auto& [list, tls] : {std::pair{&https, true}, std::pair{&http, false}}) {
    if (!*list) continue;
    for (const std::string& text : **list) {
      auto e = ParseListenAddress(text, tls);
      if (!e.ok()) return s.Bad(tls ? "https" : "http", e.status().message());
      c->server.endpoints.push_back(*e);
    }
  }
  http::ServerLimits& l = c->server.limits;
  TLDMON_RETURN_IF_ERROR(s.Int(
      "threads", 0, 256, [&](std::int64_t v) { c->server.threads = static_cast<std::size_t>(v); }));
  TLDMON_RETURN_IF_ERROR(s.Int("slow_threads", 0, 256, [&](std::int64_t v) {
    c->server.slow_threads = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_slow_requests", 1, 100'000, [&](std::int64_t v) {
    l.max_slow_requests = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_slow_requests_per_key", 1, 100'000, [&](std::int64_t v) {
    l.max_slow_requests_per_key = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_header_bytes", 1024, 1 << 20, [&](std::int64_t v) {
    l.max_header_bytes = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_target_bytes", 256, 1 << 20, [&](std::int64_t v) {
    l.max_target_bytes = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_body_bytes", 0, std::int64_t{64} << 20, [&](std::int64_t v) {
    l.max_body_bytes = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(
      s.Int("read_timeout_ms", 10, kMaxMs, [&](std::int64_t v) { l.read_timeout = Ms(v); }));
  TLDMON_RETURN_IF_ERROR(
      s.Int("write_timeout_ms", 10, kMaxMs, [&](std::int64_t v) { l.write_timeout = Ms(v); }));
  TLDMON_RETURN_IF_ERROR(
      s.Int("idle_timeout_ms", 10, kMaxMs, [&](std::int64_t v) { l.idle_timeout = Ms(v); }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_connections", 1, 1'000'000, [&](std::int64_t v) {
    l.max_connections = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(
      s.Int("shutdown_grace_ms", 0, kMaxMs, [&](std::int64_t v) { l.shutdown_grace = Ms(v); }));
  if (l.max_target_bytes > l.max_header_bytes)
    return s.Bad("max_target_bytes", "must not exceed max_header_bytes");
  return s.Finish();
}

Status ReadTls(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "tls", path);
  http::TlsSettings& tls = c->server.tls;
  TLDMON_RETURN_IF_ERROR(s.String("certificate", &tls.certificate_file));
  TLDMON_RETURN_IF_ERROR(s.String("private_key", &tls.private_key_file));
  TLDMON_RETURN_IF_ERROR(s.Bool("request_client_certificate", &tls.request_client_certificate));
  std::string min_version = "1.2";
  TLDMON_RETURN_IF_ERROR(s.String("min_version", &min_version));
  if (min_version != "1.2" && min_version != "1.3")
    return s.Bad("min_version", "must be \"1.2\" or \"1.3\"");
  tls.min_version = min_version == "1.3" ? 13 : 12;
  if (tls.certificate_file.empty() != tls.private_key_file.empty())
    return s.Bad(tls.certificate_file.empty() ? "certificate" : "private_key",
                 "is missing: give both certificate and private_key, or neither");
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  for (std::string* f : {&tls.certificate_file, &tls.private_key_file})
    if (!f->empty() && std::filesystem::path(*f).is_relative()) *f = (base / *f).string();
  return s.Finish();
}

Status ReadAuth(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "auth", path);
  auth::AuthLimits& a = c->auth;
  constexpr std::int64_t kDay = 86400;
  TLDMON_RETURN_IF_ERROR(s.Int("session_lifetime_seconds", 1, 7 * kDay,
                               [&](std::int64_t v) { a.session_lifetime = v; }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_sessions_per_account", 1, 1000, [&](std::int64_t v) {
    a.max_sessions_per_account = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_logins_per_account", 1, 1'000'000, [&](std::int64_t v) {
    a.max_logins_per_account = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_logins_per_source", 1, 1'000'000, [&](std::int64_t v) {
    a.max_logins_per_source = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_unknown_cookies_per_source", 1, 1'000'000, [&](std::int64_t v) {
    a.max_unknown_cookies_per_source = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(
      s.Int("login_window_seconds", 1, kDay, [&](std::int64_t v) { a.login_window = v; }));
  TLDMON_RETURN_IF_ERROR(s.Int("source_ipv6_prefix_length", 1, 128, [&](std::int64_t v) {
    a.source_ipv6_prefix_length = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_tracked_sources", 1, 100'000'000, [&](std::int64_t v) {
    a.max_tracked_sources = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("lockout_after_failures", 1, 1'000'000, [&](std::int64_t v) {
    a.lockout_after_failures = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(
      s.Int("lockout_base_seconds", 1, kDay, [&](std::int64_t v) { a.lockout_base = v; }));
  TLDMON_RETURN_IF_ERROR(
      s.Int("lockout_max_seconds", 1, 30 * kDay, [&](std::int64_t v) { a.lockout_max = v; }));
  TLDMON_RETURN_IF_ERROR(s.Bool("accept_basic_on_data", &a.accept_basic_on_data));
  TLDMON_RETURN_IF_ERROR(s.Int("argon2_opslimit", 1, 1000, [&](std::int64_t v) {
    a.pwhash.opslimit = static_cast<std::uint64_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(
      s.Int("argon2_memlimit_kib", 8, std::int64_t{4} << 30,
            [&](std::int64_t v) { a.pwhash.memlimit = static_cast<std::size_t>(v) * 1024; }));
  if (Status st = a.Validate(); !st.ok()) return InvalidArgument(path + ": [auth] " + st.message());
  return s.Finish();
}

// [sla] keys are SlaParams keys; nested tables join with '.', so
// [sla.dns] min_online = 20 is "dns.min_online".
Status ReadSla(const toml::table& t, const std::string& prefix, const std::string& path,
               engine::SlaParams* probe, ServeConfig* c) {
  for (const auto& [k, node] : t) {
    const std::string key = prefix + std::string(k.str());
    if (const toml::table* sub = node.as_table()) {
      TLDMON_RETURN_IF_ERROR(ReadSla(*sub, key + ".", path, probe, c));
      continue;
    }
    std::string text;
    if (auto i = node.value_exact<std::int64_t>()) {
      text = std::to_string(*i);
    } else if (auto d = node.value_exact<double>()) {
      text = fmt::format("{}", *d);
    } else {
      return InvalidArgument(fmt::format("{}: [sla] {} must be a number", path, key));
    }
    if (Status s = probe->Set(key, text); !s.ok())
      return InvalidArgument(fmt::format("{}: [sla] {}", path, s.message()));
    c->sla.emplace_back(key, text);
  }
  return Status::Ok();
}

Status ReadEngine(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "engine", path);
  TLDMON_RETURN_IF_ERROR(
      s.Int("tick_seconds", 1, 300, [&](std::int64_t v) { c->tick = std::chrono::seconds(v); }));
  TLDMON_RETURN_IF_ERROR(s.Int("grace_seconds", 0, 3600,
                               [&](std::int64_t v) { c->grace_seconds = static_cast<int>(v); }));
  TLDMON_RETURN_IF_ERROR(s.Int("catch_up_seconds", 0, 86400,
                               [&](std::int64_t v) { c->catch_up_seconds = static_cast<int>(v); }));
  return s.Finish();
}

Status ReadStorage(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "storage", path);
  // Up to a century; 0 = keep raw probe data for ever.
  TLDMON_RETURN_IF_ERROR(s.Int("retention_days", 0, 36500, [&](std::int64_t v) {
    c->storage.retention_days = static_cast<int>(v);
  }));
  return s.Finish();
}

Status ReadStore(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "store", path);
  TLDMON_RETURN_IF_ERROR(s.String("url", &c->store.url));
  TLDMON_RETURN_IF_ERROR(s.String("password_file", &c->store.password_file));
  if (!c->store.password_file.empty() &&
      std::filesystem::path(c->store.password_file).is_relative())
    c->store.password_file =
        (std::filesystem::path(path).parent_path() / c->store.password_file).string();
  TLDMON_RETURN_IF_ERROR(s.Int("lease_seconds", 3, 600, [&](std::int64_t v) {
    c->store.lease_seconds = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Finish());
  if (Status ok = CheckStoreUrl(c->store.url); !ok.ok())
    return InvalidArgument(path + ": [store] url: " + ok.message());
  return Status::Ok();
}

Status ReadTlsClientAuth(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "tls_client_auth", path);
  ServeConfig::TlsClientAuth& a = c->tls_client_auth;
  TLDMON_RETURN_IF_ERROR(s.String("trust_anchor_file", &a.lookups.trust_anchor_file));
  if (std::filesystem::path(a.lookups.trust_anchor_file).is_relative())
    a.lookups.trust_anchor_file =
        (std::filesystem::path(path).parent_path() / a.lookups.trust_anchor_file).string();
  TLDMON_RETURN_IF_ERROR(s.String("forward", &a.lookups.forward));
  std::optional<std::vector<std::string>> stubs, curves, hashes, triples;
  TLDMON_RETURN_IF_ERROR(s.Strings("stub_zones", &stubs));
  for (const std::string& stub : stubs.value_or(std::vector<std::string>{})) {
    const std::size_t eq = stub.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == stub.size())
      return s.Bad("stub_zones", "entries are \"zone=address[@port]\", got \"" + stub + "\"");
    a.lookups.stubs.emplace_back(stub.substr(0, eq), stub.substr(eq + 1));
  }
  TLDMON_RETURN_IF_ERROR(s.Int("max_lookups_in_flight", 1, 1000, [&](std::int64_t v) {
    a.lookups.max_in_flight = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("refresh_seconds", 5, 3600, [&](std::int64_t v) {
    a.cache.refresh_seconds = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_grace_seconds", 0, 86400, [&](std::int64_t v) {
    a.cache.max_grace_seconds = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_requests_per_certificate", 0, 10000, [&](std::int64_t v) {
    a.max_requests_per_certificate = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("min_rsa_bits", 1024, 16384, [&](std::int64_t v) {
    a.key_policy.min_rsa_bits = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Bool("check_validity", &a.key_policy.check_validity));
  TLDMON_RETURN_IF_ERROR(s.Strings("ec_curves", &curves));
  if (curves) a.key_policy.ec_groups = {curves->begin(), curves->end()};
  TLDMON_RETURN_IF_ERROR(s.Strings("signature_hashes", &hashes));
  if (hashes) a.key_policy.signature_hashes = {hashes->begin(), hashes->end()};
  TLDMON_RETURN_IF_ERROR(s.Strings("tlsa_triples", &triples));
  if (triples) {
    auto parsed = dane::TlsaTriples::Parse(*triples);
    if (!parsed.ok()) return s.Bad("tlsa_triples", parsed.status().message());
    a.triples = *parsed;
  }
  return s.Finish();
}

// A source allow-list key of an operator's endpoint: loopback only unless set.
Status ReadLoopbackDefaultAllowList(TomlSection& s, const char* key,
                                    std::vector<auth::IpPrefix>* out) {
  std::optional<std::vector<std::string>> allow;
  TLDMON_RETURN_IF_ERROR(s.Strings(key, &allow));
  auto prefixes =
      auth::ParseAllowList(allow.value_or(std::vector<std::string>{"127.0.0.0/8", "::1"}));
  if (!prefixes.ok()) return s.Bad(key, prefixes.status().message());
  *out = std::move(*prefixes);
  return Status::Ok();
}

Status ReadAdminApi(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "admin_api", path);
  ServeConfig::AdminApi& a = c->admin_api;
  TLDMON_RETURN_IF_ERROR(s.Bool("enabled", &a.enabled));
  TLDMON_RETURN_IF_ERROR(ReadLoopbackDefaultAllowList(s, "allow", &a.allow));
  TLDMON_RETURN_IF_ERROR(s.String("token_file", &a.token_file));
  if (!a.token_file.empty() && std::filesystem::path(a.token_file).is_relative())
    a.token_file = (std::filesystem::path(path).parent_path() / a.token_file).string();
  return s.Finish();
}

Status ReadDashboard(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "dashboard", path);
  ServeConfig::Dashboard& d = c->dashboard;
  TLDMON_RETURN_IF_ERROR(s.Bool("enabled", &d.enabled));
  TLDMON_RETURN_IF_ERROR(ReadLoopbackDefaultAllowList(s, "operator_allow", &d.operator_allow));
  TLDMON_RETURN_IF_ERROR(s.Int("session_minutes", 5, 7 * 24 * 60,
                               [&](std::int64_t v) { d.session_minutes = static_cast<int>(v); }));
  return s.Finish();
}

// One [[alerts.channel]] table; paths relative to the file's directory.
Status ReadAlertChannel(const toml::table* t, std::size_t index, const std::string& path,
                        std::vector<alerts::ChannelConfig>* out) {
  TomlSection s(t, fmt::format("alerts.channel #{}", index + 1), path);
  alerts::ChannelConfig c;
  std::string type;
  TLDMON_RETURN_IF_ERROR(s.String("name", &c.name));
  if (c.name.empty()) return s.Bad("name", "is missing (the channel's name in logs and metrics)");
  TLDMON_RETURN_IF_ERROR(s.String("type", &type));
  if (type.empty()) return s.Bad("type", "is missing (webhook, alertmanager or email)");
  const auto parsed = alerts::ParseChannelType(type);
  if (!parsed) return s.Bad("type", "must be webhook, alertmanager or email, got '" + type + "'");
  c.type = *parsed;
  TLDMON_RETURN_IF_ERROR(s.String("url", &c.url));
  TLDMON_RETURN_IF_ERROR(s.String("ca_file", &c.ca_file));
  TLDMON_RETURN_IF_ERROR(s.Int("timeout_seconds", 1, 300,
                               [&](std::int64_t v) { c.timeout_seconds = static_cast<int>(v); }));
  const bool webhook = c.type == alerts::ChannelType::kWebhook;
  const bool am = c.type == alerts::ChannelType::kAlertmanager;
  const bool mail = c.type == alerts::ChannelType::kEmail;
  // Keys of another type are unknown keys for this one (Finish names them).
  if (webhook) TLDMON_RETURN_IF_ERROR(s.String("secret_file", &c.secret_file));
  if (am)
    TLDMON_RETURN_IF_ERROR(s.Int("resend_seconds", 10, 3600,
                                 [&](std::int64_t v) { c.resend_seconds = static_cast<int>(v); }));
  if (mail) {
    TLDMON_RETURN_IF_ERROR(s.String("from", &c.from));
    std::optional<std::vector<std::string>> to;
    TLDMON_RETURN_IF_ERROR(s.Strings("to", &to));
    if (to) c.to = std::move(*to);
    TLDMON_RETURN_IF_ERROR(s.Bool("starttls", &c.starttls));
    TLDMON_RETURN_IF_ERROR(s.String("username", &c.username));
    TLDMON_RETURN_IF_ERROR(s.String("password_file", &c.password_file));
    TLDMON_RETURN_IF_ERROR(s.Bool("digest", &c.digest));
  }
  TLDMON_RETURN_IF_ERROR(s.Finish());
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  for (std::string* f : {&c.ca_file, &c.secret_file, &c.password_file})
    if (!f->empty() && std::filesystem::path(*f).is_relative()) *f = (base / *f).string();
  if (Status ok = alerts::CheckChannel(c, /*secrets_read=*/false); !ok.ok())
    return InvalidArgument(path + ": " + ok.message());
  for (const alerts::ChannelConfig& other : *out)
    if (other.name == c.name)
      return InvalidArgument(fmt::format("{}: two alert channels are named '{}'", path, c.name));
  out->push_back(std::move(c));
  return Status::Ok();
}

Status ReadAlerts(const toml::table* t, const std::string& path, ServeConfig* c) {
  TomlSection s(t, "alerts", path);
  ServeConfig::Alerts& a = c->alerts;
  TLDMON_RETURN_IF_ERROR(s.Bool("enabled", &a.enabled));
  std::optional<std::vector<std::int64_t>> steps;
  TLDMON_RETURN_IF_ERROR(s.Ints("budget_steps", 1, 1000, &steps));
  if (steps) {
    std::sort(steps->begin(), steps->end());
    if (std::adjacent_find(steps->begin(), steps->end()) != steps->end())
      return s.Bad("budget_steps", "must not repeat a value");
    a.rules.budget_steps.assign(steps->begin(), steps->end());
  }
  TLDMON_RETURN_IF_ERROR(s.Int("slr_risk_percent", 1, 100, [&](std::int64_t v) {
    a.rules.slr_risk_percent = static_cast<int>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("probe_offline_minutes", 1, 7 * 24 * 60, [&](std::int64_t v) {
    a.rules.probe_offline_seconds = static_cast<int>(v * 60);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("hold_down_minutes", 0, 24 * 60, [&](std::int64_t v) {
    a.rules.hold_down_seconds = static_cast<int>(v * 60);
  }));
  TLDMON_RETURN_IF_ERROR(s.String("public_url", &a.public_url));
  if (!a.public_url.empty()) {
    auto url = alerts::ParseChannelUrl(a.public_url);
    if (!url.ok() || (url->scheme != "http" && url->scheme != "https"))
      return s.Bad("public_url", "must be an http:// or https:// URL, got '" + a.public_url + "'");
  }
  TLDMON_RETURN_IF_ERROR(s.Int("retry_max_seconds", 1, 3600,
                               [&](std::int64_t v) { a.retry_max_seconds = static_cast<int>(v); }));
  std::vector<const toml::table*> channels;
  TLDMON_RETURN_IF_ERROR(s.Tables("channel", &channels));
  for (std::size_t i = 0; i < channels.size(); ++i)
    TLDMON_RETURN_IF_ERROR(ReadAlertChannel(channels[i], i, path, &a.channels));
  return s.Finish();
}

}  // namespace

Result<ServeConfig> ParseServeConfig(std::string_view text, const std::string& path) {
  auto parsed = ParseTomlSections(text, path,
                                  {"server", "tls", "auth", "sla", "engine", "storage", "store",
                                   "tls_client_auth", "admin_api", "dashboard", "alerts"});
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  ServeConfig c;
  Status error;
  const toml::table* server = SubTable(root, "server", &error, path);
  const toml::table* tls = SubTable(root, "tls", &error, path);
  const toml::table* auth = SubTable(root, "auth", &error, path);
  const toml::table* sla = SubTable(root, "sla", &error, path);
  const toml::table* eng = SubTable(root, "engine", &error, path);
  const toml::table* storage = SubTable(root, "storage", &error, path);
  const toml::table* store_table = SubTable(root, "store", &error, path);
  const toml::table* client_auth = SubTable(root, "tls_client_auth", &error, path);
  const toml::table* admin_api = SubTable(root, "admin_api", &error, path);
  const toml::table* dashboard = SubTable(root, "dashboard", &error, path);
  const toml::table* alerts = SubTable(root, "alerts", &error, path);
  TLDMON_RETURN_IF_ERROR(error);
  TLDMON_RETURN_IF_ERROR(ReadServer(server, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadTls(tls, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadAuth(auth, path, &c));
  if (sla != nullptr) {
    engine::SlaParams probe = engine::SlaParams::Defaults();
    TLDMON_RETURN_IF_ERROR(ReadSla(*sla, "", path, &probe, &c));
  }
  TLDMON_RETURN_IF_ERROR(ReadEngine(eng, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadStorage(storage, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadStore(store_table, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadTlsClientAuth(client_auth, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadAdminApi(admin_api, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadDashboard(dashboard, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadAlerts(alerts, path, &c));
  return c;
}

Result<ServeConfig> LoadServeConfig(const std::string& path) {
  // No file: the defaults of an empty file, so that every default (such as
  // metrics_allow's loopback) is applied in one place, the parser.
  if (path.empty()) return ParseServeConfig("", "(defaults)");
  auto text = ReadWholeFile(path);
  if (!text.ok()) return InvalidArgument("cannot read config file " + path);
  auto config = ParseServeConfig(*text, path);
  if (!config.ok()) return config.status();
  for (alerts::ChannelConfig& c : config->alerts.channels) {
    if (Status s = alerts::ReadChannelSecrets(&c); !s.ok())
      return InvalidArgument(path + ": " + s.message());
    if (Status s = alerts::CheckChannel(c); !s.ok())
      return InvalidArgument(path + ": " + s.message());
  }
  return config;
}

Status CheckStoreUrl(std::string_view url) {
  if (url.empty()) return Status::Ok();
  const bool uri = url.starts_with("postgresql://") || url.starts_with("postgres://");
  if (!uri && url.find('=') == std::string_view::npos)
    return InvalidArgument("'" + std::string(url) +
                           "' is neither a postgresql:// URL nor a libpq key=value string");
  // A password in the URL would show in ps, shell history and the config
  // file's backups (issue 13): password_file or PGPASSFILE instead.
  bool has_password = url.find("password=") != std::string_view::npos;
  if (uri) {
    const std::string_view rest = url.substr(url.find("://") + 3);
    const std::size_t at = rest.find('@');
    const std::size_t slash = rest.find('/');
    if (at != std::string_view::npos && (slash == std::string_view::npos || at < slash) &&
        rest.substr(0, at).find(':') != std::string_view::npos)
      has_password = true;
  }
  if (has_password)
    return InvalidArgument(
        "holds a password; put it in a file named by [store] password_file, or in PGPASSFILE");
  return Status::Ok();
}

Result<engine::SlaParams> ApplySlaOverrides(engine::SlaParams params, const ServeConfig& config) {
  for (const auto& [key, value] : config.sla) TLDMON_RETURN_IF_ERROR(params.Set(key, value));
  if (Status s = params.Validate(); !s.ok())
    return InvalidArgument("[sla] gives invalid SLA parameters: " + s.message());
  return params;
}

}  // namespace tldmon::app

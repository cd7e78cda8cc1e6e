#include "app/probe_config.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <filesystem>
#include <set>

#include "app/data_dir.h"
#include "app/toml_section.h"
#include "probe/dns_endpoint.h"

namespace tldmon::app {
namespace {

std::string RelativeTo(const std::string& file, const std::string& value) {
  if (value.empty() || std::filesystem::path(value).is_absolute()) return value;
  const auto dir = std::filesystem::path(file).parent_path();
  return dir.empty() ? value : (dir / value).string();
}

Status ReadProbe(const toml::table* t, const std::string& path, ProbeNodeConfig* c) {
  TomlSection s(t, "probe", path);
  probe::AgentOptions& a = c->agent;
  TLDMON_RETURN_IF_ERROR(s.String("name", &a.name));
  TLDMON_RETURN_IF_ERROR(s.String("central_url", &a.central.base_url));
  TLDMON_RETURN_IF_ERROR(s.String("token_file", &c->token_file));
  TLDMON_RETURN_IF_ERROR(s.String("ca_file", &a.central.ca_file));
  TLDMON_RETURN_IF_ERROR(s.String("data", &a.data_dir));
  c->token_file = RelativeTo(path, c->token_file);
  a.central.ca_file = RelativeTo(path, a.central.ca_file);
  a.data_dir = RelativeTo(path, a.data_dir);
  TLDMON_RETURN_IF_ERROR(s.Int("config_poll_seconds", 5, 3600, [&](std::int64_t v) {
    a.config_poll = std::chrono::seconds(v);
  }));
  return s.Finish();
}

Status ReadDns(const toml::table* t, const std::string& path, ProbeNodeConfig* c) {
  TomlSection s(t, "dns", path);
  probe::AgentOptions& a = c->agent;
  std::string resolver;
  TLDMON_RETURN_IF_ERROR(s.String("resolver", &resolver));
  if (!resolver.empty()) {
    auto e = probe::ParseDnsEndpoint(resolver);
    if (!e.ok()) return s.Bad("resolver", e.status().message());
    a.resolver = *e;
  }
  TLDMON_RETURN_IF_ERROR(s.Bool("ipv4", &a.ipv4));
  TLDMON_RETURN_IF_ERROR(s.Bool("ipv6", &a.ipv6));
  TLDMON_RETURN_IF_ERROR(s.Int("max_in_flight", 1, 100'000, [&](std::int64_t v) {
    a.max_in_flight = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("name_server_port", 1, 65535, [&](std::int64_t v) {
    a.name_server_port = static_cast<std::uint16_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("rdds43_port", 1, 65535, [&](std::int64_t v) {
    a.rdds43_port = static_cast<std::uint16_t>(v);
  }));
  return s.Finish();
}

Status ReadOnline(const toml::table* t, const std::string& path, ProbeNodeConfig* c) {
  TomlSection s(t, "online", path);
  probe::AgentOptions& a = c->agent;
  std::optional<std::vector<std::string>> roots;
  TLDMON_RETURN_IF_ERROR(s.Strings("root_servers", &roots));
  if (roots) {
    a.root_servers.clear();
    for (const std::string& text : *roots) {
      auto e = probe::ParseDnsEndpoint(text);
      if (!e.ok()) return s.Bad("root_servers", e.status().message());
      a.root_servers.push_back(*e);
    }
  }
  TLDMON_RETURN_IF_ERROR(
      s.Int("min_servers", 1, 100, [&](std::int64_t v) { a.online_min_servers = static_cast<int>(v); }));
  TLDMON_RETURN_IF_ERROR(
      s.Int("reply_ms", 1, 3000, [&](std::int64_t v) { a.online_reply_ms = static_cast<int>(v); }));
  return s.Finish();
}

Status ReadOutbox(const toml::table* t, const std::string& path, ProbeNodeConfig* c) {
  TomlSection s(t, "outbox", path);
  probe::AgentOptions& a = c->agent;
  TLDMON_RETURN_IF_ERROR(s.Int("max_age_days", 1, 366, [&](std::int64_t v) {
    a.outbox_max_age_seconds = v * 24 * 3600;
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("max_rows", 0, 1'000'000'000, [&](std::int64_t v) {
    a.outbox_max_rows = static_cast<std::size_t>(v);
  }));
  TLDMON_RETURN_IF_ERROR(s.Int("batch_items", 1, 100'000, [&](std::int64_t v) {
    a.push_batch_items = static_cast<std::size_t>(v);
  }));
  return s.Finish();
}

}  // namespace

Result<ProbeNodeConfig> ParseProbeNodeConfig(std::string_view text, const std::string& path) {
  auto parsed = ParseTomlSections(text, path, {"probe", "dns", "online", "outbox"});
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  ProbeNodeConfig c;
  // The defaults a node without a file gets: the resolver on the host.
  c.agent.resolver = *probe::ParseDnsEndpoint("127.0.0.1");
  Status error;
  const toml::table* probe_t = SubTable(root, "probe", &error, path);
  const toml::table* dns_t = SubTable(root, "dns", &error, path);
  const toml::table* online_t = SubTable(root, "online", &error, path);
  const toml::table* outbox_t = SubTable(root, "outbox", &error, path);
  TLDMON_RETURN_IF_ERROR(error);
  TLDMON_RETURN_IF_ERROR(ReadProbe(probe_t, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadDns(dns_t, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadOnline(online_t, path, &c));
  TLDMON_RETURN_IF_ERROR(ReadOutbox(outbox_t, path, &c));
  if (!c.agent.ipv4 && !c.agent.ipv6) {
    return InvalidArgument(path + ": [dns] ipv4 and ipv6 are both false: nothing can be tested");
  }
  return c;
}

Result<ProbeNodeConfig> LoadProbeNodeConfig(const std::string& path) {
  if (path.empty()) return ParseProbeNodeConfig("", "(defaults)");
  auto text = ReadWholeFile(path);
  if (!text.ok()) return InvalidArgument("cannot read config file " + path);
  return ParseProbeNodeConfig(*text, path);
}

Result<std::string> ResolveProbeToken(const std::string& token_file, const char* env_token) {
  if (env_token != nullptr && *env_token != '\0') return std::string(env_token);
  if (token_file.empty()) {
    return InvalidArgument(
        "no probe token: set [probe] token_file (or --token-file) or TLDMON_PROBE_TOKEN "
        "(`tldmon admin probe add NAME` printed it; `tldmon admin probe token NAME` makes a new one)");
  }
  auto text = ReadWholeFile(token_file);
  if (!text.ok()) return InvalidArgument("cannot read the probe token file " + token_file);
  std::string token = text->substr(0, text->find_first_of("\r\n"));
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.pop_back();
  if (token.empty()) return InvalidArgument("the probe token file " + token_file + " is empty");
  return token;
}

Status ValidateProbeNodeConfig(const ProbeNodeConfig& config, bool check_token) {
  const probe::AgentOptions& a = config.agent;
  if (a.name.empty()) return InvalidArgument("no probe name: set [probe] name or --name");
  const std::string& url = a.central.base_url;
  if (url.empty()) {
    return InvalidArgument("no central server: set [probe] central_url or --central (https://HOST:PORT)");
  }
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
    return InvalidArgument("central URL '" + url + "' must start with https:// or http://");
  }
  if (a.data_dir.empty()) return InvalidArgument("no data directory: set [probe] data or --data");
  if (check_token && a.central.token.empty()) return InvalidArgument("no probe token");
  return Status::Ok();
}

}  // namespace tldmon::app

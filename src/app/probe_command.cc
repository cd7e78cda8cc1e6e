#include "app/probe_command.h"

#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "app/probe_config.h"
#include "app/stop_signal.h"
#include "app/terminal_text.h"
#include "core/clock.h"
#include "probe/agent.h"
#include "probe/outbox.h"
#include "probe/pusher.h"

namespace tldmon::app {
namespace {

struct ProbeArgs {
  std::string config;
  std::string name;
  std::string central;
  std::string token_file;
  std::string ca_file;
  std::string data;
  std::string resolver;
  bool no_ipv4 = false;
  bool no_ipv6 = false;
  std::string log_level = "info";
};

int RunProbe(const ProbeArgs& args) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("probe"));
  spdlog::set_level(spdlog::level::from_str(args.log_level));
  auto loaded = LoadProbeNodeConfig(args.config);
  if (!loaded.ok()) {
    std::cerr << "tldmon probe: " << EscapeControlBytes(loaded.status().message()) << "\n";
    return 2;
  }
  ProbeNodeConfig c = std::move(*loaded);
  probe::AgentOptions& a = c.agent;
  if (!args.name.empty()) a.name = args.name;
  if (!args.central.empty()) a.central.base_url = args.central;
  if (!args.token_file.empty()) c.token_file = args.token_file;
  if (!args.ca_file.empty()) a.central.ca_file = args.ca_file;
  if (!args.data.empty()) a.data_dir = args.data;
  if (!args.resolver.empty()) {
    auto e = probe::ParseDnsEndpoint(args.resolver);
    if (!e.ok()) {
      std::cerr << "tldmon probe: --resolver: " << EscapeControlBytes(e.status().message()) << "\n";
      return 2;
    }
    a.resolver = *e;
  }
  if (args.no_ipv4) a.ipv4 = false;
  if (args.no_ipv6) a.ipv6 = false;
  if (!a.ipv4 && !a.ipv6) {
    std::cerr << "tldmon probe: IPv4 and IPv6 are both off: nothing can be tested\n";
    return 2;
  }
  // Name, URL and data first: a newcomer's first run should hear of those.
  if (Status s = ValidateProbeNodeConfig(c, /*check_token=*/false); !s.ok()) {
    std::cerr << "tldmon probe: " << EscapeControlBytes(s.message()) << "\n";
    return 2;
  }
  auto token = ResolveProbeToken(c.token_file, std::getenv("TLDMON_PROBE_TOKEN"));
  if (!token.ok()) {
    std::cerr << "tldmon probe: " << EscapeControlBytes(token.status().message()) << "\n";
    return 2;
  }
  a.central.token = *token;
  if (Status s = ValidateProbeNodeConfig(c); !s.ok()) {
    std::cerr << "tldmon probe: " << EscapeControlBytes(s.message()) << "\n";
    return 2;
  }
  InstallStopHandlers();
  SystemClock clock;
  Status s = probe::RunAgent(a, clock, [] { return StopRequested(); });
  if (!s.ok()) {
    std::cerr << "tldmon probe: " << EscapeControlBytes(s.message()) << "\n";
    return 1;
  }
  return 0;
}

bool IsTimeName(std::string_view name) {
  return name.ends_with("time") || name.ends_with(".last") || name.ends_with("minute");
}

// "1764800000" -> "2025-12-03T22:13:20Z"; other text unchanged.
std::string Shown(std::string_view name, const std::string& value) {
  if (!IsTimeName(name)) return value;
  UnixSeconds t = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t);
  if (ec != std::errc{} || end != value.data() + value.size()) return value;
  return FormatIso8601(t);
}

int RunStatus(const std::string& data, bool json) {
  auto outbox = probe::Outbox::Open(probe::Outbox::PathIn(data), {.read_only = true});
  if (!outbox.ok()) {
    std::cerr << "tldmon probe status: no probe outbox in " << EscapeControlBytes(data) << " ("
              << EscapeControlBytes(outbox.status().message()) << ")\n";
    return 1;
  }
  auto depth = (*outbox)->Depth();
  auto state = (*outbox)->AllState();
  if (!depth.ok() || !state.ok()) {
    std::cerr << "tldmon probe status: cannot read the outbox: "
              << EscapeControlBytes((!depth.ok() ? depth.status() : state.status()).message())
              << "\n";
    return 1;
  }
  if (json) {
    nlohmann::json out;
    out["outbox_depth"] = *depth;
    out["state"] = nlohmann::json::object();
    for (const auto& [k, v] : *state) out["state"][k] = v;
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << "outbox: " << *depth << " results not yet acknowledged by the central server\n";
  for (const auto& [k, v] : *state) {
    if (k.rfind("dns.mode.", 0) == 0 && v.rfind("normal", 0) == 0) continue;  // the usual
    std::cout << "  " << k << ": " << EscapeControlBytes(Shown(k, v)) << "\n";
  }
  SystemClock clock;
  for (const auto& [k, v] : *state) {
    if (k != probe::kStateLastPushOkTime) continue;
    UnixSeconds t = 0;
    std::from_chars(v.data(), v.data() + v.size(), t);
    if (clock.Now() - t > 300) {
      std::cout << "warning: nothing acknowledged by the central server for " << (clock.Now() - t) / 60
                << " minutes; results wait in the outbox\n";
    }
  }
  return 0;
}

}  // namespace

void AddProbeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ProbeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "probe", "Run a probe node: test the TLDs the central server lists and push the results");
  cmd->add_option("--config", args->config, "Configuration file (TOML, docs/configuration.md)");
  cmd->add_option("--name", args->name, "The probe's name (as `admin probe add` made it)");
  cmd->add_option("--central", args->central, "The central server's URL (https://HOST:PORT)");
  cmd->add_option("--token-file", args->token_file,
                  "File holding the probe token (or set TLDMON_PROBE_TOKEN)");
  cmd->add_option("--ca-file", args->ca_file, "CA bundle to verify the central server with");
  cmd->add_option("--data", args->data, "Data directory (outbox, last configuration)");
  cmd->add_option("--resolver", args->resolver,
                  "The local validating resolver, ADDR[@PORT] (default 127.0.0.1)");
  cmd->add_flag("--no-ipv4", args->no_ipv4, "Do not test over IPv4");
  cmd->add_flag("--no-ipv6", args->no_ipv6, "Do not test over IPv6");
  cmd->add_option("--log-level", args->log_level, "trace, debug, info, warn, error")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));

  auto status_data = std::make_shared<std::string>();
  auto status_json = std::make_shared<bool>(false);
  CLI::App* status = cmd->add_subcommand("status", "What this probe node last did (from its outbox)");
  status->add_option("--data", *status_data, "The probe's data directory")->required();
  status->add_flag("--json", *status_json, "Machine-readable output");
  status->callback([status_data, status_json, exit_code] {
    *exit_code = RunStatus(*status_data, *status_json);
  });
  cmd->callback([args, status, exit_code] {
    if (status->parsed()) return;
    *exit_code = RunProbe(*args);
  });
}

}  // namespace tldmon::app

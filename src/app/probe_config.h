// The configuration of `tldmon probe` (`--config FILE`, TOML; every key and
// default in docs/configuration.md "tldmon probe"). Sections:
//   [probe]   name, central_url, token_file, ca_file, data
//   [dns]     resolver, ipv4, ipv6, max_in_flight, name_server_port
//   [online]  root_servers, min_servers, reply_ms
//   [outbox]  max_age_days, max_rows, batch_items
// An unknown section or key, or a value of the wrong type or range, is an
// error naming it. The command line overrides the file key by key.
//
// The token is never a key of the file or a flag (either would leave it in
// shell history or `ps`): it comes from `token_file` or the environment
// variable TLDMON_PROBE_TOKEN.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "probe/agent.h"

namespace tldmon::app {

struct ProbeNodeConfig {
  probe::AgentOptions agent;
  std::string token_file;  // read by ResolveProbeToken
};

// `path` names the file in messages; relative paths in it are relative to
// its directory.
Result<ProbeNodeConfig> ParseProbeNodeConfig(std::string_view text, const std::string& path);
// Empty path: the defaults.
Result<ProbeNodeConfig> LoadProbeNodeConfig(const std::string& path);

// The token: TLDMON_PROBE_TOKEN if set (`env_token`), else the first line of
// `token_file`. InvalidArgument naming what is missing.
Result<std::string> ResolveProbeToken(const std::string& token_file, const char* env_token);

// What `tldmon probe` needs before it can start: a name, a central URL
// (http:// or https://), a data directory, and (when `check_token`) a token.
Status ValidateProbeNodeConfig(const ProbeNodeConfig& config, bool check_token = true);

}  // namespace tldmon::app

// `tldmon serve --data DIR [--config FILE] [--https ADDR:PORT]...
// [--http ADDR:PORT]...`: the central side (docs/operations.md "tldmon
// serve", docs/configuration.md): the engine thread ticks the pipeline on the
// wall clock (engine_loop.h) and the MoSAPI API serves its documents
// (api_runtime.h) until SIGTERM or SIGINT, then shuts down gracefully.
// Prints one "listening on <url>" line per endpoint (the real port when :0
// was asked) and writes <data>/serve.json.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "app/file_lock.h"
#include "app/serve_config.h"
#include "core/status.h"

namespace tldmon::app {

void AddServeCommand(CLI::App& app, int* exit_code);

// The endpoints to serve: the command line's if it names any (they replace
// the file's [server] lists), else the file's, else `fallback`.
Status ResolveEndpoints(const std::vector<std::string>& https, const std::vector<std::string>& http,
                        const http::ListenEndpoint& fallback, ServeConfig* config);

// What `serve` and `demo` do first: log to stderr at `log_level` under
// `command`'s name (stdout carries the lines scripts read), load the
// configuration (`config_path` may be empty: the defaults), resolve the
// endpoints (default https://127.0.0.1:8443), create `data` and take its
// serve lock (Unavailable while another serve or demo runs on it).
struct ServingStart {
  ServeConfig config;
  FileLock serve_lock;
};
Result<ServingStart> PrepareServing(const std::string& command, const std::string& log_level,
                                    const std::string& config_path,
                                    const std::vector<std::string>& https,
                                    const std::vector<std::string>& http, const std::string& data);

}  // namespace tldmon::app

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

#include "app/serve_config.h"
#include "core/status.h"

namespace tldmon::app {

void AddServeCommand(CLI::App& app, int* exit_code);

// The endpoints to serve: the command line's if it names any (they replace
// the file's [server] lists), else the file's, else `fallback`.
Status ResolveEndpoints(const std::vector<std::string>& https, const std::vector<std::string>& http,
                        const api::ListenEndpoint& fallback, ServeConfig* config);

}  // namespace tldmon::app

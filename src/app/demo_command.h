// `tldmon demo [--data DIR] [--https ADDR:PORT]... [--http ADDR:PORT]...
// [--config FILE] [--once]`: seeds demo entities (ry/example healthy,
// ry/broken with an active DNS incident, ry/dnssec-fail, ry/rdap-flap and
// the registrar rr/9999) with 25 simulated probes and their MoSAPI accounts
// (password "demo", loopback allow-list, every role; demo_access.h) in an
// embedded SQLite file, fast-forwards a simulated week up to now, then serves
// the MoSAPI API (default https://127.0.0.1:8443, self-signed certificate)
// and ticks once a minute in real time until Ctrl-C/SIGTERM. Once serving it
// prints the base URLs, users, password and working curl commands
// (demo_banner.h); at the end the status table and the documents under
// DIR/documents/. Re-running on the same directory resumes. See
// docs/operations.md.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddDemoCommand(CLI::App& app, int* exit_code);

}  // namespace tldmon::app

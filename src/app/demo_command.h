// `tldmon demo [--data DIR]`: seeds demo entities (ry/example healthy,
// ry/broken with an active DNS incident, ry/dnssec-fail, ry/rdap-flap and
// the registrar rr/9999) with 25 simulated probes in an embedded SQLite file,
// fast-forwards a simulated week up to now, then ticks once a minute in real
// time until Ctrl-C/SIGTERM and shows the result: the status table and the
// rendered documents under DIR/documents/. Re-running on the same directory
// resumes. See docs/operations.md.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddDemoCommand(CLI::App& app, int* exit_code);

}  // namespace tldmon::app

// Ctrl-C / SIGTERM as a polled flag, so long-running subcommands (demo) stop
// at a clean point: after the cycle being processed, with everything committed.
#pragma once

namespace tldmon::app {

// Installs handlers for SIGINT and SIGTERM that set the flag.
void InstallStopHandlers();
// True once SIGINT or SIGTERM arrived. Async-signal-safe to set, cheap to poll.
bool StopRequested();

}  // namespace tldmon::app

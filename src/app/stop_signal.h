// Ctrl-C / SIGTERM as a polled flag, so long-running subcommands (simulate,
// demo, serve) stop at a clean point: after the cycle being processed, with
// everything committed. Threads that have nothing else to do block in
// WaitForStop instead of polling.
#pragma once

namespace tldmon::app {

// Installs handlers for SIGINT and SIGTERM that set the flag (and wake
// WaitForStop). Call once, before starting threads. Interrupted system calls
// are restarted (SA_RESTART).
void InstallStopHandlers();
// True once SIGINT or SIGTERM arrived. Async-signal-safe to set, cheap to poll.
bool StopRequested();
// Blocks until StopRequested() (returns at once if it already is).
// Requires InstallStopHandlers.
void WaitForStop();

}  // namespace tldmon::app

// `tldmon simulate`: drives the real pipeline (store, engine, documents) with
// the simulated probe network through simulated time on a FakeClock, prints
// progress and a per-TLD summary, and optionally writes the final counters as
// JSON. With --data the run persists; the same command again resumes where
// the store stopped (after a crash or Ctrl-C) and ends with identical output.
// See docs/operations.md.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

// Registers the subcommand; its callback stores the exit status in *exit_code.
void AddSimulateCommand(CLI::App& app, int* exit_code);

}  // namespace tldmon::app

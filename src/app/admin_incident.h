// `tldmon admin incident list` and `incident false-positive`, and the data
// imports `metrica import` and `rdap-base-urls import`.
//
// A false-positive change goes through the engine (ingest::CyclePipeline::
// SetFalsePositive), so downtime and emergencyThreshold are recomputed and the
// incident and its history are committed together; it runs under
// <data>/engine.lock and bumps the change generation, so a running `serve`
// re-opens its pipeline from the store before its next cycle and republishes
// the entity's documents (docs/operations.md).
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminIncidentCommands(CLI::App* admin, int* exit_code);
void AddAdminImportCommands(CLI::App* admin, int* exit_code);

}  // namespace tldmon::app

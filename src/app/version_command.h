// `tldmon version`: prints the version of the binary.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddVersionCommand(CLI::App& app, int* exit_code);

}  // namespace tldmon::app

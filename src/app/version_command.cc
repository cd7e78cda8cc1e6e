#include "app/version_command.h"

#include <iostream>

namespace tldmon::app {

void AddVersionCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("version", "Print the version");
  cmd->callback([exit_code] {
    std::cout << "tldmon " << TLDMON_VERSION << "\n";
    *exit_code = 0;
  });
}

}  // namespace tldmon::app

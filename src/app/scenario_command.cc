#include "app/scenario_command.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "sim/scenario_runner.h"

namespace tldmon::app {
namespace {

struct ScenarioArgs {
  std::vector<std::string> files;
  bool verbose = false;
};

}  // namespace

void AddScenarioCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ScenarioArgs>();
  CLI::App* cmd = app.add_subcommand("scenario", "Check the engine against scenario files");
  cmd->add_option("files", args->files, "Scenario files")->required()->check(CLI::ExistingFile);
  cmd->add_flag("-v,--verbose", args->verbose, "Also list every check that held");
  cmd->callback([args, exit_code] {
    *exit_code = sim::RunScenarioFiles(args->files, std::cout, args->verbose);
  });
}

}  // namespace tldmon::app

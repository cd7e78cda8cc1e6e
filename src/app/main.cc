// tldmon: one binary, one subcommand per role (DESIGN.md "Components").
#include <CLI/CLI.hpp>

#include "app/admin_command.h"
#include "app/demo_command.h"
#include "app/probe_command.h"
#include "app/scenario_command.h"
#include "app/serve_command.h"
#include "app/simulate_command.h"
#include "app/terminal_text.h"
#include "app/version_command.h"

int main(int argc, char** argv) {
  CLI::App app{"tldmon: open SLA monitoring (SLAM) and MoSAPI for TLDs"};
  app.require_subcommand(1);
  int exit_code = 0;
  tldmon::app::AddVersionCommand(app, &exit_code);
  tldmon::app::AddScenarioCommand(app, &exit_code);
  tldmon::app::AddSimulateCommand(app, &exit_code);
  tldmon::app::AddServeCommand(app, &exit_code);
  tldmon::app::AddDemoCommand(app, &exit_code);
  tldmon::app::AddAdminCommand(app, &exit_code);
  tldmon::app::AddProbeCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version print and exit 0 as CLI11 does; an error quotes
    // the offending argument, so it is escaped (app/terminal_text.h).
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << tldmon::app::EscapeControlBytes(e.what())
              << "\nRun with --help for more information.\n";
    return e.get_exit_code();
  }
  return exit_code;
}

// `tldmon admin rri ...`: the RRI uploads received (docs/rri.md).
//   list [--tld T] [--uploads]   per TLD: the reporting obligations (ok /
//                                unsatisfactory with their issues) and, with
//                                --uploads, every stored upload
//   show T TYPE PERIOD           the bytes of one stored upload, as received
//   set T [--created D] [--disable TYPE]... [--enable TYPE]...
//         [--deposit-schedule None|Weekly|Daily] [--tracked-from D]
//                                the TLD's RRI settings (rri/tld_settings.h)
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminRriCommands(CLI::App* admin, int* exit_code);

}  // namespace tldmon::app

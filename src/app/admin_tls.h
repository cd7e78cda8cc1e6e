// `tldmon admin tls add|remove|list|import`: the TLS access entries of
// DANE/TLSA client authentication (docs/auth.md "TLS client certificates",
// dane-client-auth.md). A running serve picks an edit up at its next tick
// and looks new owner names up at once.
#pragma once

#include <CLI/CLI.hpp>

namespace tldmon::app {

void AddAdminTlsCommands(CLI::App* admin, int* exit_code);

}  // namespace tldmon::app

// Small TOML settings files kept next to a data directory's store
// (simulation.toml, demo.toml): what a resumed run must reuse verbatim.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "core/status.h"

namespace tldmon::app {

// NotFound if the file does not exist; InvalidArgument if it does not parse.
Result<toml::table> LoadSettings(const std::string& path);
// Written atomically (data_dir.h).
Status SaveSettings(const std::string& path, const toml::table& table);

}  // namespace tldmon::app

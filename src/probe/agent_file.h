// Small files of the probe's data directory (the last good configuration and
// its ETag): written so that a crash or power loss leaves the old content or
// the new, never a mix — temporary file, fsync, rename, fsync of the
// directory (the rename itself is durable only once the directory is).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon::probe {

Status WriteFileDurably(const std::string& path, std::string_view content);
// NotFound when the file does not exist; IoError on other failures.
Result<std::string> ReadFileText(const std::string& path);
// Creates the directory and its parents if missing.
Status EnsureDirectory(const std::string& path);

}  // namespace tldmon::probe

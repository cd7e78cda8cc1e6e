// A tldmon data directory: the SQLite store `tldmon.db` plus small settings
// files written by the subcommands that own the directory (simulate, demo).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/sqlite/sqlite_store.h"

namespace tldmon::app {

// "<dir>/tldmon.db".
std::string StorePath(const std::string& dir);

// Creates the directory (and parents) if missing.
Status EnsureDirectory(const std::string& dir);

// Opens (creating the directory and database if needed) the store of `dir`.
Result<std::unique_ptr<store::SqliteStore>> OpenDataStore(const std::string& dir);

// Writes a file so that a crash leaves either the old or the new content
// (temporary file + fsync + rename). The file is created with `mode`, less
// the umask (0600 for secrets: never readable by others, not even briefly).
Status WriteFileAtomically(const std::string& path, std::string_view content, int mode = 0644);
Result<std::string> ReadWholeFile(const std::string& path);
bool FileExists(const std::string& path);

}  // namespace tldmon::app

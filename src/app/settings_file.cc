#include "app/settings_file.h"

#include <sstream>

#include "app/data_dir.h"

namespace tldmon::app {

Result<toml::table> LoadSettings(const std::string& path) {
  if (!FileExists(path)) return NotFound(path + " does not exist");
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  try {
    return toml::parse(*text, path);
  } catch (const toml::parse_error& e) {
    return InvalidArgument(path + ": " + std::string(e.description()));
  }
}

Status SaveSettings(const std::string& path, const toml::table& table) {
  std::ostringstream out;
  out << table << "\n";
  return WriteFileAtomically(path, out.str());
}

}  // namespace tldmon::app

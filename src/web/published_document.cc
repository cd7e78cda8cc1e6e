#include "web/published_document.h"

namespace tldmon::web {

nlohmann::json ParseDocument(const documents::DocumentMap& docs, const std::string& path) {
  const auto it = docs.find(path);
  if (it == docs.end() || it->second == nullptr) return nullptr;
  return nlohmann::json::parse(it->second->body(), nullptr, /*allow_exceptions=*/false);
}

}  // namespace tldmon::web

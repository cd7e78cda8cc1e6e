// A published MoSAPI or dashboard document read back as JSON (the overview
// and the entity page build on them). Pure; thread-safe.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "documents/document_store.h"

namespace tldmon::web {

// The document at `path` parsed, or null when there is none (or it does not
// parse).
nlohmann::json ParseDocument(const documents::DocumentMap& docs, const std::string& path);

}  // namespace tldmon::web

// Compact encoding of one EntityConfig, the body of a configuration version
// (table entity_config_version, migration 5; docs/formats/store-schema.md
// "Configuration versions"). Every field is kept, so a decoded version equals
// the configuration that was stored. Shared by every Store implementation;
// pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/monitoring_config.h"

namespace tldmon::store {

std::string EncodeEntityConfig(const EntityConfig& entity);
// False if `bytes` is malformed (truncated, trailing bytes, bad enum values).
bool DecodeEntityConfig(std::string_view bytes, EntityConfig& entity);

}  // namespace tldmon::store

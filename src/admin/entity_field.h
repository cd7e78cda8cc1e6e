// The identifying field of entity-scoped documents: registries carry
// "tld": "<tld>" (string), registrars carry a numeric IANA ID (mosapi-api.md
// §5: `registrarID` in monitoring objects, `ianaId` in METRICA).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/entity_id.h"

namespace tldmon::admin {

// Appends "tld": "<id>" for a registry, or "<registrar_key>": <number> for a
// registrar (the id is digits by EntityId's invariant).
void AppendEntityField(nlohmann::ordered_json& object, const EntityId& entity,
                       std::string_view registrar_key);

}  // namespace tldmon::admin

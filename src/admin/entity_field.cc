#include "admin/entity_field.h"

#include <charconv>
#include <cstdint>
#include <string>

namespace tldmon::admin {

void AppendEntityField(nlohmann::ordered_json& object, const EntityId& entity,
                       std::string_view registrar_key) {
  if (!entity.is_registrar()) {
    object["tld"] = entity.id;
    return;
  }
  std::uint64_t number = 0;
  std::from_chars(entity.id.data(), entity.id.data() + entity.id.size(), number);
  object[std::string(registrar_key)] = number;
}

}  // namespace tldmon::admin

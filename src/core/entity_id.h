// EntityId: who MoSAPI data belongs to — a registry (`ry/<tld>`) or a
// registrar (`rr/<ianaId>`) (mosapi-api.md §2.2).
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon {

enum class EntityKind : std::uint8_t { kRegistry = 0, kRegistrar = 1 };

// "ry" or "rr".
std::string_view KindPrefix(EntityKind k);

struct EntityId {
  EntityKind kind = EntityKind::kRegistry;
  // Registry: the TLD as an A-label, lower-case ("example"; the root zone is
  // "zz--root", mosapi-api.md §2.2 project default). Registrar: the IANA ID in
  // decimal without leading zeros ("9999").
  std::string id;

  // "ry/example", "rr/9999".
  std::string Path() const;
  bool is_registrar() const { return kind == EntityKind::kRegistrar; }

  // Parses "ry/<tld>" or "rr/<ianaId>", validating the id: a TLD label is
  // 1..63 characters of [a-z0-9-] not starting or ending with '-'; an IANA ID
  // is 1..10 decimal digits without a leading zero, at most 4294967295.
  static Result<EntityId> Parse(std::string_view path);
  // Validates one id of the given kind (same rules as Parse).
  static Status ValidateId(EntityKind kind, std::string_view id);

  friend auto operator<=>(const EntityId&, const EntityId&) = default;
  friend bool operator==(const EntityId&, const EntityId&) = default;
};

}  // namespace tldmon

template <>
struct std::hash<tldmon::EntityId> {
  std::size_t operator()(const tldmon::EntityId& e) const noexcept {
    return std::hash<std::string>{}(e.id) ^ (static_cast<std::size_t>(e.kind) * 0x9e3779b97f4a7c15ULL);
  }
};

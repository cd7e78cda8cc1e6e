#include "core/entity_id.h"

#include <charconv>

namespace tldmon {

std::string_view KindPrefix(EntityKind k) {
  return k == EntityKind::kRegistrar ? "rr" : "ry";
}

std::string EntityId::Path() const {
  std::string p(KindPrefix(kind));
  p += '/';
  p += id;
  return p;
}

Status EntityId::ValidateId(EntityKind kind, std::string_view id) {
  if (kind == EntityKind::kRegistrar) {
    if (id.empty() || id.size() > 10 || id.front() == '0')
      return InvalidArgument("IANA ID must be a positive decimal number: '" + std::string(id) + "'");
    std::uint64_t v = 0;
    auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
    if (ec != std::errc() || p != id.data() + id.size() || v > 4294967295ULL)
      return InvalidArgument("IANA ID must be a positive decimal number: '" + std::string(id) + "'");
    return Status::Ok();
  }
  if (id.empty() || id.size() > 63)
    return InvalidArgument("TLD label must be 1..63 characters: '" + std::string(id) + "'");
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok)
      return InvalidArgument("TLD must be a lower-case A-label ([a-z0-9-]): '" + std::string(id) + "'");
  }
  if (id.front() == '-' || id.back() == '-')
    return InvalidArgument("TLD label must not start or end with '-': '" + std::string(id) + "'");
  return Status::Ok();
}

Result<EntityId> EntityId::Parse(std::string_view path) {
  const auto slash = path.find('/');
  if (slash == std::string_view::npos)
    return InvalidArgument("entity must be ry/<tld> or rr/<ianaId>: '" + std::string(path) + "'");
  const std::string_view prefix = path.substr(0, slash);
  EntityId e;
  if (prefix == "ry") {
    e.kind = EntityKind::kRegistry;
  } else if (prefix == "rr") {
    e.kind = EntityKind::kRegistrar;
  } else {
    return InvalidArgument("entity must be ry/<tld> or rr/<ianaId>: '" + std::string(path) + "'");
  }
  e.id = std::string(path.substr(slash + 1));
  TLDMON_RETURN_IF_ERROR(ValidateId(e.kind, e.id));
  return e;
}

}  // namespace tldmon

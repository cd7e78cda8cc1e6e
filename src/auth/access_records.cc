#include "auth/access_records.h"

namespace tldmon::auth {

std::string DefaultUsername(const EntityId& entity) {
  return entity.id + (entity.is_registrar() ? "_rr" : "_ry");
}

Status ValidateUsername(std::string_view username) {
  if (username.empty() || username.size() > 64) {
    return InvalidArgument("user name must be 1..64 characters");
  }
  for (char c : username) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '@' || c == '-';
    if (!ok) {
      return InvalidArgument("user name may contain only letters, digits and . _ @ -: '" +
                             std::string(username) + "'");
    }
  }
  return Status::Ok();
}

}  // namespace tldmon::auth

#include "rri/accredited_registrars.h"

#include <algorithm>
#include <charconv>

#include "admin/admin_repository.h"

namespace tldmon::rri {

Result<std::vector<std::int64_t>> AccreditedRegistrarIds(store::Store& store) {
  std::vector<std::int64_t> ids;
  Result<std::vector<EntityConfig>> entities = store.LoadEntities();
  if (!entities.ok()) return entities.status();
  for (const EntityConfig& e : *entities) {
    if (e.id.kind != EntityKind::kRegistrar) continue;
    std::int64_t id = 0;
    const char* end = e.id.id.data() + e.id.id.size();
    if (std::from_chars(e.id.id.data(), end, id).ptr == end && id > 0) ids.push_back(id);
  }
  admin::AdminRepository admin(store);
  Result<std::optional<admin::RdapBaseUrlList>> list = admin.RdapBaseUrls();
  if (!list.ok()) return list.status();
  if (*list)
    for (const admin::RegistrarRdapBaseUrls& r : (*list)->registrars) ids.push_back(r.iana_id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace tldmon::rri

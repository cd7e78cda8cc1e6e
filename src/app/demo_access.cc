#include "app/demo_access.h"

#include "app/access_edit.h"
#include "auth/access_repository.h"
#include "web/dashboard_operators.h"

namespace tldmon::app {

Result<bool> EnsureDemoAccess(store::Store& store, std::span<const EntityId> entities,
                              const auth::PwhashLimits& pwhash) {
  auth::AccessRepository repo(store);
  auto snapshot = repo.Load();
  if (!snapshot.ok()) return snapshot.status();
  const auth::AuthSnapshot before = *snapshot;
  for (const EntityId& id : entities) {
    for (const char* prefix : {"127.0.0.0/8", "::1/128"}) {
      auto added = AddAllowed(&*snapshot, id, prefix);
      if (!added.ok()) return added.status();
    }
    for (int r = 0; r < auth::kRoleCount; ++r)
      EntityAccess(&*snapshot, id).roles.Add(static_cast<auth::Role>(r));
    const std::string user = auth::DefaultUsername(id);
    bool exists = false;
    for (const auth::AccountRecord& a : snapshot->accounts) exists = exists || a.username == user;
    if (exists) continue;
    auto hash = auth::HashPassword(kDemoPassword, pwhash);
    if (!hash.ok()) return hash.status();
    TLDMON_RETURN_IF_ERROR(SetAccount(&*snapshot, user, id, std::move(*hash)));
  }
  // The dashboard's operator, who sees every demo entity.
  auto operator_record = store.GetRecord(web::kOperatorKind, kDemoOperator);
  if (!operator_record.ok()) return operator_record.status();
  bool changed = false;
  if (!*operator_record) {
    auto hash = auth::HashPassword(kDemoPassword, pwhash);
    if (!hash.ok()) return hash.status();
    TLDMON_RETURN_IF_ERROR(
        web::PutOperator(store, web::OperatorAccount{std::string(kDemoOperator), *hash, {}}));
    changed = true;
  }
  if (snapshot->entities == before.entities && snapshot->accounts == before.accounts) return changed;
  TLDMON_RETURN_IF_ERROR(repo.Save(*snapshot));
  return true;
}

}  // namespace tldmon::app

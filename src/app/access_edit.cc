#include "app/access_edit.h"

#include <algorithm>

namespace tldmon::app {

auth::EntityAccessRecord& EntityAccess(auth::AuthSnapshot* snapshot, const EntityId& entity) {
  auto& list = snapshot->entities;
  auto it = std::lower_bound(
      list.begin(), list.end(), entity,
      [](const auth::EntityAccessRecord& r, const EntityId& id) { return r.entity < id; });
  if (it != list.end() && it->entity == entity) return *it;
  return *list.insert(it, auth::EntityAccessRecord{entity, {}, auth::DefaultRoles(entity.kind)});
}

const auth::EntityAccessRecord* FindEntityAccess(const auth::AuthSnapshot& snapshot,
                                                 const EntityId& entity) {
  for (const auth::EntityAccessRecord& r : snapshot.entities)
    if (r.entity == entity) return &r;
  return nullptr;
}

Status SetAccount(auth::AuthSnapshot* snapshot, std::string_view username, const EntityId& entity,
                  std::string password_hash) {
  TLDMON_RETURN_IF_ERROR(auth::ValidateUsername(username));
  auto& list = snapshot->accounts;
  auto it = std::lower_bound(
      list.begin(), list.end(), username,
      [](const auth::AccountRecord& a, std::string_view u) { return a.username < u; });
  if (it != list.end() && it->username == username) {
    if (!(it->entity == entity))
      return AlreadyExists("user " + std::string(username) + " already belongs to " +
                           it->entity.Path());
    it->password_hash = std::move(password_hash);
    return Status::Ok();
  }
  list.insert(it, auth::AccountRecord{std::string(username), entity, std::move(password_hash)});
  return Status::Ok();
}

Status RemoveAccount(auth::AuthSnapshot* snapshot, std::string_view username) {
  auto& list = snapshot->accounts;
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const auth::AccountRecord& a) { return a.username == username; });
  if (it == list.end())
    return NotFound("no account named '" + std::string(username.substr(0, 64)) +
                    "'; see `tldmon admin account list`");
  list.erase(it);
  return Status::Ok();
}

Result<bool> AddAllowed(auth::AuthSnapshot* snapshot, const EntityId& entity,
                        std::string_view prefix) {
  auto p = auth::IpPrefix::Parse(prefix);
  if (!p.ok()) return p.status();
  auth::EntityAccessRecord& r = EntityAccess(snapshot, entity);
  if (std::find(r.allow_list.begin(), r.allow_list.end(), *p) != r.allow_list.end()) return false;
  r.allow_list.push_back(*p);
  return true;
}

Status RemoveAllowed(auth::AuthSnapshot* snapshot, const EntityId& entity,
                     std::string_view prefix) {
  auto p = auth::IpPrefix::Parse(prefix);
  if (!p.ok()) return p.status();
  const auth::EntityAccessRecord* found = FindEntityAccess(*snapshot, entity);
  if (found == nullptr ||
      std::find(found->allow_list.begin(), found->allow_list.end(), *p) == found->allow_list.end())
    return NotFound(p->ToString() + " is not in the allow-list of " + entity.Path());
  auth::EntityAccessRecord& r = EntityAccess(snapshot, entity);
  r.allow_list.erase(std::find(r.allow_list.begin(), r.allow_list.end(), *p));
  return Status::Ok();
}

Result<bool> GrantRole(auth::AuthSnapshot* snapshot, const EntityId& entity,
                       std::string_view role) {
  auto r = auth::ParseRole(role);
  if (!r.ok()) return r.status();
  auth::EntityAccessRecord& rec = EntityAccess(snapshot, entity);
  if (rec.roles.Contains(*r)) return false;
  rec.roles.Add(*r);
  return true;
}

Status RevokeRole(auth::AuthSnapshot* snapshot, const EntityId& entity, std::string_view role) {
  auto r = auth::ParseRole(role);
  if (!r.ok()) return r.status();
  const auth::EntityAccessRecord* found = FindEntityAccess(*snapshot, entity);
  if (found == nullptr || !found->roles.Contains(*r))
    return NotFound(entity.Path() + " does not have the role \"" + std::string(auth::RoleName(*r)) +
                    "\"");
  EntityAccess(snapshot, entity).roles.Remove(*r);
  return Status::Ok();
}

}  // namespace tldmon::app

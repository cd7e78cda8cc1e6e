#include "auth/access_repository.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "auth/access_records_codec.h"

namespace tldmon::auth {
namespace {

Status Damaged(std::string_view kind, std::string_view key, std::string_view why) {
  return Internal("stored " + std::string(kind) + " record '" + std::string(key) +
                  "' is damaged: " + std::string(why));
}

}  // namespace

Result<AuthSnapshot> AccessRepository::Load() const {
  const store::RecordQuery queries[] = {{kEntityAccessKind, ""}, {kAccountKind, ""}};
  Result<std::vector<std::vector<store::KeyedRecord>>> read = store_.ReadRecords(queries);
  if (!read.ok()) return read.status();
  AuthSnapshot snapshot;
  for (const store::KeyedRecord& r : (*read)[0]) {
    Result<EntityAccessRecord> e = DecodeEntityAccessRecord(r.bytes);
    if (!e.ok()) return Damaged(kEntityAccessKind, r.key, e.status().message());
    if (e->entity.Path() != r.key) {
      return Damaged(kEntityAccessKind, r.key, "it holds the record of " + e->entity.Path());
    }
    snapshot.entities.push_back(std::move(e).value());
  }
  for (const store::KeyedRecord& r : (*read)[1]) {
    Result<AccountRecord> a = DecodeAccountRecord(r.bytes);
    if (!a.ok()) return Damaged(kAccountKind, r.key, a.status().message());
    if (a->username != r.key) {
      return Damaged(kAccountKind, r.key, "it holds the account " + a->username);
    }
    snapshot.accounts.push_back(std::move(a).value());
  }
  // Keys are unique and sort bytewise: "rr/..." before "ry/...", but
  // EntityId orders registries first.
  std::sort(snapshot.entities.begin(), snapshot.entities.end(),
            [](const auto& a, const auto& b) { return a.entity < b.entity; });
  std::sort(snapshot.accounts.begin(), snapshot.accounts.end(),
            [](const auto& a, const auto& b) { return a.username < b.username; });
  return snapshot;
}

Status AccessRepository::Save(const AuthSnapshot& snapshot) {
  // Keys and encoded bytes must outlive the batch, which holds views.
  std::vector<std::pair<std::string, std::string>> entities;
  std::vector<std::pair<std::string, std::string>> accounts;
  std::set<std::string> seen;
  for (const EntityAccessRecord& e : snapshot.entities) {
    Result<std::string> bytes = EncodeEntityAccessRecord(e);
    if (!bytes.ok()) return bytes.status();
    std::string key = e.entity.Path();
    if (!seen.insert(key).second) return InvalidArgument("two access records for " + key);
    entities.emplace_back(std::move(key), std::move(bytes).value());
  }
  seen.clear();
  for (const AccountRecord& a : snapshot.accounts) {
    Result<std::string> bytes = EncodeAccountRecord(a);
    if (!bytes.ok()) return bytes.status();
    if (!seen.insert(a.username).second) return InvalidArgument("two accounts " + a.username);
    accounts.emplace_back(a.username, std::move(bytes).value());
  }
  std::vector<store::RecordChange> changes;
  changes.reserve(entities.size() + accounts.size() + 2);
  changes.push_back(store::RecordChange::DeletePrefix(kEntityAccessKind, ""));
  for (const auto& [key, bytes] : entities) {
    changes.push_back(store::RecordChange::Put(kEntityAccessKind, key, bytes));
  }
  changes.push_back(store::RecordChange::DeletePrefix(kAccountKind, ""));
  for (const auto& [key, bytes] : accounts) {
    changes.push_back(store::RecordChange::Put(kAccountKind, key, bytes));
  }
  return store_.WriteRecords(changes).status();
}

Status AccessRepository::PutEntityWithAccess(const EntityConfig& entity,
                                             const std::optional<EntityAccessRecord>& access) {
  std::string key, bytes;
  std::vector<store::RecordChange> changes;
  if (access) {
    if (access->entity != entity.id)
      return InvalidArgument("access record of " + access->entity.Path() + " given with " +
                             entity.id.Path());
    Result<std::string> encoded = EncodeEntityAccessRecord(*access);
    if (!encoded.ok()) return encoded.status();
    key = entity.id.Path();
    bytes = std::move(encoded).value();
    changes.push_back(store::RecordChange::Put(kEntityAccessKind, key, bytes));
  }
  return store_.PutEntitiesWithRecords(std::span<const EntityConfig>(&entity, 1), changes);
}

}  // namespace tldmon::auth

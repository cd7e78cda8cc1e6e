#include "auth/session_table.h"

#include <algorithm>

#include "auth/password_hash.h"

namespace tldmon::auth {

SessionTable::SessionTable(UnixSeconds lifetime, int max_per_account)
    : lifetime_(lifetime),
      max_per_account_(static_cast<std::size_t>(std::max(1, max_per_account))) {}

void SessionTable::EraseLocked(const std::string& key) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return;
  auto acc = by_account_.find(it->second.username);
  if (acc != by_account_.end()) {
    auto& keys = acc->second;
    keys.erase(std::remove(keys.begin(), keys.end(), key), keys.end());
    if (keys.empty()) by_account_.erase(acc);
  }
  by_key_.erase(it);
}

Result<NewSession> SessionTable::Create(std::string_view username, const EntityId& entity,
                                        UnixSeconds now) {
  TLDMON_RETURN_IF_ERROR(EnsureSodium());
  NewSession out;
  out.session = Session{std::string(username), entity, now, now + lifetime_};
  MutexLock lock(mu_);
  std::string key;
  do {  // a collision of 160 random bits does not happen; the loop costs nothing
    out.id = NewSessionId();
    key = SessionKey(out.id);
  } while (by_key_.count(key) != 0);
  auto& keys = by_account_[out.session.username];
  // One concurrent session per account by default; the oldest goes first
  // (mosapi-api.md §4.2 "a new login terminates the account's oldest session").
  while (keys.size() >= max_per_account_) {
    by_key_.erase(keys.front());
    keys.pop_front();
    ++out.evicted;
  }
  keys.push_back(key);
  by_key_.emplace(key, out.session);
  return out;
}

const Session* SessionTable::LiveLocked(const std::string& key, const EntityId& entity,
                                        UnixSeconds now) {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  if (now >= it->second.expires) {
    EraseLocked(key);  // lazy purge
    return nullptr;
  }
  if (!(it->second.entity == entity)) return nullptr;
  return &it->second;
}

std::optional<Session> SessionTable::FindSession(std::string_view id, const EntityId& entity,
                                                 UnixSeconds now, SessionLookup /*how*/) {
  // One host: everything is in memory, so every lookup is a cached one.
  if (!IsWellFormedSessionId(id)) return std::nullopt;
  const std::string key = SessionKey(id);
  MutexLock lock(mu_);
  const Session* live = LiveLocked(key, entity, now);
  if (live == nullptr) return std::nullopt;
  return *live;
}

std::optional<Session> SessionTable::End(std::string_view id, const EntityId& entity,
                                         UnixSeconds now) {
  if (!IsWellFormedSessionId(id)) return std::nullopt;
  const std::string key = SessionKey(id);
  MutexLock lock(mu_);
  const Session* live = LiveLocked(key, entity, now);
  if (live == nullptr) return std::nullopt;
  Session ended = *live;  // a copy: EraseLocked reads the username
  EraseLocked(key);
  return ended;
}

std::size_t SessionTable::EndAllOf(std::string_view username) {
  MutexLock lock(mu_);
  auto acc = by_account_.find(std::string(username));
  if (acc == by_account_.end()) return 0;
  const std::size_t n = acc->second.size();
  for (const std::string& key : acc->second) by_key_.erase(key);
  by_account_.erase(acc);
  return n;
}

std::size_t SessionTable::Sweep(UnixSeconds now) {
  MutexLock lock(mu_);
  std::size_t n = 0;
  for (auto it = by_key_.begin(); it != by_key_.end();) {
    if (now >= it->second.expires) {
      auto acc = by_account_.find(it->second.username);
      if (acc != by_account_.end()) {
        auto& keys = acc->second;
        keys.erase(std::remove(keys.begin(), keys.end(), it->first), keys.end());
        if (keys.empty()) by_account_.erase(acc);
      }
      it = by_key_.erase(it);
      ++n;
    } else {
      ++it;
    }
  }
  return n;
}

std::size_t SessionTable::size() const {
  MutexLock lock(mu_);
  return by_key_.size();
}

}  // namespace tldmon::auth

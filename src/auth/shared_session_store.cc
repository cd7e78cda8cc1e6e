#include "auth/shared_session_store.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <utility>

#include "auth/password_hash.h"

namespace tldmon::auth {
namespace {

namespace pg = store::postgres;

// One warning per minute at most: during a database outage every request
// would otherwise log one.
void WarnDatabase(std::string_view what, const Status& s) {
  static std::atomic<std::int64_t> last{0};
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::steady_clock::now().time_since_epoch())
                               .count();
  std::int64_t before = last.load();
  if (now - before < 60 || !last.compare_exchange_strong(before, now)) return;
  spdlog::warn("sessions: {} failed: {} (cached sessions keep working)", what, s.message());
}

std::optional<Session> FromRecord(const pg::SessionRecord& r) {
  auto entity = EntityId::Parse(r.entity);
  if (!entity.ok()) return std::nullopt;
  return Session{r.username, *entity, r.created, r.expires};
}

}  // namespace

Result<std::unique_ptr<SharedSessionStore>> SharedSessionStore::Open(const std::string& conninfo,
                                                                     UnixSeconds lifetime,
                                                                     int max_per_account) {
  TLDMON_RETURN_IF_ERROR(EnsureSodium());
  auto records = pg::SessionRecords::Open(conninfo);
  if (!records.ok()) return records.status();
  std::unique_ptr<SharedSessionStore> store(
      new SharedSessionStore(std::move(*records), lifetime, max_per_account));
  store->StartListening(conninfo);
  return store;
}

SharedSessionStore::SharedSessionStore(std::unique_ptr<pg::SessionRecords> records,
                                       UnixSeconds lifetime, int max_per_account)
    : lifetime_(lifetime),
      max_per_account_(static_cast<std::size_t>(std::max(1, max_per_account))),
      records_(std::move(records)) {}

SharedSessionStore::~SharedSessionStore() {
  if (listener_ != nullptr) listener_->Stop();
}

void SharedSessionStore::StartListening(const std::string& conninfo) {
  pg::PgListenerCallbacks callbacks;
  callbacks.on_connected = [this](pg::PgConn&) {
    // What was ended while no one listened is unknown: forget everything.
    MutexLock lock(mu_);
    cache_.clear();
    ++invalidations_;
    listening_ = true;
    return true;
  };
  callbacks.on_notifications = [this](pg::PgConn&, const std::vector<std::string>& payloads) {
    std::vector<std::string> keys;
    for (const std::string& p : payloads)
      if (auto key = pg::SessionKeyFromHex(p)) keys.push_back(std::move(*key));
    Forget(keys);
    return true;
  };
  callbacks.on_lost = [this] { listening_ = false; };
  pg::PgListenerOptions options;
  options.conninfo = conninfo;
  options.channel = pg::kSessionChannel;
  options.application_name = "tldmon-session-listener";
  listener_ = std::make_unique<pg::PgListener>(std::move(options), std::move(callbacks));
  listener_->Start();
}

void SharedSessionStore::Forget(const std::vector<std::string>& keys) {
  MutexLock lock(mu_);
  for (const std::string& key : keys) cache_.erase(key);
  ++invalidations_;
}

Result<NewSession> SharedSessionStore::Create(std::string_view username, const EntityId& entity,
                                              UnixSeconds now) {
  NewSession out;
  out.id = NewSessionId();
  out.session = Session{std::string(username), entity, now, now + lifetime_};
  const std::string key = SessionKey(out.id);
  auto evicted = records_->Insert(
      pg::SessionRecord{key, out.session.username, entity.Path(), now, out.session.expires},
      max_per_account_);
  if (!evicted.ok()) {
    WarnDatabase("a login", evicted.status());
    return Unavailable("the session database cannot be reached: " + evicted.status().message());
  }
  out.evicted = evicted->size();
  Forget(*evicted);
  MutexLock lock(mu_);
  // Nobody else knows the id yet, so nothing can have ended it meanwhile.
  cache_.emplace(key, out.session);
  return out;
}

std::optional<Session> SharedSessionStore::FindSession(std::string_view id, const EntityId& entity,
                                                       UnixSeconds now, SessionLookup how) {
  if (!IsWellFormedSessionId(id)) return std::nullopt;
  const std::string key = SessionKey(id);
  std::uint64_t seen = 0;
  bool was_listening = false;
  {
    MutexLock lock(mu_);
    if (auto it = cache_.find(key); it != cache_.end()) {
      if (now >= it->second.expires) {
        cache_.erase(it);
        return std::nullopt;
      }
      if (!(it->second.entity == entity)) return std::nullopt;
      return it->second;
    }
    if (how == SessionLookup::kCachedOnly || absent_.contains(key)) return std::nullopt;
    seen = invalidations_;
    was_listening = listening_.load();
  }
  ++database_lookups_;
  auto record = records_->Get(key);
  if (!record.ok()) {
    WarnDatabase("a session lookup", record.status());
    return std::nullopt;
  }
  std::optional<Session> session;
  if (record->has_value()) session = FromRecord(**record);
  if (!session || now >= session->expires) {
    // Gone for good: expiry is absolute, and a deleted key is never reused.
    MutexLock lock(mu_);
    if (absent_.size() >= kMaxAbsent) absent_.clear();
    absent_.insert(key);
    return std::nullopt;
  }
  {
    MutexLock lock(mu_);
    if (was_listening && invalidations_ == seen) cache_.emplace(key, *session);
  }
  if (!(session->entity == entity)) return std::nullopt;
  return session;
}

std::optional<Session> SharedSessionStore::End(std::string_view id, const EntityId& entity,
                                               UnixSeconds now) {
  if (!IsWellFormedSessionId(id)) return std::nullopt;
  const std::string key = SessionKey(id);
  auto ended = records_->Delete(key, entity.Path(), now);
  if (!ended.ok()) {
    WarnDatabase("a logout", ended.status());
    return std::nullopt;
  }
  if (!ended->has_value()) return std::nullopt;
  Forget({key});
  return FromRecord(**ended);
}

std::size_t SharedSessionStore::EndAllOf(std::string_view username) {
  std::size_t n = 0;
  if (auto keys = records_->DeleteAccount(username); keys.ok()) {
    n = keys->size();
    Forget(*keys);
  } else {
    WarnDatabase("ending an account's sessions", keys.status());
  }
  // The cache's own copies go too, whatever the database said.
  MutexLock lock(mu_);
  std::erase_if(cache_, [&](const auto& kv) { return kv.second.username == username; });
  return n;
}

std::size_t SharedSessionStore::Sweep(UnixSeconds now) {
  std::size_t purged = 0;
  {
    MutexLock lock(mu_);
    purged = std::erase_if(cache_, [&](const auto& kv) { return now >= kv.second.expires; });
  }
  auto deleted = records_->DeleteExpired(now);
  if (!deleted.ok()) {
    WarnDatabase("purging expired sessions", deleted.status());
    return purged;
  }
  return static_cast<std::size_t>(*deleted);
}

std::size_t SharedSessionStore::size() const {
  auto n = records_->Count();
  return n.ok() ? static_cast<std::size_t>(*n) : cached();
}

std::size_t SharedSessionStore::cached() const {
  MutexLock lock(mu_);
  return cache_.size();
}

}  // namespace tldmon::auth

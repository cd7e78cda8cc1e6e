#include "auth/authenticator.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <mutex>

#include "auth/basic_credentials.h"
#include "auth/cookie.h"
#include "auth/password_hash.h"
#include "auth/session_table.h"

namespace tldmon::auth {
namespace {

AuthDecision Reply(int status, std::string_view body) {
  AuthDecision d;
  d.http_status = status;
  d.body = std::string(body);
  return d;
}

AuthDecision InvalidCredentials() { return Reply(401, kInvalidCredentialsText); }
AuthDecision NotAuthenticated() { return Reply(401, kNotAuthenticatedText); }
AuthDecision SourceNotAllowed() { return Reply(403, kSourceNotAllowedText); }

AuthDecision TooManyRequests(UnixSeconds retry_after) {
  AuthDecision d = Reply(429, kTooManyRequestsText);
  d.retry_after = std::max<UnixSeconds>(1, retry_after);
  return d;
}

AuthDecision Granted(Principal p, std::string_view body) {
  AuthDecision d = Reply(200, body);
  d.principal = std::move(p);
  return d;
}

// The certificate's part of a decision (dane-client-auth.md §3, §4.1
// project default: a certificate client's source is checked against the
// ACL of its TLS entry, not the password allow-list): granted by the first
// grant that admits the source and holds the role, else the refusal — 403
// outside every matching entry's ACL, `role_missing` when the role is.
// nullopt without grants.
std::optional<AuthDecision> CertificateDecision(const EntityId& entity, std::string_view source_ip,
                                                std::span<const CertificateGrant> grants,
                                                std::optional<Role> required_role,
                                                const AuthDecision& role_missing) {
  if (grants.empty()) return std::nullopt;
  Result<IpAddress> source = IpAddress::Parse(source_ip);
  bool any_admits = false;
  for (const CertificateGrant& g : grants) {
    if (!source.ok() || !AllowListPermits(g.acl, *source)) continue;
    any_admits = true;
    if (!required_role || g.roles.Contains(*required_role))
      return Granted(Principal{AuthMethod::kClientCertificate, entity, g.domain_name, g.roles}, "OK");
  }
  return any_admits ? role_missing : SourceNotAllowed();
}

}  // namespace

Result<std::unique_ptr<Authenticator>> Authenticator::Create(const Clock& clock, AuthLimits limits,
                                                             AuthStateStores stores) {
  TLDMON_RETURN_IF_ERROR(limits.Validate());
  TLDMON_RETURN_IF_ERROR(EnsureSodium());
  // The dummy hash's password is random and forgotten: nothing can match it.
  std::array<unsigned char, 32> secret{};
  randombytes_buf(secret.data(), secret.size());
  Result<std::string> dummy = HashPassword(
      std::string_view(reinterpret_cast<const char*>(secret.data()), secret.size()), limits.pwhash);
  sodium_memzero(secret.data(), secret.size());
  if (!dummy.ok()) return dummy.status();
  return std::unique_ptr<Authenticator>(
      new Authenticator(clock, std::move(limits), std::move(dummy).value(), std::move(stores)));
}

Authenticator::Authenticator(const Clock& clock, AuthLimits limits, std::string dummy_hash,
                             AuthStateStores stores)
    : clock_(clock),
      limits_(std::move(limits)),
      dummy_hash_(std::move(dummy_hash)),
      sessions_(stores.sessions != nullptr
                    ? std::move(stores.sessions)
                    : std::make_unique<SessionTable>(limits_.session_lifetime,
                                                     limits_.max_sessions_per_account)),
      per_source_(limits_.max_logins_per_source, limits_.login_window, limits_.max_tracked_sources),
      per_account_(limits_.max_logins_per_account, limits_.login_window,
                   limits_.max_tracked_sources),
      unknown_cookies_(limits_.max_unknown_cookies_per_source, limits_.login_window,
                       limits_.max_tracked_sources),
      lockout_(limits_.lockout_after_failures, limits_.lockout_base, limits_.lockout_max,
               std::move(stores.lockouts)) {}

// ---------------------------------------------------------------- helpers

bool Authenticator::SourceAllowed(const EntityId& entity, std::string_view source_ip,
                                  IpAddress* source) const {
  Result<IpAddress> parsed = IpAddress::Parse(source_ip);
  if (!parsed.ok()) return false;  // an address we cannot read is not on any list
  if (source != nullptr) *source = *parsed;
  ReaderLock lock(config_mu_);
  auto it = entities_.find(entity);
  // No record = empty list = nobody (docs/auth.md), so unconfigured entities
  // never cost an Argon2id computation.
  return it != entities_.end() && AllowListPermits(it->second.allow_list, *parsed);
}

std::optional<EntityId> Authenticator::AccountEntity(std::string_view username) const {
  ReaderLock lock(config_mu_);
  auto it = accounts_.find(std::string(username));
  if (it == accounts_.end()) return std::nullopt;
  return it->second.entity;
}

std::optional<RoleSet> Authenticator::EntityRoles(const EntityId& entity) const {
  ReaderLock lock(config_mu_);
  auto it = entities_.find(entity);
  if (it == entities_.end()) return std::nullopt;
  return it->second.roles;
}

bool Authenticator::AccountActsFor(const std::string& username, const EntityId& entity) const {
  ReaderLock lock(config_mu_);
  auto it = accounts_.find(username);
  return it != accounts_.end() && it->second.entity == entity;
}

std::string Authenticator::SourceKey(const IpAddress& source) const {
  // One IPv6 customer usually holds a whole /64; counting per address would
  // give it 2^64 budgets.
  if (source.family() == IpFamily::kV6) {
    return source.Masked(limits_.source_ipv6_prefix_length).ToString() + "/" +
           std::to_string(limits_.source_ipv6_prefix_length);
  }
  return source.ToString();
}

Authenticator::PasswordCheck Authenticator::CheckPassword(const EntityId& entity,
                                                          std::string_view authorization_header,
                                                          const IpAddress& source,
                                                          UnixSeconds now) {
  PasswordCheck out;
  // Every attempt from an allowed source counts, malformed ones included.
  const RateDecision by_source = per_source_.Admit(SourceKey(source), now);
  if (!by_source.allowed) {
    out.failure = TooManyRequests(by_source.retry_after);
    return out;
  }
  Result<BasicCredentials> creds = ParseBasicAuthorization(authorization_header);
  if (!creds.ok()) {
    out.failure = InvalidCredentials();
    return out;
  }
  std::optional<std::string> stored_hash;
  {
    ReaderLock lock(config_mu_);
    auto it = accounts_.find(creds->username);
    // An account of another entity is treated exactly like an unknown user.
    if (it != accounts_.end() && it->second.entity == entity) {
      stored_hash = it->second.password_hash;
    }
  }
  out = VerifyAccount(creds->username, creds->password, stored_hash, now);
  sodium_memzero(creds->password.data(), creds->password.size());
  return out;
}

Authenticator::PasswordCheck Authenticator::VerifyAccount(
    const std::string& username, std::string_view password,
    const std::optional<std::string>& stored_hash, UnixSeconds now) {
  PasswordCheck out;
  if (stored_hash) {
    if (UnixSeconds wait = lockout_.RetryAfter(username, now); wait > 0) {
      out.failure = TooManyRequests(wait);
      return out;
    }
    const RateDecision by_account = per_account_.Admit(username, now);
    if (!by_account.allowed) {
      out.failure = TooManyRequests(by_account.retry_after);
      return out;
    }
  }
  // No lock is held here: Argon2id takes its time and memory.
  // An unknown user is verified against the dummy hash so that it costs
  // what a wrong password costs (no user enumeration by timing).
  bool match = VerifyPassword(stored_hash ? *stored_hash : dummy_hash_, password);
  if (!stored_hash) match = false;
  if (!match) {
    if (stored_hash) lockout_.RecordFailure(username, now);
    out.failure = InvalidCredentials();
    return out;
  }
  lockout_.RecordSuccess(username);
  out.username = username;
  return out;
}

DashboardCheck Authenticator::CheckDashboardPassword(std::string_view username,
                                                     std::string_view password,
                                                     std::string_view source_ip,
                                                     const OperatorHashLookup& operator_hash) {
  const UnixSeconds now = clock_.Now();
  DashboardCheck out;
  Result<IpAddress> source = IpAddress::Parse(source_ip);
  if (!source.ok()) {
    out.failure = SourceNotAllowed();
    return out;
  }
  const RateDecision by_source = per_source_.Admit(SourceKey(*source), now);
  if (!by_source.allowed) {
    out.failure = TooManyRequests(by_source.retry_after);
    return out;
  }
  if (ValidateUsername(username).ok()) {
    std::optional<std::string> stored_hash;
    std::optional<EntityId> entity;
    {
      ReaderLock lock(config_mu_);
      if (auto it = accounts_.find(std::string(username)); it != accounts_.end()) {
        stored_hash = it->second.password_hash;
        entity = it->second.entity;
      }
    }
    // The entity's allow-list comes first, as on MoSAPI: from anywhere else
    // nothing is counted or verified, so nobody outside it can guess the
    // account's password or lock it out.
    if (entity && !SourceAllowed(*entity, source_ip, nullptr)) {
      out.failure = SourceNotAllowed();
      return out;
    }
    if (!stored_hash && operator_hash) stored_hash = operator_hash(username);
    PasswordCheck check = VerifyAccount(std::string(username), password, stored_hash, now);
    if (!check.username) {
      out.failure = std::move(check.failure);
      return out;
    }
    out.username = std::move(check.username);
    out.entity = entity;
    return out;
  }
  // A malformed name costs a verification too.
  VerifyPassword(dummy_hash_, password);
  out.failure = InvalidCredentials();
  return out;
}

// -------------------------------------------------------------- decisions

bool Authenticator::NeedsPasswordCheck(const EntityId& entity,
                                       std::string_view authorization_header,
                                       std::string_view source_ip) const {
  const UnixSeconds now = clock_.Now();
  IpAddress source;
  if (!SourceAllowed(entity, source_ip, &source)) return false;
  if (!per_source_.WouldAdmit(SourceKey(source), now)) return false;
  Result<BasicCredentials> creds = ParseBasicAuthorization(authorization_header);
  if (!creds.ok()) return false;
  bool known = false;
  {
    ReaderLock lock(config_mu_);
    auto it = accounts_.find(creds->username);
    known = it != accounts_.end() && it->second.entity == entity;
  }
  sodium_memzero(creds->password.data(), creds->password.size());
  if (!known) return true;
  return lockout_.RetryAfter(creds->username, now) <= 0 &&
         per_account_.WouldAdmit(creds->username, now);
}

AuthDecision Authenticator::Login(const EntityId& entity, std::string_view authorization_header,
                                  std::string_view source_ip, bool tls) {
  const UnixSeconds now = clock_.Now();
  IpAddress source;
  if (!SourceAllowed(entity, source_ip, &source)) return SourceNotAllowed();
  PasswordCheck check = CheckPassword(entity, authorization_header, source, now);
  if (!check.username) return check.failure;
  std::optional<RoleSet> roles = EntityRoles(entity);
  if (!roles) return SourceNotAllowed();  // the entity was removed meanwhile
  Result<NewSession> created = sessions_->Create(*check.username, entity, now);
  if (!created.ok()) {
    if (created.status().code() != StatusCode::kUnavailable) return Reply(500, kInternalErrorText);
    AuthDecision d = Reply(503, kSessionsUnavailableText);
    d.retry_after = 5;
    return d;
  }
  AuthDecision d = Granted(Principal{AuthMethod::kSessionCookie, entity, *check.username, *roles},
                           kLoginSuccessfulText);
  d.set_cookie = LoginSetCookie(entity, created->id, limits_.session_lifetime, tls);
  return d;
}

AuthDecision Authenticator::Logout(const EntityId& entity, std::string_view cookie_header,
                                   std::string_view source_ip, bool tls) {
  const UnixSeconds now = clock_.Now();
  IpAddress source;
  if (!SourceAllowed(entity, source_ip, &source)) return SourceNotAllowed();
  const std::vector<std::string> ids = SessionCookieValues(cookie_header);
  for (const std::string& id : ids) {
    std::optional<Session> s = sessions_->End(id, entity, now);
    if (!s) continue;
    AuthDecision d = Granted(Principal{AuthMethod::kSessionCookie, entity, s->username,
                                       EntityRoles(entity).value_or(RoleSet{})},
                             kLogoutSuccessfulText);
    d.set_cookie = LogoutSetCookie(entity, tls);
    return d;
  }
  // Already expired or ended (clients call logout twice, §10.2): 401, and the
  // stale cookie is deleted all the same.
  AuthDecision d = NotAuthenticated();
  if (!ids.empty()) d.set_cookie = LogoutSetCookie(entity, tls);
  return d;
}

AuthDecision Authenticator::Authorize(const EntityId& entity, std::string_view cookie_header,
                                      std::string_view authorization_header,
                                      std::string_view source_ip, Role required_role) {
  return Authorize(entity, cookie_header, authorization_header, source_ip, required_role, {});
}

AuthDecision Authenticator::Authorize(const EntityId& entity, std::string_view cookie_header,
                                      std::string_view authorization_header,
                                      std::string_view source_ip, Role required_role,
                                      std::span<const CertificateGrant> grants) {
  const UnixSeconds now = clock_.Now();
  // Precedence (dane-client-auth.md §3): a certificate that authenticates
  // and authorizes wins; otherwise a valid session cookie for this entity,
  // judged on its own (the certificate neither helps nor spoils it);
  // otherwise the certificate's refusal if it matched (403 outside every
  // matching entry's ACL, 401 when the role is missing), else the cookie's.
  std::optional<AuthDecision> certificate_refusal =
      CertificateDecision(entity, source_ip, grants, required_role, NotAuthenticated());
  if (certificate_refusal && certificate_refusal->ok()) return *certificate_refusal;

  IpAddress source;
  if (!SourceAllowed(entity, source_ip, &source))
    return certificate_refusal ? *certificate_refusal : SourceNotAllowed();

  std::string source_key;  // made only for a cookie the cache does not know
  for (const std::string& id : SessionCookieValues(cookie_header)) {
    // The cache first: a known session (every request but a client's first
    // on this host) costs no limiter work.
    std::optional<Session> s = sessions_->FindSession(id, entity, now, SessionLookup::kCachedOnly);
    if (!s) {
      if (source_key.empty()) source_key = SourceKey(source);
      if (unknown_cookies_.WouldAdmit(source_key, now))
        s = sessions_->FindSession(id, entity, now, SessionLookup::kAnywhere);
      if (!s) {
        (void)unknown_cookies_.Admit(source_key, now);
        continue;
      }
    }
    if (!AccountActsFor(s->username, entity)) continue;
    std::optional<RoleSet> roles = EntityRoles(entity);
    // §4.3 project default: a missing role reads as "not authenticated".
    if (!roles || !roles->Contains(required_role))
      return certificate_refusal ? *certificate_refusal : NotAuthenticated();
    return Granted(Principal{AuthMethod::kSessionCookie, entity, s->username, *roles}, "OK");
  }
  if (certificate_refusal) return *certificate_refusal;

  // Basic straight to a data endpoint is refused like production MoSAPI does
  // (§4.2 step 3, §10.2) unless the compatibility option is on.
  if (limits_.accept_basic_on_data && IsBasicScheme(authorization_header)) {
    PasswordCheck check = CheckPassword(entity, authorization_header, source, now);
    if (!check.username) return check.failure;
    std::optional<RoleSet> roles = EntityRoles(entity);
    if (!roles || !roles->Contains(required_role)) return NotAuthenticated();
    return Granted(Principal{AuthMethod::kBasic, entity, *check.username, *roles}, "OK");
  }
  return NotAuthenticated();
}

AuthDecision Authenticator::AuthorizeEachRequest(const EntityId& entity,
                                                 std::string_view authorization_header,
                                                 std::string_view source_ip,
                                                 std::optional<Role> required_role,
                                                 std::span<const CertificateGrant> grants) {
  const UnixSeconds now = clock_.Now();
  const auto has_role = [&](const RoleSet& roles) {
    return !required_role || roles.Contains(*required_role);
  };
  std::optional<AuthDecision> certificate_refusal =
      CertificateDecision(entity, source_ip, grants, required_role, Reply(403, kRoleMissingText));
  if (certificate_refusal && certificate_refusal->ok()) return *certificate_refusal;
  if (!IsBasicScheme(authorization_header))
    return certificate_refusal ? *certificate_refusal : InvalidCredentials();
  IpAddress source;
  if (!SourceAllowed(entity, source_ip, &source)) return SourceNotAllowed();
  // Credentials verified a moment ago pass without Argon2id or counting.
  Result<BasicCredentials> creds = ParseBasicAuthorization(authorization_header);
  std::optional<std::string> stored_hash;
  if (creds.ok()) {
    ReaderLock lock(config_mu_);
    auto it = accounts_.find(creds->username);
    if (it != accounts_.end() && it->second.entity == entity) stored_hash = it->second.password_hash;
  }
  PasswordCheck check;
  if (stored_hash && verified_basic_.Matches(creds->username, creds->password, *stored_hash, now)) {
    check.username = creds->username;
  } else {
    check = CheckPassword(entity, authorization_header, source, now);
    if (check.username && stored_hash)
      verified_basic_.Remember(*check.username, creds->password, *stored_hash, now);
  }
  if (creds.ok()) sodium_memzero(creds->password.data(), creds->password.size());
  if (!check.username) return check.failure;
  std::optional<RoleSet> roles = EntityRoles(entity);
  if (!roles) return SourceNotAllowed();  // the entity was removed meanwhile
  if (!has_role(*roles)) return Reply(403, kRoleMissingText);
  return Granted(Principal{AuthMethod::kBasic, entity, *check.username, *roles}, "OK");
}

std::size_t Authenticator::Sweep(UnixSeconds now) {
  per_source_.Sweep(now);
  per_account_.Sweep(now);
  unknown_cookies_.Sweep(now);
  return sessions_->Sweep(now);
}

// ---------------------------------------------------------- configuration

Status Authenticator::Restore(const AuthSnapshot& snapshot) {
  std::unordered_map<EntityId, EntityAccessRecord> entities;
  for (const EntityAccessRecord& e : snapshot.entities) {
    TLDMON_RETURN_IF_ERROR(EntityId::ValidateId(e.entity.kind, e.entity.id));
    if (!entities.emplace(e.entity, e).second) {
      return AlreadyExists("duplicate access record for " + e.entity.Path());
    }
  }
  std::unordered_map<std::string, AccountRecord> accounts;
  for (const AccountRecord& a : snapshot.accounts) {
    TLDMON_RETURN_IF_ERROR(ValidateUsername(a.username));
    TLDMON_RETURN_IF_ERROR(EntityId::ValidateId(a.entity.kind, a.entity.id));
    if (!LooksLikeArgon2idHash(a.password_hash)) {
      return InvalidArgument("account " + a.username + ": password hash is not argon2id");
    }
    if (!accounts.emplace(a.username, a).second) {
      return AlreadyExists("duplicate account " + a.username);
    }
  }
  std::vector<std::string> stale;  // accounts whose sessions must end
  {
    WriterLock lock(config_mu_);
    for (const auto& [name, old] : accounts_) {
      auto it = accounts.find(name);
      if (it == accounts.end() || it->second.password_hash != old.password_hash ||
          !(it->second.entity == old.entity)) {
        stale.push_back(name);
      }
    }
    entities_ = std::move(entities);
    accounts_ = std::move(accounts);
  }
  for (const std::string& name : stale) {
    sessions_->EndAllOf(name);
    lockout_.Forget(name);
    per_account_.Forget(name);
  }
  return Status::Ok();
}

AuthSnapshot Authenticator::Snapshot() const {
  AuthSnapshot s;
  {
    ReaderLock lock(config_mu_);
    for (const auto& [id, e] : entities_) s.entities.push_back(e);
    for (const auto& [name, a] : accounts_) s.accounts.push_back(a);
  }
  std::sort(s.entities.begin(), s.entities.end(),
            [](const auto& a, const auto& b) { return a.entity < b.entity; });
  std::sort(s.accounts.begin(), s.accounts.end(),
            [](const auto& a, const auto& b) { return a.username < b.username; });
  return s;
}

Status Authenticator::SetEntityAccess(const EntityAccessRecord& record) {
  TLDMON_RETURN_IF_ERROR(EntityId::ValidateId(record.entity.kind, record.entity.id));
  WriterLock lock(config_mu_);
  entities_[record.entity] = record;
  return Status::Ok();
}

Status Authenticator::RemoveEntityAccess(const EntityId& entity) {
  WriterLock lock(config_mu_);
  if (entities_.erase(entity) == 0) return NotFound("no access record for " + entity.Path());
  return Status::Ok();
}

Status Authenticator::SetPassword(std::string_view username, const EntityId& entity,
                                  std::string_view password) {
  TLDMON_RETURN_IF_ERROR(ValidateUsername(username));
  TLDMON_RETURN_IF_ERROR(EntityId::ValidateId(entity.kind, entity.id));
  if (password.empty() || password.size() > kMaxPassword) {
    return InvalidArgument("password must be 1.." + std::to_string(kMaxPassword) + " bytes");
  }
  for (char c : password) {
    const auto u = static_cast<unsigned char>(c);
    // RFC 7617 §2: such a password could never be sent with Basic.
    if (u < 0x20 || u == 0x7f) return InvalidArgument("password contains control characters");
  }
  const std::string name(username);
  {
    ReaderLock lock(config_mu_);
    auto it = accounts_.find(name);
    if (it != accounts_.end() && !(it->second.entity == entity)) {
      return AlreadyExists("user name " + name + " belongs to " + it->second.entity.Path());
    }
  }
  Result<std::string> hash = HashPassword(password, limits_.pwhash);  // slow: no lock held
  if (!hash.ok()) return hash.status();
  bool replaced = false;
  {
    WriterLock lock(config_mu_);
    auto it = accounts_.find(name);
    if (it != accounts_.end() && !(it->second.entity == entity)) {
      return AlreadyExists("user name " + name + " belongs to " + it->second.entity.Path());
    }
    replaced = it != accounts_.end();
    accounts_[name] = AccountRecord{name, entity, std::move(hash).value()};
  }
  if (replaced) sessions_->EndAllOf(name);
  lockout_.Forget(name);
  per_account_.Forget(name);
  return Status::Ok();
}

Status Authenticator::RemoveAccount(std::string_view username) {
  const std::string name(username);
  {
    WriterLock lock(config_mu_);
    if (accounts_.erase(name) == 0) return NotFound("no account " + name);
  }
  sessions_->EndAllOf(name);
  lockout_.Forget(name);
  per_account_.Forget(name);
  return Status::Ok();
}

void Authenticator::Unlock(std::string_view username) {
  lockout_.Forget(username);
  per_account_.Forget(username);
}

}  // namespace tldmon::auth

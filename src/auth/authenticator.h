// Authenticator: the access-control decisions of the MoSAPI server
// (mosapi-api.md §4.1–§4.5, §10.2), independent of HTTP plumbing. The server
// calls Login / Logout / Authorize with raw header values and the peer
// address and turns the AuthDecision into a response.
//
// Model (docs/auth.md): every entity (ry/<tld>, rr/<ianaId>) has an IP
// allow-list and a role set; password accounts act for one entity with its
// roles. Login with HTTP Basic yields a session cookie `id`; data endpoints
// accept only that cookie (or, through the seam, a TLS client certificate).
//
// State: the configuration (entities, accounts) is replaced through Restore
// or edited through the admin operations and read back with Snapshot, so the
// Store can persist it. Sessions and lockouts live in memory (a restart logs
// everyone out) unless the caller gives stores that several hosts share
// (AuthStateStores); rate-limit counters are always this host's.
//
// Time comes only from the Clock passed to Create. Nothing here does I/O.
//
// Thread-safe: all member functions may be called concurrently. Password
// verification (tens of milliseconds with production limits) runs without
// any lock held.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/access_records.h"
#include "auth/auth_decision.h"
#include "auth/auth_limits.h"
#include "auth/basic_verification_cache.h"
#include "auth/lockout.h"
#include "auth/rate_limiter.h"
#include "auth/role.h"
#include "auth/session_store.h"
#include "core/clock.h"
#include "core/entity_id.h"
#include "core/status.h"
#include "core/thread_annotations.h"

namespace tldmon::auth {

// The outcome of a dashboard login's password check (CheckDashboardPassword).
struct DashboardCheck {
  std::optional<std::string> username;  // set on success
  std::optional<EntityId> entity;       // an entity account's entity; nullopt: an operator
  AuthDecision failure;                 // when !username: 401, 403 or 429
};

// The password hash of a dashboard operator account (docs/dashboard.md),
// which the Authenticator does not hold; nullopt for an unknown name.
using OperatorHashLookup = std::function<std::optional<std::string>(std::string_view username)>;

// Where sessions and lockout states live; null members mean this process's
// memory (SessionTable, MemoryLockoutLedger).
struct AuthStateStores {
  std::unique_ptr<SessionStore> sessions;
  std::unique_ptr<LockoutLedger> lockouts;
};

class Authenticator {
 public:
  // `clock` must outlive the Authenticator. Fails when `limits` is invalid or
  // libsodium cannot be used (the dummy hash is made here, with
  // limits.pwhash, so an unknown user costs what a wrong password costs).
  static Result<std::unique_ptr<Authenticator>> Create(const Clock& clock, AuthLimits limits,
                                                       AuthStateStores stores = {});

  Authenticator(const Authenticator&) = delete;
  Authenticator& operator=(const Authenticator&) = delete;

  // ---- Decisions (mosapi-api.md §4.3) ----

  // `GET|POST /<entity>/<id>/login`. `authorization_header` is the raw value
  // ("Basic ..."; empty if absent), `source_ip` the peer address as text,
  // `tls` whether the connection is TLS (adds `Secure` to the cookie).
  //   200 "Login successful" + Set-Cookie `id`   credentials valid
  //   401 "Invalid User and/or Password"         missing/malformed/wrong credentials
  //   403                                        source not in the entity's allow-list
  //   429 + retry_after                          per-source or per-account limit, lockout
  AuthDecision Login(const EntityId& entity, std::string_view authorization_header,
                     std::string_view source_ip, bool tls);

  // Whether Login (or Basic credentials on a data endpoint) with these
  // arguments would verify a password now, the one costly step. False when
  // it would answer before that: a source not in the allow-list, a
  // per-source or per-account limit reached, a locked-out account,
  // malformed credentials. Counts nothing and hashes nothing, so the server
  // can keep such requests off its slow-request pool (a flood of refused
  // attempts then never takes a slot from other tenants). An unknown user
  // name is true, as it is verified against the dummy hash.
  bool NeedsPasswordCheck(const EntityId& entity, std::string_view authorization_header,
                          std::string_view source_ip) const;

  // `GET /<entity>/<id>/logout`: 200 and a deleting Set-Cookie when a live
  // session of this entity was named by the Cookie header; 401 (the
  // not-authenticated text) otherwise, e.g. on a second logout; 403 as above.
  AuthDecision Logout(const EntityId& entity, std::string_view cookie_header,
                      std::string_view source_ip, bool tls);

  // Every data endpoint. `cookie_header` is the raw Cookie value (empty if
  // absent), `required_role` the role that gates the endpoint.
  //   200 + principal      a live session of this entity's account that has the role
  //   401 kNotAuthenticatedText   no usable cookie (none, expired, evicted,
  //                        another entity's, account gone), or role missing,
  //                        or Basic credentials (refused unless
  //                        limits.accept_basic_on_data; then they are checked
  //                        like a login, counted by the same limits, and a
  //                        wrong password gets kInvalidCredentialsText)
  //   403                  source not in the entity's allow-list
  //   429                  only in accept_basic_on_data mode (login limits)
  // A valid cookie wins over an Authorization header sent with it.
  AuthDecision Authorize(const EntityId& entity, std::string_view cookie_header,
                         std::string_view authorization_header, std::string_view source_ip,
                         Role required_role);

  // Same, for a client that presented a TLS certificate: `grants` are the
  // entity's TLS entries whose TLSA records matched it (empty: no
  // certificate, fall back to the cookie). With grants the decision is made
  // by them alone: 403 unless some grant's ACL admits the source, 401 unless
  // such a grant has the role, else 200 (method kClientCertificate).
  AuthDecision Authorize(const EntityId& entity, std::string_view cookie_header,
                         std::string_view authorization_header, std::string_view source_ip,
                         Role required_role, std::span<const CertificateGrant> grants);

  // The RRI's decision (rri.md §1, §8.1; docs/rri.md): no session, HTTP
  // Basic on every request, or a TLS client certificate (`grants` as in
  // Authorize). `required_role` nullopt: any account of the entity (the
  // caller then decides, e.g. the escrow agent's account).
  //   200 + principal  a grant admitting the source with the role, or valid
  //                    Basic credentials of an account of `entity` from an
  //                    allowed source whose entity has the role
  //   401 kInvalidCredentialsText   no or wrong credentials
  //   403              source not allowed (allow-list, or every matching
  //                    grant's ACL), or the role missing (kRoleMissingText)
  //   429              the login limits and lockout, which count these
  //                    checks as they count logins — except a request whose
  //                    credentials were verified in the last 5 minutes
  //                    (BasicVerificationCache: no Argon2id, nothing counted)
  // A certificate that matched but refuses leaves Basic credentials sent
  // with it to be judged on their own, as a cookie is in Authorize.
  AuthDecision AuthorizeEachRequest(const EntityId& entity, std::string_view authorization_header,
                                    std::string_view source_ip, std::optional<Role> required_role,
                                    std::span<const CertificateGrant> grants);

  // The dashboard's login (docs/dashboard.md): the user name alone says who
  // it is — an entity's account (then the entity's allow-list applies
  // first, as on MoSAPI: 403 from elsewhere, nothing counted or verified),
  // or else an operator account whose hash `operator_hash` gives (the caller
  // checks the operators' allow-list before). The same per-source and
  // per-account limits and the same lockout as Login count it, so guessing
  // through the dashboard locks the MoSAPI account too. An unknown name
  // costs a verification against the dummy hash, as a wrong password does.
  DashboardCheck CheckDashboardPassword(std::string_view username, std::string_view password,
                                        std::string_view source_ip,
                                        const OperatorHashLookup& operator_hash);

  // The entity of an account; nullopt when there is no such account (a
  // dashboard session of a removed account then ends).
  std::optional<EntityId> AccountEntity(std::string_view username) const;
  // Whether the entity's allow-list admits `source_ip`.
  bool EntitySourceAllowed(const EntityId& entity, std::string_view source_ip) const {
    return SourceAllowed(entity, source_ip, nullptr);
  }
  // The entity's roles; nullopt for an entity without an access record.
  std::optional<RoleSet> RolesOf(const EntityId& entity) const { return EntityRoles(entity); }

  // Purges expired sessions and ended rate-limit windows; the server calls it
  // periodically (e.g. every minute). Returns the number of sessions purged.
  std::size_t Sweep(UnixSeconds now);

  // ---- Configuration (what `tldmon admin` edits; persisted by the Store) ----

  // Replaces the whole configuration after validating every record (unique
  // user names and entities, valid ids, argon2id hashes, accounts' entities
  // valid). All or nothing. Sessions of accounts that disappeared or whose
  // hash changed are ended.
  Status Restore(const AuthSnapshot& snapshot);
  // The configuration, sorted (entities by id, accounts by user name).
  AuthSnapshot Snapshot() const;

  // Creates or replaces an entity's allow-list and roles.
  Status SetEntityAccess(const EntityAccessRecord& record);
  // Removes an entity's access record (its accounts then admit nobody).
  Status RemoveEntityAccess(const EntityId& entity);
  // Creates the account or changes its password (hashing with limits.pwhash).
  // Changing a password ends the account's sessions and clears its lockout.
  // AlreadyExists if the user name belongs to another entity.
  Status SetPassword(std::string_view username, const EntityId& entity, std::string_view password);
  // Removes an account, its sessions and its counters. NotFound if absent.
  Status RemoveAccount(std::string_view username);
  // Clears an account's lockout (an operator's "unlock").
  void Unlock(std::string_view username);

  // Live sessions (for /metrics and tests).
  std::size_t SessionCount() const { return sessions_->size(); }
  const AuthLimits& limits() const { return limits_; }

 private:
  Authenticator(const Clock& clock, AuthLimits limits, std::string dummy_hash,
                AuthStateStores stores);

  struct PasswordCheck {
    std::optional<std::string> username;  // set on success
    AuthDecision failure;                 // when !username
  };

  // Allow-list check for `entity`; fills *source on success.
  bool SourceAllowed(const EntityId& entity, std::string_view source_ip, IpAddress* source) const;
  std::optional<RoleSet> EntityRoles(const EntityId& entity) const;
  // Whether `username` is still an account of `entity`.
  bool AccountActsFor(const std::string& username, const EntityId& entity) const;
  // Rate limits, lockout and the Argon2id check shared by Login and the
  // lenient Basic-on-data mode.
  PasswordCheck CheckPassword(const EntityId& entity, std::string_view authorization_header,
                              const IpAddress& source, UnixSeconds now);
  // Lockout, per-account limit and the Argon2id check of one account
  // (`stored_hash` nullopt: unknown, checked against the dummy hash).
  PasswordCheck VerifyAccount(const std::string& username, std::string_view password,
                              const std::optional<std::string>& stored_hash, UnixSeconds now);
  std::string SourceKey(const IpAddress& source) const;

  const Clock& clock_;
  const AuthLimits limits_;
  const std::string dummy_hash_;

  const std::unique_ptr<SessionStore> sessions_;
  RateLimiter per_source_;
  RateLimiter per_account_;
  // Unknown session cookies per source: past the limit, that source's
  // cookies are looked up in this host's session cache only
  // (SessionLookup::kCachedOnly), so a flood of forged cookies costs no
  // database lookups on a shared store.
  RateLimiter unknown_cookies_;
  Lockout lockout_;
  // AuthorizeEachRequest's verified Basic credentials (RRI).
  BasicVerificationCache verified_basic_;

  mutable SharedMutex config_mu_;
  std::unordered_map<EntityId, EntityAccessRecord> entities_ GUARDED_BY(config_mu_);
  std::unordered_map<std::string, AccountRecord> accounts_ GUARDED_BY(config_mu_);
};

}  // namespace tldmon::auth

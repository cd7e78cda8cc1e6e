// DashboardAuth: who is looking at the dashboard (docs/dashboard.md
// "Access"). Login takes a user name and password — an entity's MoSAPI
// account, which sees that entity only, or an operator account
// (dashboard_operators.h), which sees every entity or its set — and starts
// a session kept in the cookie `tldmon_ui` (Path=/ui/, HttpOnly,
// SameSite=Strict, Secure over HTTPS).
//
// Limits: the password check is the Authenticator's own, so the same
// per-source and per-account limits and the same lockout count dashboard
// and MoSAPI logins together. Allow-lists: an entity account only from its
// entity's allow-list, on every request (an edit applies at once); an
// operator only from [dashboard] operator_allow (loopback by default).
//
// CSRF: every state change must carry the session's CSRF token, a keyed
// BLAKE2b of the session id under a per-process secret, so it needs no
// storage, differs per session and cannot be computed without the
// HttpOnly cookie. Sessions live in memory (like MoSAPI's): a restart logs
// everyone out.
//
// Thread-safe.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "auth/authenticator.h"
#include "auth/ip_prefix.h"
#include "core/clock.h"
#include "core/entity_id.h"
#include "core/thread_annotations.h"
#include "web/dashboard_operators.h"

namespace tldmon::web {

inline constexpr std::string_view kDashboardCookie = "tldmon_ui";

struct DashboardPrincipal {
  std::string username;
  std::optional<EntityId> entity;  // an entity account's entity; nullopt: an operator
  std::vector<EntityId> limit;     // an operator's entities; empty: every entity
  bool is_operator() const { return !entity.has_value(); }
  bool Sees(const EntityId& e) const;
};

struct DashboardSession {
  DashboardPrincipal principal;
  std::string csrf;  // the token state changes must carry
  UnixSeconds expires = 0;
};

struct DashboardLogin {
  int status = 200;  // 200, 401, 403, 429
  std::string message;
  UnixSeconds retry_after = 0;
  std::string set_cookie;  // on 200
  std::optional<DashboardSession> session;
};

struct DashboardAuthOptions {
  // Where operators may log in from ([dashboard] operator_allow).
  std::vector<auth::IpPrefix> operator_allow;
  // Absolute session lifetime ([dashboard] session_minutes): a dashboard
  // stays open on a wall screen, unlike a MoSAPI script's 15 minutes.
  UnixSeconds session_lifetime = 8 * 3600;
  // A new login beyond this ends the account's oldest dashboard session.
  std::size_t max_sessions_per_account = 8;
};

class DashboardAuth {
 public:
  // `authenticator` and `clock` must outlive this.
  DashboardAuth(auth::Authenticator& authenticator, const Clock& clock,
                DashboardAuthOptions options);

  // Replaces the operator accounts (after an admin change); sessions of
  // operators removed, or whose password or entities changed, end.
  void SetOperators(std::vector<OperatorAccount> operators);

  // Verifies a password (tens of milliseconds: call it on the slow pool).
  DashboardLogin Login(std::string_view username, std::string_view password,
                       std::string_view source_ip, bool tls);
  // The live session the Cookie header names, if its account still exists
  // and the source is allowed for it.
  std::optional<DashboardSession> Find(std::string_view cookie_header,
                                       std::string_view source_ip) const;
  // Ends the session the header names; returns whether there was one.
  bool Logout(std::string_view cookie_header);
  // The Set-Cookie value that deletes the cookie.
  static std::string ClearCookie(bool tls);
  // Purges expired sessions; returns how many.
  std::size_t Sweep();
  std::size_t size() const;
  // Whether the request's CSRF token belongs to the session.
  bool CsrfMatches(const DashboardSession& session, std::string_view token) const;

 private:
  struct Entry {
    std::string username;
    UnixSeconds created = 0;
    UnixSeconds expires = 0;
    std::string csrf;
  };
  void EndOldestBeyondLimit(const std::string& username) REQUIRES(mu_);
  static std::string Key(std::string_view id);
  std::optional<DashboardPrincipal> PrincipalOf(const std::string& username) const
      REQUIRES_SHARED(mu_);
  bool SourceAllowed(const DashboardPrincipal& p, std::string_view source_ip) const;

  auth::Authenticator& authenticator_;
  const Clock& clock_;
  const DashboardAuthOptions options_;
  std::array<unsigned char, 32> csrf_key_{};

  mutable SharedMutex mu_;
  std::unordered_map<std::string, OperatorAccount> operators_ GUARDED_BY(mu_);
  std::unordered_map<std::string, Entry> sessions_ GUARDED_BY(mu_);  // by Key(id)
};

}  // namespace tldmon::web

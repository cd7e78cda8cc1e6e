// AuthLimits: every tunable of the access-control layer, with the project
// defaults of mosapi-api.md §4.2/§4.3 (docs/auth.md lists them). One plain
// struct so configuration files map onto it field by field.
#pragma once

#include <cstddef>
#include <cstdint>

#include "auth/password_hash.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::auth {

struct AuthLimits {
  // --- Passwords (Argon2id cost of new hashes and of the dummy hash that an
  // unknown user is verified against, so both cost the same).
  PwhashLimits pwhash = PwhashLimits::Interactive();

  // --- Sessions (§4.2): absolute lifetime counted from login, and how many
  // cookie sessions one account may hold; a new login beyond it ends the
  // account's oldest session.
  UnixSeconds session_lifetime = 15 * 60;
  int max_sessions_per_account = 1;

  // --- Login rate limits (§4.3 project default): fixed windows that start
  // at the first attempt; excess attempts get 429 + Retry-After.
  int max_logins_per_account = 10;
  int max_logins_per_source = 30;
  UnixSeconds login_window = 60;
  // Sources are counted per address; IPv6 sources per prefix of this length,
  // because one IPv6 client commonly owns a whole /64.
  int source_ipv6_prefix_length = 64;
  // Session cookies that match no session, per source and login_window:
  // beyond this, a source's cookies are checked against this host's session
  // cache only (on PostgreSQL: no database lookup; a session made on another
  // host then works here only after this source's window ends). On one host
  // it changes nothing: every session is in memory.
  int max_unknown_cookies_per_source = 60;
  // Most source counters kept; the least recently used is evicted beyond it
  // (bounded memory under a flood of spoofed or random sources).
  std::size_t max_tracked_sources = 100000;

  // --- Lockout: after this many consecutive failed logins of an account, it
  // is locked for `lockout_base`; each further failure after a lock doubles
  // the lock, up to `lockout_max`. A successful login resets it.
  int lockout_after_failures = 5;
  UnixSeconds lockout_base = 30;
  UnixSeconds lockout_max = 15 * 60;

  // --- Compatibility: accept `Authorization: Basic` on data endpoints
  // (icann-client v0.1.0 style, §10.2). Off: production MoSAPI answers 401.
  bool accept_basic_on_data = false;

  // InvalidArgument naming the first field out of range.
  Status Validate() const;
};

}  // namespace tldmon::auth

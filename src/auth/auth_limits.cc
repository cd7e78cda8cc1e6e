#include "auth/auth_limits.h"

#include <string>

namespace tldmon::auth {

Status AuthLimits::Validate() const {
  TLDMON_RETURN_IF_ERROR(pwhash.Validate());
  if (session_lifetime < 1) return InvalidArgument("session_lifetime must be >= 1 s");
  if (max_sessions_per_account < 1) {
    return InvalidArgument("max_sessions_per_account must be >= 1");
  }
  if (max_logins_per_account < 1) return InvalidArgument("max_logins_per_account must be >= 1");
  if (max_logins_per_source < 1) return InvalidArgument("max_logins_per_source must be >= 1");
  if (max_unknown_cookies_per_source < 1)
    return InvalidArgument("max_unknown_cookies_per_source must be >= 1");
  if (login_window < 1) return InvalidArgument("login_window must be >= 1 s");
  if (source_ipv6_prefix_length < 1 || source_ipv6_prefix_length > 128) {
    return InvalidArgument("source_ipv6_prefix_length must be 1..128");
  }
  if (max_tracked_sources < 1) return InvalidArgument("max_tracked_sources must be >= 1");
  if (lockout_after_failures < 1) return InvalidArgument("lockout_after_failures must be >= 1");
  if (lockout_base < 1) return InvalidArgument("lockout_base must be >= 1 s");
  if (lockout_max < lockout_base) return InvalidArgument("lockout_max must be >= lockout_base");
  return Status::Ok();
}

}  // namespace tldmon::auth

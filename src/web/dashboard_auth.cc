#include "web/dashboard_auth.h"

#include <sodium.h>

#include <algorithm>

#include "auth/cookie.h"
#include "auth/password_hash.h"
#include "auth/session_table.h"

namespace tldmon::web {
namespace {

std::string Hex(const unsigned char* p, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 0x0f];
  }
  return out;
}

std::string NewId() {
  std::array<unsigned char, auth::kSessionIdBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string id = Hex(raw.data(), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return id;
}

}  // namespace

bool DashboardPrincipal::Sees(const EntityId& e) const {
  if (entity) return *entity == e;
  return limit.empty() || std::find(limit.begin(), limit.end(), e) != limit.end();
}

DashboardAuth::DashboardAuth(auth::Authenticator& authenticator, const Clock& clock,
                             DashboardAuthOptions options)
    : authenticator_(authenticator), clock_(clock), options_(std::move(options)) {
  (void)auth::EnsureSodium();
  randombytes_buf(csrf_key_.data(), csrf_key_.size());
}

std::string DashboardAuth::Key(std::string_view id) {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(id.data()),
                     id.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(digest.data()), digest.size());
}

void DashboardAuth::SetOperators(std::vector<OperatorAccount> operators) {
  std::unordered_map<std::string, OperatorAccount> next;
  for (OperatorAccount& a : operators) next.emplace(a.username, std::move(a));
  WriterLock lock(mu_);
  // An operator removed or changed (password, entities) is logged out.
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    const auto before = operators_.find(it->second.username);
    const auto after = next.find(it->second.username);
    const bool was_operator = before != operators_.end();
    if (was_operator && (after == next.end() || !(after->second == before->second)))
      it = sessions_.erase(it);
    else
      ++it;
  }
  operators_ = std::move(next);
}

std::optional<DashboardPrincipal> DashboardAuth::PrincipalOf(const std::string& username) const {
  // An entity account wins over an operator of the same name (the admin
  // command refuses to make such a pair).
  if (std::optional<EntityId> entity = authenticator_.AccountEntity(username))
    return DashboardPrincipal{username, *entity, {}};
  const auto it = operators_.find(username);
  if (it == operators_.end()) return std::nullopt;
  return DashboardPrincipal{username, std::nullopt, it->second.entities};
}

bool DashboardAuth::SourceAllowed(const DashboardPrincipal& p, std::string_view source_ip) const {
  const auto source = auth::IpAddress::Parse(source_ip);
  if (!source.ok()) return false;
  if (p.is_operator()) return auth::AllowListPermits(options_.operator_allow, *source);
  // The entity's allow-list as MoSAPI applies it (NeedsPasswordCheck's first step).
  return authenticator_.EntitySourceAllowed(*p.entity, source_ip);
}

DashboardLogin DashboardAuth::Login(std::string_view username, std::string_view password,
                                    std::string_view source_ip, bool tls) {
  DashboardLogin out;
  {
    // An operator from outside operator_allow is refused before its
    // password is tried (nothing to guess, no lockout to cause from there).
    ReaderLock lock(mu_);
    const auto op = operators_.find(std::string(username));
    if (op != operators_.end() && !authenticator_.AccountEntity(username) &&
        !SourceAllowed(DashboardPrincipal{op->first, std::nullopt, {}}, source_ip)) {
      out.status = 403;
      out.message = std::string(auth::kSourceNotAllowedText);
      return out;
    }
  }
  const auth::DashboardCheck check = authenticator_.CheckDashboardPassword(
      username, password, source_ip, [this](std::string_view name) -> std::optional<std::string> {
        ReaderLock lock(mu_);
        const auto it = operators_.find(std::string(name));
        if (it == operators_.end()) return std::nullopt;
        return it->second.password_hash;
      });
  if (!check.username) {
    out.status = check.failure.http_status;
    out.message = check.failure.body;
    out.retry_after = check.failure.retry_after;
    return out;
  }
  const UnixSeconds now = clock_.Now();
  const std::string id = NewId();
  WriterLock lock(mu_);
  std::optional<DashboardPrincipal> principal = PrincipalOf(*check.username);
  if (!principal || (principal->is_operator() && !SourceAllowed(*principal, source_ip))) {
    // Removed, or its operator_allow changed, while the password was checked.
    out.status = principal ? 403 : 401;
    out.message = principal ? std::string(auth::kSourceNotAllowedText)
                            : std::string(auth::kInvalidCredentialsText);
    return out;
  }
  Entry entry{*check.username, now, now + options_.session_lifetime, std::string()};
  std::array<unsigned char, 16> mac{};
  crypto_generichash(mac.data(), mac.size(), reinterpret_cast<const unsigned char*>(id.data()),
                     id.size(), csrf_key_.data(), csrf_key_.size());
  entry.csrf = Hex(mac.data(), mac.size());
  sessions_[Key(id)] = entry;
  EndOldestBeyondLimit(*check.username);
  out.session = DashboardSession{*principal, entry.csrf, entry.expires};
  out.set_cookie = std::string(kDashboardCookie) + "=" + id +
                   "; Path=/ui/; Max-Age=" + std::to_string(options_.session_lifetime) +
                   "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
  return out;
}

void DashboardAuth::EndOldestBeyondLimit(const std::string& username) {
  std::vector<std::pair<UnixSeconds, std::string>> mine;
  for (const auto& [key, e] : sessions_)
    if (e.username == username) mine.emplace_back(e.created, key);
  if (mine.size() <= options_.max_sessions_per_account) return;
  std::sort(mine.begin(), mine.end());
  for (std::size_t i = 0; i + options_.max_sessions_per_account < mine.size(); ++i)
    sessions_.erase(mine[i].second);
}

std::optional<DashboardSession> DashboardAuth::Find(std::string_view cookie_header,
                                                    std::string_view source_ip) const {
  const UnixSeconds now = clock_.Now();
  for (const std::string& id : auth::CookieValues(cookie_header, kDashboardCookie)) {
    if (id.size() != auth::kSessionIdHexLength) continue;
    ReaderLock lock(mu_);
    const auto it = sessions_.find(Key(id));
    if (it == sessions_.end() || it->second.expires <= now) continue;
    std::optional<DashboardPrincipal> principal = PrincipalOf(it->second.username);
    if (!principal || !SourceAllowed(*principal, source_ip)) continue;
    return DashboardSession{std::move(*principal), it->second.csrf, it->second.expires};
  }
  return std::nullopt;
}

bool DashboardAuth::Logout(std::string_view cookie_header) {
  bool ended = false;
  WriterLock lock(mu_);
  for (const std::string& id : auth::CookieValues(cookie_header, kDashboardCookie))
    ended = sessions_.erase(Key(id)) > 0 || ended;
  return ended;
}

std::string DashboardAuth::ClearCookie(bool tls) {
  return std::string(kDashboardCookie) +
         "=; Path=/ui/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; "
         "SameSite=Strict" +
         (tls ? "; Secure" : "");
}

std::size_t DashboardAuth::Sweep() {
  const UnixSeconds now = clock_.Now();
  WriterLock lock(mu_);
  return std::erase_if(sessions_, [now](const auto& kv) { return kv.second.expires <= now; });
}

std::size_t DashboardAuth::size() const {
  ReaderLock lock(mu_);
  return sessions_.size();
}

bool DashboardAuth::CsrfMatches(const DashboardSession& session, std::string_view token) const {
  return token.size() == session.csrf.size() &&
         sodium_memcmp(token.data(), session.csrf.data(), token.size()) == 0;
}

}  // namespace tldmon::web

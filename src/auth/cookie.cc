#include "auth/cookie.h"

#include "core/text.h"

namespace tldmon::auth {
namespace {

std::string CookiePath(const EntityId& entity) { return "/" + entity.Path(); }

}  // namespace

std::vector<std::string> SessionCookieValues(std::string_view cookie_header) {
  return CookieValues(cookie_header, kSessionCookieName);
}

std::vector<std::string> CookieValues(std::string_view cookie_header, std::string_view name) {
  std::vector<std::string> out;
  std::string_view rest = cookie_header.substr(0, kMaxCookieHeader);
  while (!rest.empty()) {
    const std::size_t semi = rest.find(';');
    const std::string_view pair = rest.substr(0, semi);
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (TrimBlanks(pair.substr(0, eq)) != name) continue;
    std::string_view value = TrimBlanks(pair.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (!value.empty()) out.emplace_back(value);
  }
  return out;
}

std::string LoginSetCookie(const EntityId& entity, std::string_view session_id,
                           std::int64_t max_age_seconds, bool secure) {
  std::string v(kSessionCookieName);
  v += '=';
  v += session_id;
  v += "; Path=" + CookiePath(entity);
  v += "; Max-Age=" + std::to_string(max_age_seconds);
  v += "; HttpOnly";
  if (secure) v += "; Secure";
  return v;
}

std::string LogoutSetCookie(const EntityId& entity, bool secure) {
  std::string v(kSessionCookieName);
  v += "=; Path=" + CookiePath(entity);
  v += "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly";
  if (secure) v += "; Secure";
  return v;
}

}  // namespace tldmon::auth

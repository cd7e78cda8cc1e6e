#include "app/demo_banner.h"

#include <fmt/format.h>

#include "app/demo_access.h"
#include "auth/access_records.h"

namespace tldmon::app {
namespace {

// Single-quoted for POSIX shells, so a path with blanks survives copy/paste.
std::string ShellQuote(const std::string& s) {
  bool plain = !s.empty();
  for (char c : s)
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) ||
                      std::string_view("/._-:+@=,").find(c) != std::string_view::npos);
  if (plain) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// HTTPS first: it is what a real client uses.
const ServedEndpoint& Preferred(const std::vector<ServedEndpoint>& endpoints) {
  for (const ServedEndpoint& e : endpoints)
    if (e.tls) return e;
  return endpoints.front();
}

}  // namespace

std::vector<std::string> DemoCurlCommands(const ServedEndpoint& endpoint,
                                          const std::string& certificate_file,
                                          const std::string& cookie_jar, const EntityId& entity) {
  std::string curl = "curl -sS";
  if (endpoint.tls) curl += " --cacert " + ShellQuote(certificate_file);
  const std::string jar = ShellQuote(cookie_jar);
  const std::string base = endpoint.url + "/" + entity.Path();
  const std::string user = auth::DefaultUsername(entity) + ":" + std::string(kDemoPassword);
  return {
      fmt::format("{} -c {} -u {} {}/login", curl, jar, user, base),
      fmt::format("{} -b {} {}/v2/monitoring/state", curl, jar, base),
      fmt::format("{} -b {} -c {} {}/logout", curl, jar, jar, base),
  };
}

std::string DemoBanner(const DemoBannerInput& in) {
  std::string out = "\nMoSAPI is served at:\n";
  for (const ServedEndpoint& e : in.endpoints) {
    out += "  " + e.url;
    if (e.tls && in.self_signed) out += "   (self-signed certificate: " + in.certificate_file + ")";
    if (!e.tls) out += "   (plain HTTP, for loopback use)";
    out += "\n";
  }
  const ServedEndpoint& ep = Preferred(in.endpoints);
  if (in.dashboard)
    out += fmt::format("\nThe dashboard: {}/ui/   (log in as {} to see every entity, or as an entity's user)\n",
                       ep.url, kDemoOperator);
  out += fmt::format("\nDemo entities; the password of every user is \"{}\":\n", kDemoPassword);
  out += fmt::format("  {:<16} {:<48} {:<16} {}\n", "ENTITY", "BASE URL", "USER", "STORY");
  for (const DemoEntityInfo& e : in.entities)
    out += fmt::format("  {:<16} {:<48} {:<16} {}\n", e.id.Path(), ep.url + "/" + e.id.Path(),
                       auth::DefaultUsername(e.id), e.story);
  const EntityId& first = in.entities.front().id;
  out +=
      "\nTry it with curl (log in, read the state, log out; the cookie jar keeps the session):\n";
  for (const std::string& c : DemoCurlCommands(ep, in.certificate_file, in.cookie_jar, first))
    out += "  " + c + "\n";
  if (!in.client_certificate.empty() && ep.tls) {
    out += fmt::format(
        "\nOr with a TLS client certificate, no password: its key's SHA-256 is published as a\n"
        "DNSSEC-signed TLSA record at rsp.dane.example, which {} and ry/broken list (docs/auth.md):\n"
        "  curl -sS --cacert {} --cert {} --key {} {}/{}/v2/monitoring/state\n",
        first.Path(), ShellQuote(in.certificate_file), ShellQuote(in.client_certificate),
        ShellQuote(in.client_key), ep.url, first.Path());
  } else if (!in.dane_note.empty()) {
    out += "\n" + in.dane_note + "\n";
  }
  if (!in.simulated_entities) {
    out += fmt::format("For another entity replace {} and {}. API description: {}/openapi.json\n",
                       first.Path(), auth::DefaultUsername(first), ep.url);
  } else {
    out += fmt::format(
        "For another entity replace {} and {} (e.g. ry/broken and broken_ry; its DNS is Down:\n"
        "  .../ry/broken/v2/monitoring/dns/alarmed). API description: {}/openapi.json\n",
        first.Path(), auth::DefaultUsername(first), ep.url);
  }
  if (first.kind == EntityKind::kRegistry) {
    // The RRI has no login: Basic on every request (docs/rri.md).
    std::string curl = "curl -sS";
    if (ep.tls) curl += " --cacert " + ShellQuote(in.certificate_file);
    out += fmt::format(
        "\nRegistry reporting (RRI, docs/rri.md) at ICANN's paths, Basic on every request, e.g. the\n"
        "reporting obligations (uploads: PUT {}/report/registry-functions-activity/{}/YYYY-MM):\n"
        "  {} -u {}:{} {}/info/status/registry/{}\n",
        ep.url, first.id, curl, auth::DefaultUsername(first), kDemoPassword, ep.url, first.id);
  }
  if (!in.admin_token_file.empty()) {
    std::string curl = "curl -sS";
    if (ep.tls) curl += " --cacert " + ShellQuote(in.certificate_file);
    out += fmt::format(
        "\nThe operator's admin API (docs/admin-api.md), e.g. the TLS access entries and their DNS state:\n"
        "  {} -H \"Authorization: Bearer $(cat {})\" {}/admin/v1/tls\n",
        curl, ShellQuote(in.admin_token_file), ep.url);
  }
  return out;
}

}  // namespace tldmon::app

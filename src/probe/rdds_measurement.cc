#include "probe/rdds_measurement.h"

#include <nlohmann/json.hpp>

#include <boost/asio/use_awaitable.hpp>
#include <cmath>
#include <optional>

#include "probe/http_status_index.h"
#include "probe/web_fetch.h"
#include "probe/whois_query.h"

namespace tldmon::probe {
namespace asio = boost::asio;

namespace {

using Failure = HostLookup::Failure;

std::int32_t Ms(double ms) { return static_cast<std::int32_t>(std::floor(ms)); }

HostLookupOptions LookupOptions(const RddsTestEnv& env) {
  return HostLookupOptions{env.resolver, env.ipv4, env.ipv6, env.timeout};
}

// On the loop through CurlMulti, or blocking here without one (tests).
asio::awaitable<WebFetch> Fetch(const RddsTestEnv& env, std::string url, asio::ip::address address,
                                WebFetchOptions options) {
  if (env.web == nullptr) co_return FetchPinned(url, address, options);
  co_return co_await FetchPinned(*env.web, std::move(url), address, std::move(options));
}

// The transport failures of RDDS80 (UDP-style numbering of §8.3).
std::int32_t Rdds80FetchCode(const WebFetch& f) {
  switch (f.outcome) {
    case WebFetch::Outcome::kResponse:
      if (f.status == 0) return -206;  // no HTTP status code
      return f.status == 200 ? 0 : Rdds80HttpCode(f.status);
    case WebFetch::Outcome::kTimeout: return -255;
    case WebFetch::Outcome::kConnectError: return -256;
    case WebFetch::Outcome::kTooManyRedirects: return -259;
    case WebFetch::Outcome::kProtocolError:
    case WebFetch::Outcome::kBadUrl: return f.https ? -258 : -257;
  }
  return -1;
}

std::int32_t RdapFetchCode(const WebFetch& f) {
  switch (f.outcome) {
    case WebFetch::Outcome::kResponse:
      if (f.status == 0) return f.https ? -414 : -413;
      return f.status == 200 ? 0 : RdapHttpCode(f.status);
    case WebFetch::Outcome::kTimeout: return -405;
    case WebFetch::Outcome::kConnectError: return -406;
    case WebFetch::Outcome::kTooManyRedirects: return -415;
    case WebFetch::Outcome::kProtocolError:
    case WebFetch::Outcome::kBadUrl: return f.https ? -414 : -413;
  }
  return -1;
}

std::int32_t LookupCode(Failure f, std::int32_t no_reply, std::int32_t servfail,
                        std::int32_t nxdomain, std::int32_t other) {
  switch (f) {
    case Failure::kNone: return 0;
    case Failure::kNoReply: return no_reply;
    case Failure::kServfail: return servfail;
    case Failure::kNxdomain: return nxdomain;
    case Failure::kOtherRcode: return other;
    case Failure::kNoSupportedAddress: return -2;
  }
  return -1;
}

// The address an interface's test goes to: `host` through the local
// resolver, one of its addresses at random. nullopt when the lookup failed,
// with the service's code for the failure in m->value; else m->ip is set.
asio::awaitable<std::optional<asio::ip::address>> TestedAddress(
    const RddsTestEnv& env, const std::string& host, std::int32_t (*lookup_code)(Failure),
    NamedMetric* m) {
  const HostLookup lookup = co_await LookupHost(LookupOptions(env), host);
  if (lookup.failure != Failure::kNone) {
    m->value = lookup_code(lookup.failure);
    co_return std::nullopt;
  }
  const asio::ip::address address = PickAddress(lookup.addresses);
  m->ip = address.to_string();
  co_return address;
}

asio::awaitable<NamedMetric> Rdds43(const RddsTestEnv& env, const probewire::ProbeEntity& entity,
                                    const probewire::TestSettings& settings, UnixSeconds test_time) {
  NamedMetric m{std::string(kRdds43Name), "", -1, test_time, ""};
  const auto address = co_await TestedAddress(env, entity.rdds43_server, &Rdds43LookupCode, &m);
  if (!address) co_return m;
  WhoisOptions options;
  options.timeout = env.timeout;
  options.name_server_string = settings.rdds_ns_string;
  const WhoisResult r = co_await QueryWhois(asio::ip::tcp::endpoint(*address, env.rdds43_port),
                                            entity.test_domain, options);
  m.value = r.code != 0 ? r.code : Ms(r.rtt_ms);
  co_return m;
}

asio::awaitable<NamedMetric> Rdds80(const RddsTestEnv& env, const probewire::ProbeEntity& entity,
                                    const probewire::TestSettings& settings, UnixSeconds test_time) {
  NamedMetric m{std::string(kRdds80Name), "", -1, test_time, ""};
  const std::string host = UrlHost(entity.rdds80_url);
  if (host.empty()) {
    m.value = -257;  // not an http(s) URL: the configuration's fault, an HTTP error to RSM
    co_return m;
  }
  const auto address = co_await TestedAddress(env, host, &Rdds80LookupCode, &m);
  if (!address) co_return m;
  WebFetchOptions options;
  options.timeout = env.timeout;
  options.max_redirects = settings.max_redirects;
  options.max_body_bytes = 64 << 10;  // only the status matters
  const WebFetch f = co_await Fetch(env, entity.rdds80_url, *address, options);
  const std::int32_t code = Rdds80FetchCode(f);
  m.value = code != 0 ? code : Ms(f.total_ms);
  co_return m;
}

asio::awaitable<NamedMetric> Rdap(const RddsTestEnv& env, const probewire::ProbeEntity& entity,
                                  const probewire::TestSettings& settings, UnixSeconds test_time) {
  NamedMetric m{std::string(kRdapName), "", -1, test_time, ""};
  const std::string& base = entity.rdap_base_url;
  if (base == "not listed" || base.empty()) {
    m.value = -390;
    co_return m;
  }
  if (base == "no https") {
    // The bootstrap import writes "no https" for a base URL without HTTPS;
    // a URL given here is tested as it is (an http:// one only in labs).
    m.value = -391;
    co_return m;
  }
  const std::string host = UrlHost(base);
  if (host.empty()) {
    m.value = -414;
    co_return m;
  }
  const auto address = co_await TestedAddress(env, host, &RdapLookupCode, &m);
  if (!address) co_return m;
  WebFetchOptions options;
  options.timeout = env.timeout;
  options.max_redirects = settings.max_redirects;
  options.accept = "application/rdap+json";
  const std::string url = base + (base.back() == '/' ? "" : "/") + "domain/" + entity.test_domain;
  const WebFetch f = co_await Fetch(env, url, *address, options);
  std::int32_t code = RdapFetchCode(f);
  if (code == 0) code = f.body_truncated ? -407 : JudgeRdapBody(f.body, entity.test_domain);
  m.value = code != 0 ? code : Ms(f.total_ms);
  co_return m;
}

}  // namespace

std::int32_t Rdds43LookupCode(Failure f) { return LookupCode(f, -222, -224, -225, -3); }
std::int32_t Rdds80LookupCode(Failure f) { return LookupCode(f, -250, -252, -253, -4); }
std::int32_t RdapLookupCode(Failure f) { return LookupCode(f, -400, -402, -403, -5); }

std::int32_t JudgeRdapBody(std::string_view body, std::string_view domain) {
  const nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded()) return -407;
  if (!doc.is_object() || !doc.contains("ldhName")) return -408;
  const nlohmann::json& name = doc["ldhName"];
  if (!name.is_string() || name.get<std::string>() != domain) return -409;
  return 0;
}

asio::awaitable<NamedProbeReport> RunRddsTest(const RddsTestEnv& env,
                                              const probewire::ProbeEntity& entity,
                                              const probewire::TestSettings& settings,
                                              UnixSeconds cycle, UnixSeconds test_time) {
  NamedProbeReport report;
  report.entity = entity.id;
  report.test = TestKind::kRdds;
  report.cycle = cycle;
  report.tested_name = entity.test_domain;
  // One after the other, as RSM: at most 2 x 11 s of a 300 s cycle.
  if (entity.rdds43) report.metrics.push_back(co_await Rdds43(env, entity, settings, test_time));
  if (entity.rdds80) report.metrics.push_back(co_await Rdds80(env, entity, settings, test_time));
  co_return report;
}

asio::awaitable<NamedProbeReport> RunRdapTest(const RddsTestEnv& env,
                                              const probewire::ProbeEntity& entity,
                                              const probewire::TestSettings& settings,
                                              UnixSeconds cycle, UnixSeconds test_time) {
  NamedProbeReport report;
  report.entity = entity.id;
  report.test = TestKind::kRdap;
  report.cycle = cycle;
  report.tested_name = entity.test_domain;
  report.metrics.push_back(co_await Rdap(env, entity, settings, test_time));
  co_return report;
}

}  // namespace tldmon::probe

// RDDS43, RDDS80 and RDAP tests against tiny servers of this test on
// 127.0.0.1 (a WHOIS responder and an HTTP/1.1 responder on their own
// thread), one case per code of mosapi-api.md §8.3/§8.4 the tests can meet.
#include "probe/rdds_measurement.h"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <functional>
#include <map>
#include <thread>

#include "core/ldns_cpp.h"
#include "probe/http_status_index.h"
#include "probe/probe_test_run.h"
#include "probe/probe_test_server.h"
#include "probe/whois_query.h"

namespace tldmon::probe {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using testing::Http;
using testing::Response;
using testing::TestServer;

// WHOIS: reads one line, answers `reply` (or nothing when `silent`), closes.
TestServer::Serve Whois(std::string reply, bool silent = false) {
  return [reply, silent](tcp::socket s) -> asio::awaitable<void> {
    asio::streambuf buf;
    boost::system::error_code ec;
    co_await asio::async_read_until(s, buf, "\r\n", asio::redirect_error(asio::use_awaitable, ec));
    if (silent) {
      asio::steady_timer t(s.get_executor(), std::chrono::seconds(30));
      co_await t.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      co_return;
    }
    co_await asio::async_write(s, asio::buffer(reply),
                               asio::redirect_error(asio::use_awaitable, ec));
  };
}

using testing::RunSync;

RddsTestEnv Env(std::uint16_t rdds43_port = 43) {
  RddsTestEnv env;
  env.resolver = *ParseDnsEndpoint("127.0.0.1@1");  // nobody: only literals resolve
  env.rdds43_port = rdds43_port;
  env.timeout = std::chrono::milliseconds(700);
  return env;
}

probewire::ProbeEntity Entity() {
  probewire::ProbeEntity e;
  e.id = EntityId{EntityKind::kRegistry, "example"};
  e.test_domain = "nic.example";
  return e;
}

std::int32_t Rdds43Value(const TestServer& server, const probewire::ProbeEntity& base = Entity()) {
  probewire::ProbeEntity e = base;
  e.rdds43 = true;
  if (e.rdds43_server.empty()) e.rdds43_server = "127.0.0.1";
  const NamedProbeReport r = RunSync(RunRddsTest(Env(server.port()), e, {}, 600, 601));
  EXPECT_EQ(r.metrics.size(), 1u);
  return r.metrics.empty() ? 1 : r.metrics[0].value;
}

TEST(Rdds43, AReplyWithANameServerIsItsRtt) {
  TestServer server(Whois("Domain Name: NIC.EXAMPLE\r\nname server:  NS1.NIC.EXAMPLE\r\n"));
  const std::int32_t v = Rdds43Value(server);
  EXPECT_GE(v, 0);
}

TEST(Rdds43, EachFailureHasItsCode) {
  TestServer no_ns(Whois("Domain Name: NIC.EXAMPLE\r\nName Server:\r\n"));
  EXPECT_EQ(Rdds43Value(no_ns), -201);
  TestServer empty(Whois(""));
  EXPECT_EQ(Rdds43Value(empty), -229);
  TestServer silent(Whois("", true));
  EXPECT_EQ(Rdds43Value(silent), -227);
  std::uint16_t closed_port = 0;
  {
    TestServer gone(Whois(""));
    closed_port = gone.port();
  }
  probewire::ProbeEntity e = Entity();
  e.rdds43 = true;
  e.rdds43_server = "127.0.0.1";
  const NamedProbeReport refused = RunSync(RunRddsTest(Env(closed_port), e, {}, 600, 601));
  ASSERT_EQ(refused.metrics.size(), 1u);
  EXPECT_EQ(refused.metrics[0].value, -228);
  EXPECT_EQ(refused.metrics[0].ip, "127.0.0.1");
  // A host name and no resolver: -222; an IPv6 literal on an IPv4-only probe: -2.
  e.rdds43_server = "whois.nic.example";
  EXPECT_EQ(RunSync(RunRddsTest(Env(closed_port), e, {}, 600, 601)).metrics[0].value, -222);
  e.rdds43_server = "::1";
  RddsTestEnv v4 = Env(closed_port);
  v4.ipv6 = false;
  EXPECT_EQ(RunSync(RunRddsTest(v4, e, {}, 600, 601)).metrics[0].value, -2);
}

TEST(Rdds43, TheNameServerMarkerIsCaseInsensitiveAndNeedsAName) {
  EXPECT_TRUE(HasNameServer("NAME SERVER: ns1.example", "Name Server:"));
  EXPECT_TRUE(HasNameServer("x\nName Server:\tns1", "Name Server:"));
  EXPECT_FALSE(HasNameServer("Name Server: \r\n", "Name Server:"));
  EXPECT_FALSE(HasNameServer("Nameserver: ns1", "Name Server:"));
}

TEST(Rdds80, StatusRedirectsAndConnectionFailures) {
  TestServer server(Http({{"/ok", Response("200 OK", "<html>whois</html>")},
                          {"/moved", Response("301 Moved", "", "Location: /ok\r\n")},
                          {"/loop", Response("302 Found", "", "Location: /loop\r\n")},
                          {"/broken", Response("500 Internal Server Error", "")}}));
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  auto value = [&](const std::string& url) {
    probewire::ProbeEntity e = Entity();
    e.rdds80 = true;
    e.rdds80_url = url;
    const NamedProbeReport r = RunSync(RunRddsTest(Env(), e, {}, 600, 601));
    EXPECT_EQ(r.metrics.size(), 1u);
    EXPECT_EQ(r.metrics[0].target, kRdds80Name);
    return r.metrics[0].value;
  };
  EXPECT_GE(value(base + "/ok"), 0);
  EXPECT_GE(value(base + "/moved"), 0) << "a redirect is followed";
  EXPECT_EQ(value(base + "/loop"), -259);
  EXPECT_EQ(value(base + "/broken"), -349) << "500 is index 49";
  EXPECT_EQ(value(base + "/missing"), -326) << "404 is index 26";
  std::uint16_t closed_port = 0;
  {
    TestServer gone(Http({}));
    closed_port = gone.port();
  }
  EXPECT_EQ(value("http://127.0.0.1:" + std::to_string(closed_port) + "/"), -256);
  EXPECT_EQ(value("http://whois.nic.example/"), -250) << "no resolver";
}

TEST(Rdap, TheBodyMustNameTheDomainExactly) {
  const std::string json = "application/rdap+json";
  TestServer server(Http({
      {"/rdap/domain/nic.example",
       Response("200 OK", R"({"objectClassName":"domain","ldhName":"nic.example"})")},
      {"/upper/domain/nic.example", Response("200 OK", R"({"ldhName":"NIC.EXAMPLE"})")},
      {"/noname/domain/nic.example", Response("200 OK", R"({"objectClassName":"domain"})")},
      {"/notjson/domain/nic.example", Response("200 OK", "<html>")},
      {"/gone/domain/nic.example", Response("503 Unavailable", "")},
      {"/teapot/domain/nic.example", Response("418 I'm a teapot", "")},
  }));
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  auto value = [&](const std::string& rdap_base) {
    probewire::ProbeEntity e = Entity();
    e.rdap = true;
    e.rdap_base_url = rdap_base;
    const NamedProbeReport r = RunSync(RunRdapTest(Env(), e, {}, 600, 601));
    EXPECT_EQ(r.metrics.size(), 1u);
    EXPECT_EQ(r.test, TestKind::kRdap);
    return r.metrics[0].value;
  };
  EXPECT_GE(value(base + "/rdap/"), 0);
  EXPECT_GE(value(base + "/rdap"), 0) << "the slash is added when the base lacks it";
  EXPECT_EQ(value(base + "/upper/"), -409) << "byte-equal, as RSM's strcmp";
  EXPECT_EQ(value(base + "/noname/"), -408);
  EXPECT_EQ(value(base + "/notjson/"), -407);
  EXPECT_EQ(value(base + "/gone/"), -552);
  EXPECT_EQ(value(base + "/teapot/"), -560) << "an unlisted status is index 60";
  EXPECT_EQ(value("not listed"), -390);
  EXPECT_EQ(value("no https"), -391);
  EXPECT_EQ(value("https://rdap.nic.example/"), -400) << "no resolver";
}

TEST(HttpStatusIndex, FollowsTheTable) {
  EXPECT_EQ(HttpStatusIndex(100), 0);
  EXPECT_EQ(HttpStatusIndex(404), 26);
  EXPECT_EQ(HttpStatusIndex(511), 59);
  EXPECT_EQ(HttpStatusIndex(418), 60);
  EXPECT_EQ(Rdds80HttpCode(503), -352);
  EXPECT_EQ(RdapHttpCode(404), -526);
}

std::vector<std::uint8_t> Reply(ldns_pkt_rcode rcode, const char* answer) {
  ldns_pkt* p = ldns_pkt_new();
  ldns_pkt_set_qr(p, true);
  ldns_pkt_set_rcode(p, rcode);
  if (answer != nullptr) {
    ldns_rr* rr = nullptr;
    EXPECT_EQ(ldns_rr_new_frm_str(&rr, answer, 300, nullptr, nullptr), LDNS_STATUS_OK);
    ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
  }
  std::uint8_t* wire = nullptr;
  std::size_t n = 0;
  EXPECT_EQ(ldns_pkt2wire(&wire, p, &n), LDNS_STATUS_OK);
  std::vector<std::uint8_t> out(wire, wire + n);
  free(wire);
  ldns_pkt_free(p);
  return out;
}

TEST(HostLookup, TheResolversAnswerBecomesAddressesOrAFailure) {
  const HostLookup a =
      JudgeAddressReply(Reply(LDNS_RCODE_NOERROR, "whois.example. 300 IN A 192.0.2.43"), 1);
  ASSERT_EQ(a.failure, HostLookup::Failure::kNone);
  ASSERT_EQ(a.addresses.size(), 1u);
  EXPECT_EQ(a.addresses[0].to_string(), "192.0.2.43");
  const HostLookup v6 =
      JudgeAddressReply(Reply(LDNS_RCODE_NOERROR, "whois.example. 300 IN AAAA 2001:db8::43"), 28);
  ASSERT_EQ(v6.addresses.size(), 1u);
  EXPECT_EQ(v6.addresses[0].to_string(), "2001:db8::43");
  EXPECT_EQ(JudgeAddressReply(Reply(LDNS_RCODE_NOERROR, nullptr), 1).failure,
            HostLookup::Failure::kNoSupportedAddress);
  EXPECT_EQ(JudgeAddressReply(Reply(LDNS_RCODE_SERVFAIL, nullptr), 1).failure,
            HostLookup::Failure::kServfail);
  EXPECT_EQ(JudgeAddressReply(Reply(LDNS_RCODE_NXDOMAIN, nullptr), 1).failure,
            HostLookup::Failure::kNxdomain);
  EXPECT_EQ(JudgeAddressReply(Reply(LDNS_RCODE_REFUSED, nullptr), 1).failure,
            HostLookup::Failure::kOtherRcode);
  EXPECT_EQ(JudgeAddressReply({}, 1).failure, HostLookup::Failure::kNoReply);
  EXPECT_EQ(Rdds43LookupCode(HostLookup::Failure::kServfail), -224);
  EXPECT_EQ(Rdds80LookupCode(HostLookup::Failure::kNxdomain), -253);
  EXPECT_EQ(RdapLookupCode(HostLookup::Failure::kOtherRcode), -5);
  EXPECT_EQ(RdapLookupCode(HostLookup::Failure::kNoSupportedAddress), -2);
}

}  // namespace
}  // namespace tldmon::probe

// Test-only: the world the MoSAPI loopback tests run against, and a small
// HTTP client for them. Included by mosapi_*_test.cc only.
//
// SeededWorld: a temp SqliteStore filled through the real CyclePipeline by
// src/sim's NetworkSimulator (quiet network, 20 probes) for two hours that
// cross a year, month and day boundary (2025-12-31T23:00Z to
// 2026-01-01T01:00Z), with scripted faults:
//   ry/example  ns-down   +10m for 10m  → a resolved DNS incident
//   ry/other    ns-down   +100m, open   → an active DNS incident; RDAP not
//                                         monitored for this TLD
//   rr/9999     rdap-error +30m for 20m → a resolved RDAP incident
// plus METRICA reports (ry/example: 2025-12-30 and 2025-12-31; rr/9999:
// 2025-12-31) and a registrars' RDAP base URL list. The pipeline publishes
// its documents into the world's DocumentStore. Built once per test binary
// (it takes a few seconds); tests that write (maintenance windows, the RDAP
// list) use their own keys or restore what they change.
//
// MosapiHttpTest: per test a FakeClock (just after the data), an
// Authenticator with accounts example_ry/s3cret, other_ry/other-pw,
// 9999_rr/rr-pw and blocked_ry/blocked-pw (allow-lists: 127.0.0.0/8 and
// ::1 for the first three, 192.0.2.0/24 for ry/blocked), a MosapiService and
// a real HttpServer on 127.0.0.1 port 0.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "admin/admin_repository.h"
#include "auth/authenticator.h"
#include "auth/ip_prefix.h"
#include "core/clock.h"
#include "documents/document_store.h"
#include "documents/render_test_golden.h"
#include "http/http_server.h"
#include "ingest/cycle_pipeline.h"
#include "mosapi/mosapi_service.h"
#include "sim/fault_parse.h"
#include "sim/network.h"
#include "sim/network_feed.h"
#include "sim/network_topology.h"
#include "store/sqlite/sqlite_store.h"
#include "testutil/http_test_client.h"
#include "testutil/test_base64.h"

namespace tldmon::mosapi::testing {

// Test code: the HTTP layer's names unqualified, as MoSAPI tests use them.
using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

using testutil::Field;
using testutil::HttpResponse;
using testutil::TestClient;

inline constexpr UnixSeconds kSeedStart = 1767222000;           // 2025-12-31T23:00:00Z
inline constexpr UnixSeconds kSeedEnd = kSeedStart + 2 * 3600;  // 2026-01-01T01:00:00Z
inline constexpr UnixSeconds kGrace = 120;
inline const EntityId kExample{EntityKind::kRegistry, "example"};
inline const EntityId kOther{EntityKind::kRegistry, "other"};
inline const EntityId kRegistrar{EntityKind::kRegistrar, "9999"};
inline const EntityId kBlocked{EntityKind::kRegistry, "blocked"};

struct SeededWorld {
  std::filesystem::path dir;
  std::unique_ptr<store::SqliteStore> store;
  documents::DocumentStore documents;
  std::vector<EntityConfig> entities;
  std::vector<ProbeNode> probes;
  bool ok = false;  // Seed() completed
};

inline admin::MetricaReport Report(const EntityId& entity, CivilDate date, std::string generated,
                                   std::int64_t spam) {
  admin::MetricaReport r;
  r.entity = entity;
  r.domain_list_date = date;
  r.unique_abuse_domains = spam;
  r.domain_list_data.push_back({"spam", spam, {}});
  for (std::int64_t i = 0; i < spam; ++i)
    r.domain_list_data.back().domains.push_back("spam" + std::to_string(i) + ".example");
  r.domain_list_data.push_back({"malware", admin::kThreatTypeDisabled, {}});
  r.domain_list_generation_date = std::move(generated);
  return r;
}

inline admin::RdapBaseUrlList RdapList() {
  admin::RdapBaseUrlList list;
  list.publication = 1559653326;  // 2019-06-04T13:02:06Z, the spec §6.13 example
  list.registrars.push_back({81, {"https://rdap.gandi.net"}});
  list.registrars.push_back({1448, {"https://rdap.blacknight.com"}});
  return list;
}

// Builds the world; fails the current test on any error.
inline void Seed(SeededWorld& w) {
  w.dir = std::filesystem::temp_directory_path() / ("tldmon_mosapi_" + std::to_string(::getpid()));
  std::filesystem::remove_all(w.dir);
  std::filesystem::create_directories(w.dir);
  // The world lives until the process exits; so does its directory.
  static std::filesystem::path dir_to_remove;
  dir_to_remove = w.dir;
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(dir_to_remove, ec);
  });
  auto store = store::SqliteStore::Open((w.dir / "tldmon.db").string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  w.store = std::move(store).value();

  w.entities.push_back(sim::SyntheticTld("example", 0, 1));
  sim::TldShape no_rdap;
  no_rdap.rdap = false;
  w.entities.push_back(sim::SyntheticTld("other", 1, 1, no_rdap));
  w.entities.push_back(sim::SyntheticRegistrar(9999));
  w.probes = sim::SyntheticProbes(20, 1);
  ASSERT_TRUE(w.store->PutEntities(w.entities).ok());
  for (const ProbeNode& p : w.probes) ASSERT_TRUE(w.store->AddProbe(p).ok());

  sim::NetworkOptions options = sim::NetworkOptions::Quiet(1);
  for (const char* spec :
       {"ns-down entity=ry/example from=+10m for=10m", "ns-down entity=ry/other from=+100m",
        "rdap-error entity=rr/9999 from=+30m for=20m"}) {
    Result<sim::Fault> fault = sim::ParseFault(spec, kSeedStart);
    ASSERT_TRUE(fault.ok()) << spec << ": " << fault.status().ToString();
    options.faults.push_back(*fault);
  }
  const sim::NetworkSimulator network(w.entities, w.probes, options);
  FakeClock clock(kSeedStart);
  ingest::PipelineOptions pipeline_options;
  pipeline_options.start = kSeedStart;
  pipeline_options.grace_seconds = kGrace;
  auto pipeline =
      ingest::CyclePipeline::Open(w.store.get(), &w.documents, &clock, pipeline_options);
  ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
  sim::NetworkFeed feed(&network, pipeline->get(), &clock);
  ASSERT_TRUE(feed.RunUntil(kSeedEnd, kGrace).ok());
  ASSERT_TRUE(feed.Finished(kSeedEnd));

  admin::AdminRepository repository(*w.store);
  const std::vector<admin::MetricaReport> example = {
      Report(kExample, {2025, 12, 30}, "2025-12-31T02:00:00Z", 2),
      Report(kExample, {2025, 12, 31}, "2026-01-01T02:30:15.52Z", 3)};
  ASSERT_TRUE(repository.PutMetricaReports(kExample, example).ok());
  const std::vector<admin::MetricaReport> registrar = {
      Report(kRegistrar, {2025, 12, 31}, "2026-01-01T03:00:00Z", 1)};
  ASSERT_TRUE(repository.PutMetricaReports(kRegistrar, registrar).ok());
  ASSERT_TRUE(repository.PutRdapBaseUrlList(RdapList()).ok());
  w.ok = true;
}

// The world, built on first use and shared by every test of the binary.
inline SeededWorld& World() {
  static SeededWorld* world = [] {
    auto* w = new SeededWorld;
    Seed(*w);
    return w;
  }();
  return *world;
}

struct Reply {
  int status = 0;
  std::string body;
  HttpResponse raw;

  std::string Header(std::string_view name) const { return Field(raw, name); }
  // Every value of a repeated header field (Set-Cookie).
  std::vector<std::string> Headers(std::string_view name) const {
    std::vector<std::string> out;
    for (auto it = raw.find(boost::beast::string_view(name.data(), name.size()));
         it != raw.end() &&
         it->name_string() == boost::beast::string_view(name.data(), name.size());
         ++it)
      out.emplace_back(it->value());
    return out;
  }
  nlohmann::json Json() const {
    return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  }
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// One request on a fresh connection to 127.0.0.1 (or `host`) at `port`.
inline Reply Call(std::uint16_t port, std::string_view method, std::string_view target,
                  const HeaderList& headers = {}, std::string_view body = "",
                  const std::string& host = "127.0.0.1") {
  Reply reply;
  TestClient client(port);
  if (const auto ec = client.Connect(host)) {
    ADD_FAILURE() << "connect: " << ec.message();
    return reply;
  }
  std::string raw = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: x\r\n";
  for (const auto& [k, v] : headers) raw += k + ": " + v + "\r\n";
  if (!body.empty() || method == "PUT" || method == "POST")
    raw +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  raw += "\r\n";
  raw += body;
  std::optional<HttpResponse> r = client.Request(raw, method == "HEAD");
  if (!r) {
    ADD_FAILURE() << method << " " << target << ": no response";
    return reply;
  }
  reply.status = r->result_int();
  reply.body = r->body();
  reply.raw = std::move(*r);
  return reply;
}

// "id=<40 hex>; ..." → "<40 hex>", or "" when the value has another shape.
inline std::string CookieId(const std::string& set_cookie) {
  static const std::regex kRe("^id=([0-9A-F]{40});.*");
  std::smatch m;
  return std::regex_match(set_cookie, m, kRe) ? m[1].str() : "";
}

// Compares `body` with tests/conformance/http/<name> (one document followed
// by one '\n'); TLDMON_UPDATE_GOLDENS=1 rewrites the file instead (review the
// change against mosapi-api.md before committing).
inline void ExpectHttpGolden(const std::string& name, const std::string& body) {
  documents::testing::ExpectGoldenFile(std::filesystem::path(TLDMON_HTTP_GOLDEN_DIR) / name, body);
}

class MosapiHttpTest : public ::testing::Test {
 protected:
  // Just after the last processed cycle (the data's end + grace).
  static constexpr UnixSeconds kNow = kSeedEnd + kGrace + 60;

  void SetUp() override {
    world_ = &World();
    ASSERT_TRUE(world_->ok) << "seeding the store failed";
    auth::AuthLimits limits;
    limits.pwhash = auth::PwhashLimits::Min();  // tests only
    auto authenticator = auth::Authenticator::Create(clock_, limits);
    ASSERT_TRUE(authenticator.ok()) << authenticator.status().ToString();
    auth_ = std::move(authenticator).value();
    const auto loopback = auth::ParseAllowList({"127.0.0.0/8", "::1/128"});
    const auto elsewhere = auth::ParseAllowList({"192.0.2.0/24"});
    ASSERT_TRUE(loopback.ok() && elsewhere.ok());
    for (const EntityId& e : {kExample, kOther, kRegistrar})
      ASSERT_TRUE(auth_->SetEntityAccess({e, *loopback, auth::DefaultRoles(e.kind)}).ok());
    ASSERT_TRUE(
        auth_->SetEntityAccess({kBlocked, *elsewhere, auth::DefaultRoles(kBlocked.kind)}).ok());
    ASSERT_TRUE(auth_->SetPassword("example_ry", kExample, "s3cret").ok());
    ASSERT_TRUE(auth_->SetPassword("other_ry", kOther, "other-pw").ok());
    ASSERT_TRUE(auth_->SetPassword("9999_rr", kRegistrar, "rr-pw").ok());
    ASSERT_TRUE(auth_->SetPassword("blocked_ry", kBlocked, "blocked-pw").ok());

    MosapiServiceOptions options;
    options.metrics = [](std::string& out) { out += "tldmon_test_up 1\n"; };
    service_ = std::make_unique<MosapiService>(*world_->store, world_->documents, *auth_, clock_,
                                               std::move(options));
    ServerConfig config;
    config.endpoints.push_back({"127.0.0.1", 0, false});
    config.threads = 2;
    auto server = HttpServer::Start(config, service_->handler(), clock_);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    port_ = server_->endpoints().at(0).port;
  }

  void TearDown() override {
    server_.reset();
    service_.reset();
  }

  Reply Get(std::string_view target, const HeaderList& headers = {}) {
    return Call(port_, "GET", target, headers);
  }

  // Logs in with Basic credentials; returns the `id` cookie value ("" on failure).
  std::string Login(const EntityId& entity, std::string_view user, std::string_view password) {
    const Reply r = Call(port_, "GET", "/" + entity.Path() + "/login",
                         {{"Authorization", testutil::BasicHeader(user, password)}});
    EXPECT_EQ(r.status, 200) << r.body;
    const std::vector<std::string> cookies = r.Headers("Set-Cookie");
    return cookies.empty() ? "" : CookieId(cookies.front());
  }
  std::string LoginExample() { return Login(kExample, "example_ry", "s3cret"); }
  std::string LoginOther() { return Login(kOther, "other_ry", "other-pw"); }
  std::string LoginRegistrar() { return Login(kRegistrar, "9999_rr", "rr-pw"); }

  // GET with the session cookie.
  Reply GetAs(const std::string& cookie, std::string_view target, HeaderList headers = {}) {
    headers.emplace_back("Cookie", "id=" + cookie);
    return Call(port_, "GET", target, headers);
  }

  FakeClock clock_{kNow};
  SeededWorld* world_ = nullptr;
  std::unique_ptr<auth::Authenticator> auth_;
  std::unique_ptr<MosapiService> service_;
  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
};

}  // namespace tldmon::mosapi::testing

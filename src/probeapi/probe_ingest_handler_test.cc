#include "probeapi/probe_ingest_handler.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/gzip.h"
#include "http/request.h"
#include "http/response.h"
#include "probewire/probe_config_wire.h"
#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::probeapi {
namespace {

using Json = nlohmann::json;
constexpr UnixSeconds kT0 = 1767225600;

EntityId Example() { return EntityId{EntityKind::kRegistry, "example"}; }

// The pipeline as serve's engine thread holds it, for the handler's sink.
class PipelineSink final : public IngestSink {
 public:
  explicit PipelineSink(std::unique_ptr<ingest::CyclePipeline> p) : pipeline_(std::move(p)) {}
  Status WithPipeline(const std::function<Status(ingest::CyclePipeline&)>& fn) override {
    if (pipeline_ == nullptr) return Unavailable("no pipeline");
    return fn(*pipeline_);
  }
  std::unique_ptr<ingest::CyclePipeline> pipeline_;
};

class ProbeIngestHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store::Store& s = db_.store();
    EntityConfig e;
    e.id = Example();
    e.SetEnabled(Service::kDns, true);
    e.SetEnabled(Service::kDnssec, true);
    e.name_servers = {{"ns1.nic.example", {"192.0.2.1"}}, {"ns2.nic.example", {"192.0.2.2"}}};
    ASSERT_TRUE(s.PutEntities(std::span<const EntityConfig>(&e, 1)).ok());
    ProbeNode p1;
    p1.name = "P1";
    ASSERT_TRUE(s.AddProbe(p1).ok());
    ProbeNode p2;
    p2.name = "P2";
    p2.ipv4_addresses = {"198.51.100.7"};
    ASSERT_TRUE(s.AddProbe(p2).ok());
    auto t1 = IssueProbeToken(s, "P1");
    auto t2 = IssueProbeToken(s, "P2");
    ASSERT_TRUE(t1.ok() && t2.ok());
    token1_ = *t1;
    token2_ = *t2;
    ingest::PipelineOptions o;
    o.start = kT0;
    o.publish_documents = false;
    auto pipeline = ingest::CyclePipeline::Open(&s, nullptr, &clock_, o);
    ASSERT_TRUE(pipeline.ok()) << pipeline.status().ToString();
    sink_ = std::make_unique<PipelineSink>(std::move(*pipeline));
    handler_ = std::make_unique<ProbeIngestHandler>(&s, sink_.get(), &clock_);
  }

  http::Response Call(http::Method method, std::string_view path, const std::string& token,
                      std::string_view body = {}, std::optional<std::string_view> coding = {},
                      std::optional<std::string_view> if_none_match = {},
                      std::string_view peer = "127.0.0.1") {
    http::Request r;
    r.method = method;
    r.path = path;
    r.target = path;
    auth_ = "Bearer " + token;
    if (!token.empty()) r.authorization = auth_;
    r.body = body;
    r.content_encoding = coding;
    r.if_none_match = if_none_match;
    r.peer.is_v4 = true;
    r.peer.text = peer;
    unsigned a, b, c, d;
    std::sscanf(std::string(peer).c_str(), "%u.%u.%u.%u", &a, &b, &c, &d);
    r.peer.bytes = {static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b),
                    static_cast<std::uint8_t>(c), static_cast<std::uint8_t>(d)};
    http::Response response;
    response.Reset();
    handler_->Handle(r, response);
    return response;
  }

  static std::string Batch(const std::string& probe, const Json& reports, const Json& online) {
    return Json{{"version", 1}, {"probe", probe}, {"reports", reports}, {"online", online}}.dump();
  }
  static Json DnsReport(UnixSeconds cycle, const std::string& ns2 = "ns2.nic.example",
                        int value = 20) {
    return Json{{"entity", "ry/example"},
                {"test", "dns"},
                {"cycle", cycle},
                {"transport", "udp"},
                {"tested_name", "nonexistent-tldmon.example."},
                {"metrics",
                 {{{"target", "ns1.nic.example"}, {"ip", "192.0.2.1"}, {"value", value}, {"time", cycle + 1}, {"nsid", ""}},
                  {{"target", ns2}, {"ip", "192.0.2.2"}, {"value", 30}, {"time", cycle + 1}, {"nsid", "6e73"}}}}};
  }
  static std::vector<std::pair<std::string, std::string>> Statuses(const http::Response& r) {
    std::vector<std::pair<std::string, std::string>> out;
    const Json doc = Json::parse(r.body());
    for (const Json& i : doc["items"])
      out.emplace_back(i["key"].get<std::string>(), i["status"].get<std::string>());
    return out;
  }

  store::testing::TempSqliteStore db_;
  FakeClock clock_{kT0 + 600};
  std::string token1_, token2_, auth_;
  std::unique_ptr<PipelineSink> sink_;
  std::unique_ptr<ProbeIngestHandler> handler_;
};

TEST_F(ProbeIngestHandlerTest, WithoutAValidTokenNothingIsServed) {
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/config", "").status(), 401);
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/config", "tldmon-probe-forged").status(), 401);
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/config", token1_).status(), 200);
  ASSERT_TRUE(RevokeProbeToken(db_.store(), "P1").ok());
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/config", token1_).status(), 401)
      << "a revoked token is refused at once";
  auto fresh = IssueProbeToken(db_.store(), "P1");
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/config", *fresh).status(), 200);
  EXPECT_FALSE(IssueProbeToken(db_.store(), "nobody").ok());
}

TEST_F(ProbeIngestHandlerTest, AProbeWithListedAddressesMustComeFromOne) {
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/config", token2_).status(), 403);
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/config", token2_, {}, {}, {}, "198.51.100.7").status(),
            200);
}

TEST_F(ProbeIngestHandlerTest, ConfigHasAnEtagAndAnswers304UntilTheConfigurationChanges) {
  http::Response first = Call(http::Method::kGet, "/probe/v1/config", token1_);
  ASSERT_EQ(first.status(), 200);
  const std::string headers(first.extra_headers());
  const auto at = headers.find("ETag: ");
  ASSERT_NE(at, std::string::npos);
  const std::string etag = headers.substr(at + 6, headers.find("\r\n", at) - at - 6);
  auto config = probewire::ParseProbeConfig(first.body());
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->probe.name, "P1");
  ASSERT_EQ(config->entities.size(), 1u);
  EXPECT_EQ(config->entities[0].name_servers.size(), 2u);
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/config", token1_, {}, {}, etag).status(), 304);
  EntityConfig e = *[&] {
    auto all = db_.store().LoadEntities();
    return std::make_unique<EntityConfig>((*all)[0]);
  }();
  e.name_servers.push_back({"ns3.nic.example", {"192.0.2.3"}});
  ASSERT_TRUE(db_.store().PutEntities(std::span<const EntityConfig>(&e, 1)).ok());
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/config", token1_, {}, {}, etag).status(), 200);
}

TEST_F(ProbeIngestHandlerTest, ABatchIsAcknowledgedItemByItem) {
  const std::string body = Batch(
      "P1",
      Json::array({DnsReport(kT0 + 60), DnsReport(kT0 + 120, "ns9.nic.example"),
                   DnsReport(kT0 + 6000), DnsReport(kT0 + 90),
                   Json{{"entity", "ry/example"}, {"test", "dns"}, {"cycle", "soon"}}}),
      Json::array({{{"minute", kT0 + 60}, {"ok", true}}}));
  http::Response r = Call(http::Method::kPost, "/probe/v1/results", token1_, body);
  ASSERT_EQ(r.status(), 200) << r.body();
  const auto items = Statuses(r);
  ASSERT_EQ(items.size(), 6u) << r.body();
  EXPECT_EQ(items[0], (std::pair<std::string, std::string>{"ry/example/dns/1767231600", "refused"}))
      << "the future cycle, checked before the rest";
  EXPECT_EQ(items[1].second, "refused") << "not aligned";
  EXPECT_EQ(items[2], (std::pair<std::string, std::string>{"ry/example/dns/1767225660", "stored"}));
  EXPECT_EQ(items[3], (std::pair<std::string, std::string>{"ry/example/dns/1767225720", "refused"}))
      << "ns9 is not configured";
  EXPECT_EQ(items[4], (std::pair<std::string, std::string>{"online/1767225660", "stored"}));
  EXPECT_EQ(items[5], (std::pair<std::string, std::string>{"ry/example/dns/soon", "refused"}));
  auto stored = db_.store().EntityCycleReports(Example(), TestKind::kDns, kT0 + 60);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].metrics[1].nsid, "6e73");

  // Sent again (a lost ack), gzip-coded, and one value re-measured: the
  // first copy stays, the repeat is a duplicate.
  const std::string again = Batch("P1", Json::array({DnsReport(kT0 + 60, "ns2.nic.example", 999)}),
                                  Json::array({{{"minute", kT0 + 60}, {"ok", false}}}));
  std::string gz;
  ASSERT_TRUE(http::GzipCompress(again, gz));
  http::Response r2 = Call(http::Method::kPost, "/probe/v1/results", token1_, gz, "gzip");
  ASSERT_EQ(r2.status(), 200) << r2.body();
  EXPECT_EQ(Statuses(r2), (std::vector<std::pair<std::string, std::string>>{
                              {"ry/example/dns/1767225660", "duplicate"},
                              {"online/1767225660", "duplicate"}}));
  stored = db_.store().EntityCycleReports(Example(), TestKind::kDns, kT0 + 60);
  EXPECT_EQ((*stored)[0].metrics[0].value, 20);
  auto minutes = db_.store().ProbeMinutes(kT0 + 60);
  ASSERT_EQ(minutes->size(), 1u);
  EXPECT_TRUE((*minutes)[0].check_ok);
}

TEST_F(ProbeIngestHandlerTest, WholeBatchErrorsAreHttpErrors) {
  EXPECT_EQ(Call(http::Method::kPost, "/probe/v1/results", token1_, "{").status(), 400);
  EXPECT_EQ(Call(http::Method::kPost, "/probe/v1/results", token1_, Batch("P2", Json::array(), Json::array())).status(),
            403)
      << "a batch for another probe";
  EXPECT_EQ(Call(http::Method::kPost, "/probe/v1/results", token1_, "x", "br").status(), 415);
  EXPECT_EQ(Call(http::Method::kPost, "/probe/v1/results", token1_, "not gzip", "gzip").status(), 400);
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/results", token1_).status(), 405);
  EXPECT_EQ(Call(http::Method::kGet, "/probe/v1/other", token1_).status(), 404);
  sink_->pipeline_.reset();
  EXPECT_EQ(Call(http::Method::kPost, "/probe/v1/results", token1_,
                 Batch("P1", Json::array({DnsReport(kT0 + 60)}), Json::array()))
                .status(),
            503)
      << "no pipeline: nothing acknowledged, the probe retries";
  std::string metrics;
  handler_->AppendMetrics(metrics);
  EXPECT_NE(metrics.find("tldmon_probe_refused_items_total{reason=\"malformed\"} 1"), std::string::npos)
      << metrics;
}

}  // namespace
}  // namespace tldmon::probeapi

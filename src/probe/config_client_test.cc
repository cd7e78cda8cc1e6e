#include "probe/config_client.h"

#include <gtest/gtest.h>

#include "probe/agent_fake_central.h"
#include "probe/agent_file.h"
#include "probe/probe_test_dir.h"

namespace tldmon::probe {
namespace {

using testing::FakeCentral;
using testing::FakeRequest;
using testing::FakeResponse;

probewire::ProbeConfig Config(const std::string& tld) {
  probewire::ProbeConfig c;
  c.generated = 1'767'225'600;
  c.probe.name = "p1";
  probewire::ProbeEntity e;
  e.id = *EntityId::Parse("ry/" + tld);
  e.dns = true;
  e.test_prefix = "nonexistent";
  e.name_servers.push_back({"ns1.nic." + tld, {"192.0.2.1"}});
  c.entities.push_back(e);
  return c;
}

// Serves `config` with ETag `etag`, and 304 when asked with that ETag.
FakeCentral::Handler Serving(probewire::ProbeConfig config, std::string etag) {
  return [config, etag](const FakeRequest& r) {
    if (r.if_none_match == etag) return FakeResponse{304, "", etag};
    return FakeResponse{200, probewire::RenderProbeConfig(config), etag};
  };
}

TEST(ConfigClient, FetchesSavesThenSendsTheEtagAndKeepsOn304) {
  testing::TestDir dir;
  FakeCentral central;
  central.SetHandler(Serving(Config("aaa"), "\"e1\""));
  CentralHttp http({.base_url = central.url(), .token = "tok"});
  FakeClock clock(1000);
  auto state = Outbox::Open(Outbox::PathIn(dir.path()));
  ConfigClient client(http, dir.path(), state->get(), clock);
  EXPECT_FALSE(client.LoadLastGood().has_value());

  ConfigPoll first = client.Poll();
  ASSERT_EQ(first.outcome, ConfigPoll::Outcome::kUpdated) << first.error;
  EXPECT_EQ(*first.config, Config("aaa"));
  EXPECT_EQ(client.etag(), "\"e1\"");
  EXPECT_EQ((*state)->GetState(kStateConfigEtag)->value_or(""), "\"e1\"");
  EXPECT_EQ((*state)->GetState(kStateConfigTime)->value_or(""), "1000");

  clock.Set(1060);
  ConfigPoll second = client.Poll();
  EXPECT_EQ(second.outcome, ConfigPoll::Outcome::kNotModified);
  EXPECT_FALSE(second.config.has_value());
  auto seen = central.requests();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].target, "/probe/v1/config");
  EXPECT_EQ(seen[0].if_none_match, "");
  EXPECT_EQ(seen[1].if_none_match, "\"e1\"");
  EXPECT_EQ(seen[1].authorization, "Bearer tok");
  EXPECT_EQ((*state)->GetState(kStateConfigTime)->value_or(""), "1000");  // last good fetch
}

TEST(ConfigClient, CentralDownOrBadBodyKeepsTheLastGoodAndARestartLoadsIt) {
  testing::TestDir dir;
  FakeClock clock(1000);
  {
    FakeCentral central;
    central.SetHandler(Serving(Config("aaa"), "\"e1\""));
    CentralHttp http({.base_url = central.url()});
    ConfigClient client(http, dir.path(), nullptr, clock);
    ASSERT_EQ(client.Poll().outcome, ConfigPoll::Outcome::kUpdated);
    // A body that does not parse: failure, the saved copy is untouched.
    central.SetHandler([](const FakeRequest&) { return FakeResponse{200, "{\"version\":", "\"e2\""}; });
    ConfigPoll bad = client.Poll();
    EXPECT_EQ(bad.outcome, ConfigPoll::Outcome::kFailed);
    EXPECT_NE(bad.error.find("unreadable"), std::string::npos);
    EXPECT_EQ(client.etag(), "\"e1\"");
    central.SetHandler([](const FakeRequest&) { return FakeResponse{500, "oops", ""}; });
    EXPECT_EQ(client.Poll().outcome, ConfigPoll::Outcome::kFailed);
  }
  // The probe restarts while the central side is down.
  CentralHttp down({.base_url = testing::UnreachableUrl()});
  ConfigClient restarted(down, dir.path(), nullptr, clock);
  auto loaded = restarted.LoadLastGood();
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(*loaded, Config("aaa"));
  EXPECT_EQ(restarted.etag(), "\"e1\"");
  ConfigPoll poll = restarted.Poll();
  EXPECT_EQ(poll.outcome, ConfigPoll::Outcome::kFailed);
  EXPECT_FALSE(poll.error.empty());
}

TEST(ConfigClient, ACorruptFileOnDiskIsNotLoaded) {
  testing::TestDir dir;
  FakeClock clock(1000);
  CentralHttp down({.base_url = testing::UnreachableUrl()});
  ConfigClient client(down, dir.path(), nullptr, clock);
  ASSERT_TRUE(WriteFileDurably(client.config_path(), "garbage").ok());
  EXPECT_FALSE(client.LoadLastGood().has_value());
}

TEST(AgentFile, DurableWriteReplacesTheWholeFile) {
  testing::TestDir dir;
  const std::string path = dir.File("f");
  ASSERT_TRUE(WriteFileDurably(path, "first, longer content").ok());
  ASSERT_TRUE(WriteFileDurably(path, "second").ok());
  EXPECT_EQ(*ReadFileText(path), "second");
  EXPECT_EQ(ReadFileText(dir.File("missing")).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(WriteFileDurably(dir.File("no/such/dir/f"), "x").ok());
}

}  // namespace
}  // namespace tldmon::probe

// The Scheduler with a fake TestRunner and a ManualCycleClock: which
// reports a cycle queues, what a test unfinished at the deadline becomes,
// and the online minute - all without sleeping.
#include "probe/scheduler.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>

#include "probe/probe_test_dir.h"
#include "probewire/probe_results_wire.h"

namespace tldmon::probe {
namespace {

constexpr UnixSeconds kCycle = 1'800'000'000 - 1'800'000'000 % 60;

probewire::ProbeEntity Tld(const std::string& name, std::vector<std::string> ips) {
  probewire::ProbeEntity e;
  e.id = EntityId{EntityKind::kRegistry, name};
  e.dns = true;
  e.test_prefix = "www";
  e.name_servers.push_back(NameServer{"ns1." + name, std::move(ips)});
  return e;
}

// Finishes the DNS test of "fast" at once with RTT 12; "slow" waits on a
// timer nobody fires before the deadline.
class FakeRunner final : public TestRunner {
 public:
  explicit FakeRunner(asio::io_context& io) : never_(io, asio::steady_timer::time_point::max()) {}
  asio::awaitable<NamedProbeReport> RunDns(const probewire::ProbeEntity& e, UnixSeconds cycle) override {
    ++dns_calls;
    if (e.id.id == "slow") {
      boost::system::error_code ec;
      co_await never_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    NamedProbeReport r;
    for (const auto& ns : e.name_servers)
      for (const auto& ip : ns.ips) r.metrics.push_back({ns.name, ip, 12, cycle + 1, ""});
    co_return r;
  }
  asio::awaitable<NamedProbeReport> RunRdds(const probewire::ProbeEntity&, UnixSeconds) override {
    throw std::runtime_error("RDDS not expected");
  }
  asio::awaitable<NamedProbeReport> RunRdap(const probewire::ProbeEntity&, UnixSeconds) override {
    throw std::runtime_error("RDAP not expected");
  }
  asio::awaitable<bool> RunOnlineCheck(UnixSeconds) override { co_return online_ok; }
  void Release() { never_.cancel(); }
  int dns_calls = 0;
  bool online_ok = true;

 private:
  asio::steady_timer never_;
};

std::vector<NamedProbeReport> Queued(Outbox& outbox) {
  std::vector<NamedProbeReport> out;
  auto items = outbox.Peek(1000);
  EXPECT_TRUE(items.ok());
  for (const OutboxItem& item : *items) {
    auto parsed = probewire::ParseResultsBatch(item.payload);
    EXPECT_TRUE(parsed.ok());
    for (auto& r : parsed->batch.reports) out.push_back(std::move(r));
  }
  return out;
}

struct Rig {
  testing::TestDir dir;
  asio::io_context io;
  ManualCycleClock clock{io, kCycle};
  FakeRunner runner{io};
  std::unique_ptr<Outbox> outbox = Outbox::Open(Outbox::PathIn(dir.path())).value();
  int woken = 0;
  Scheduler scheduler{io, runner, *outbox, clock, SchedulerOptions{.probe_name = "p1", .ipv6 = false},
                      [this] { ++woken; }};
};

TEST(Scheduler, AFinishedTestIsQueuedAndAnUnfinishedOneIsMinusOneForEveryAddressAtTheDeadline) {
  Rig rig;
  auto config = std::make_shared<probewire::ProbeConfig>();
  config->entities = {Tld("fast", {"192.0.2.1", "2001:db8::1"}),
                      Tld("slow", {"192.0.2.2", "192.0.2.3", "2001:db8::2"})};
  rig.scheduler.SetConfig(config);
  std::optional<CycleSummary> summary;
  asio::co_spawn(rig.io, [&]() -> asio::awaitable<void> {
    summary = co_await rig.scheduler.RunCycle(TestKind::kDns, kCycle);
  }, asio::detached);
  rig.io.poll();
  EXPECT_FALSE(summary.has_value()) << "the cycle must wait for the slow test until its end";
  ASSERT_EQ(Queued(*rig.outbox).size(), 1u) << "the fast report is queued as soon as it ends";

  rig.clock.AdvanceTo(kCycle + 60);
  rig.io.poll();
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->entities, 2u);
  EXPECT_EQ(summary->missed, 1u);
  EXPECT_EQ(rig.woken, 1);
  const auto reports = Queued(*rig.outbox);
  ASSERT_EQ(reports.size(), 2u);
  const NamedProbeReport& slow = reports[1];
  EXPECT_EQ(slow.entity.id, "slow");
  EXPECT_EQ(slow.cycle, kCycle);
  // IPv6 is off locally: only the two IPv4 addresses carry the -1.
  ASSERT_EQ(slow.metrics.size(), 2u);
  for (const NamedMetric& m : slow.metrics) EXPECT_EQ(m.value, kInternalErrorCode) << m.ip;

  // The slow test ending after the deadline changes nothing.
  rig.runner.Release();
  rig.io.poll();
  EXPECT_EQ(Queued(*rig.outbox).size(), 2u);
}

TEST(Scheduler, ACycleWithoutConfigurationTestsNothingAndTheOnlineMinuteIsQueued) {
  Rig rig;
  std::optional<CycleSummary> summary;
  asio::co_spawn(rig.io, [&]() -> asio::awaitable<void> {
    summary = co_await rig.scheduler.RunCycle(TestKind::kDns, kCycle);
    rig.runner.online_ok = false;
    co_await rig.scheduler.RunOnlineMinute(kCycle + 60);
  }, asio::detached);
  rig.io.poll();
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->entities, 0u);
  EXPECT_EQ(rig.runner.dns_calls, 0);
  auto items = rig.outbox->Peek(10);
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0].key, probewire::OnlineKey(kCycle + 60));
  auto ok = rig.outbox->GetState(kStateOnlineCheckOk);
  ASSERT_TRUE(ok.ok() && ok->has_value());
  EXPECT_EQ(**ok, "false");
}

TEST(Scheduler, TheOnlineSampleOfAMinuteIsQueuedAfterTheCyclesEndingByIt) {
  Rig rig;
  auto config = std::make_shared<probewire::ProbeConfig>();
  config->entities = {Tld("slow", {"192.0.2.2"})};
  rig.scheduler.SetConfig(config);
  asio::co_spawn(rig.io, rig.scheduler.RunCycle(TestKind::kDns, kCycle), asio::detached);
  rig.io.poll();
  // The check of minute kCycle + 60 is done before the cycle ending then has
  // closed: its sample must wait for the cycle's reports.
  bool sampled = false;
  asio::co_spawn(rig.io, [&]() -> asio::awaitable<void> {
    co_await rig.scheduler.RunOnlineMinute(kCycle + 60);
    sampled = true;
  }, asio::detached);
  rig.io.poll();
  EXPECT_FALSE(sampled);
  EXPECT_EQ(rig.outbox->Depth().value(), 0u);
  rig.clock.AdvanceTo(kCycle + 60);
  rig.io.poll();
  EXPECT_TRUE(sampled);
  auto items = rig.outbox->Peek(10);
  ASSERT_TRUE(items.ok());
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[0].key, "ry/slow/dns/" + std::to_string(kCycle));
  EXPECT_EQ((*items)[1].key, probewire::OnlineKey(kCycle + 60));
  rig.runner.Release();
  rig.io.poll();
}

TEST(Scheduler, ReRunningACycleQueuesNothingTwice) {
  Rig rig;
  auto config = std::make_shared<probewire::ProbeConfig>();
  config->entities = {Tld("fast", {"192.0.2.1"})};
  rig.scheduler.SetConfig(config);
  for (int i = 0; i < 2; ++i) {
    asio::co_spawn(rig.io, rig.scheduler.RunCycle(TestKind::kDns, kCycle), asio::detached);
    rig.io.poll();
  }
  EXPECT_EQ(rig.runner.dns_calls, 2);
  EXPECT_EQ(Queued(*rig.outbox).size(), 1u);
}

}  // namespace
}  // namespace tldmon::probe

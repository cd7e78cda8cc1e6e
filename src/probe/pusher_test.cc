#include "probe/pusher.h"

#include <gtest/gtest.h>

#include <map>

#include "probe/agent_fake_central.h"
#include "probe/probe_test_dir.h"
#include "probe/pusher_batch.h"
#include "probewire/probe_results_wire.h"

namespace tldmon::probe {
namespace {

using std::chrono::milliseconds;
using testing::FakeCentral;
using testing::FakeRequest;
using testing::FakeResponse;

NamedProbeReport Report(const std::string& tld, UnixSeconds cycle) {
  NamedProbeReport r;
  r.entity = *EntityId::Parse("ry/" + tld);
  r.test = TestKind::kDns;
  r.cycle = cycle;
  r.tested_name = "nonexistent." + tld + ".";
  r.metrics.push_back({"ns1.nic." + tld, "192.0.2.1", 12, cycle + 1, ""});
  return r;
}

// A central side that answers every item of a batch with `verdict(key)`.
FakeCentral::Handler Acking(std::function<probewire::AckStatus(const std::string&)> verdict) {
  return [verdict](const FakeRequest& request) {
    auto parsed = probewire::ParseResultsBatch(request.body);
    if (!parsed.ok()) return FakeResponse{400, parsed.status().message(), ""};
    probewire::BatchAck ack;
    for (const auto& r : parsed->batch.reports) {
      const std::string key = probewire::ReportKey(r);
      const auto status = verdict(key);
      ack.items.push_back({key, status,
                           status == probewire::AckStatus::kRefused ? "unknown entity" : ""});
    }
    for (const auto& s : parsed->batch.online) {
      ack.items.push_back({probewire::OnlineKey(s.minute), verdict(probewire::OnlineKey(s.minute)), ""});
    }
    return FakeResponse{200, probewire::RenderBatchAck(ack), ""};
  };
}

std::unique_ptr<Outbox> OpenOutbox(const testing::TestDir& dir) {
  auto box = Outbox::Open(Outbox::PathIn(dir.path()));
  return box.ok() ? std::move(box).value() : nullptr;
}

struct PusherHarness {
  explicit PusherHarness(std::string url, std::size_t batch = 1000)
      : outbox(OpenOutbox(dir)),
        http({.base_url = std::move(url), .token = "tok"}),
        pusher(*outbox, http,
               PusherOptions{.probe_name = "p1", .batch_items = batch, .idle_wait = milliseconds(5000)},
               clock, PushBackoff(kPushBackoffBase, kPushBackoffCap, [this] { return draw; })) {}
  void Put(const NamedProbeReport& r) { ASSERT_TRUE(outbox->Put(ReportOutboxItem("p1", r)).ok()); }
  std::size_t Depth() { return *outbox->Depth(); }
  std::string State(std::string_view name) { return outbox->GetState(name)->value_or(""); }

  testing::TestDir dir;
  FakeClock clock{1'767'225'600};
  double draw = 0.5;
  std::unique_ptr<Outbox> outbox;
  CentralHttp http;
  Pusher pusher;
};

TEST(Pusher, PushesGzipBatchWithBearerAndDeletesAckedItems) {
  FakeCentral central;
  central.SetHandler(Acking([](const std::string&) { return probewire::AckStatus::kStored; }));
  PusherHarness h(central.url());
  h.Put(Report("aaa", 1'767'225'540));
  h.Put(Report("bbb", 1'767'225'540));
  ASSERT_TRUE(h.outbox->Put(OnlineOutboxItem("p1", {1'767'225'540, true})).ok());

  EXPECT_EQ(h.pusher.Step(), milliseconds(5000));  // drained: idle wait
  EXPECT_EQ(h.pusher.last_attempt().outcome, PushAttempt::Outcome::kAcked);
  EXPECT_EQ(h.pusher.last_attempt().stored, 3u);
  EXPECT_EQ(h.Depth(), 0u);
  auto seen = central.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "POST");
  EXPECT_EQ(seen[0].target, "/probe/v1/results");
  EXPECT_EQ(seen[0].authorization, "Bearer tok");
  EXPECT_EQ(seen[0].content_encoding, "gzip");
  auto batch = probewire::ParseResultsBatch(seen[0].body);
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(batch->batch.probe, "p1");
  ASSERT_EQ(batch->batch.reports.size(), 2u);
  EXPECT_EQ(batch->batch.reports[0], Report("aaa", 1'767'225'540));
  EXPECT_EQ(batch->batch.online.size(), 1u);
  EXPECT_EQ(h.State(kStateLastPushOkTime), "1767225600");
  EXPECT_EQ(h.State(kStateLastPushResult).rfind("ok: 3 sent", 0), 0u);

  // Nothing queued: no request at all.
  EXPECT_EQ(h.pusher.Step(), milliseconds(5000));
  EXPECT_EQ(h.pusher.last_attempt().outcome, PushAttempt::Outcome::kEmpty);
  EXPECT_EQ(central.requests().size(), 1u);
}

TEST(Pusher, FullBatchesGoBackToBackOldestFirst) {
  FakeCentral central;
  central.SetHandler(Acking([](const std::string&) { return probewire::AckStatus::kStored; }));
  PusherHarness h(central.url(), /*batch=*/2);
  for (int i = 0; i < 5; ++i) h.Put(Report("t" + std::to_string(i), 1'767'225'540));
  EXPECT_EQ(h.pusher.Step(), milliseconds(0));
  EXPECT_EQ(h.pusher.Step(), milliseconds(0));
  EXPECT_EQ(h.pusher.Step(), milliseconds(5000));
  EXPECT_EQ(h.Depth(), 0u);
  auto seen = central.requests();
  ASSERT_EQ(seen.size(), 3u);
  auto first = probewire::ParseResultsBatch(seen[0].body);
  EXPECT_EQ(first->batch.reports[0].entity.Path(), "ry/t0");
  EXPECT_EQ(first->batch.reports[1].entity.Path(), "ry/t1");
}

TEST(Pusher, CentralDownBacksOffWithJitterAndLosesNothing) {
  PusherHarness h(testing::UnreachableUrl());
  h.Put(Report("aaa", 1'767'225'540));
  h.draw = 0.5;
  EXPECT_EQ(h.pusher.Step(), milliseconds(500));   // half of 1 s
  EXPECT_EQ(h.pusher.Step(), milliseconds(1000));  // half of 2 s
  h.draw = 1.0;
  EXPECT_EQ(h.pusher.Step(), milliseconds(4000));
  EXPECT_EQ(h.pusher.last_attempt().outcome, PushAttempt::Outcome::kFailed);
  EXPECT_EQ(h.Depth(), 1u);
  EXPECT_EQ(h.State(kStateLastPushResult).rfind("error: ", 0), 0u);
  EXPECT_EQ(h.State(kStateLastPushOkTime), "");
}

TEST(Pusher, ServerErrorKeepsItemsAndRecoveryResetsBackoff) {
  FakeCentral central;
  central.SetHandler([](const FakeRequest&) { return FakeResponse{503, "busy", ""}; });
  PusherHarness h(central.url());
  h.draw = 1.0;
  h.Put(Report("aaa", 1'767'225'540));
  EXPECT_EQ(h.pusher.Step(), milliseconds(1000));
  EXPECT_EQ(h.pusher.Step(), milliseconds(2000));
  EXPECT_NE(h.pusher.last_attempt().error.find("HTTP 503"), std::string::npos);
  EXPECT_EQ(h.Depth(), 1u);
  central.SetHandler(Acking([](const std::string&) { return probewire::AckStatus::kStored; }));
  EXPECT_EQ(h.pusher.Step(), milliseconds(5000));
  EXPECT_EQ(h.Depth(), 0u);
  h.Put(Report("bbb", 1'767'225'540));
  central.SetHandler([](const FakeRequest&) { return FakeResponse{500, "", ""}; });
  EXPECT_EQ(h.pusher.Step(), milliseconds(1000));  // backoff starts over
}

TEST(Pusher, DuplicateAckDeletesAndRefusedItemIsDroppedNotRetried) {
  FakeCentral central;
  central.SetHandler(Acking([](const std::string& key) {
    if (key.find("/dup/") != std::string::npos) return probewire::AckStatus::kDuplicate;
    if (key.find("/bad/") != std::string::npos) return probewire::AckStatus::kRefused;
    return probewire::AckStatus::kStored;
  }));
  PusherHarness h(central.url());
  h.Put(Report("dup", 1'767'225'540));
  h.Put(Report("bad", 1'767'225'540));
  h.Put(Report("new", 1'767'225'540));
  h.pusher.Step();
  const auto& a = h.pusher.last_attempt();
  EXPECT_EQ(a.outcome, PushAttempt::Outcome::kAcked);
  EXPECT_EQ(a.stored, 1u);
  EXPECT_EQ(a.duplicate, 1u);
  EXPECT_EQ(a.refused, 1u);
  EXPECT_EQ(h.Depth(), 0u);
  h.pusher.Step();
  EXPECT_EQ(central.requests().size(), 1u);  // the refused item is not sent again
}

TEST(Pusher, ItemsTheAckDoesNotNameStayQueued) {
  FakeCentral central;
  // Acks only the first report of each batch.
  central.SetHandler([](const FakeRequest& request) {
    auto parsed = probewire::ParseResultsBatch(request.body);
    probewire::BatchAck ack;
    ack.items.push_back({probewire::ReportKey(parsed->batch.reports.at(0)),
                         probewire::AckStatus::kStored, ""});
    return FakeResponse{200, probewire::RenderBatchAck(ack), ""};
  });
  PusherHarness h(central.url());
  h.Put(Report("aaa", 1'767'225'540));
  h.Put(Report("bbb", 1'767'225'540));
  h.pusher.Step();
  EXPECT_EQ(h.pusher.last_attempt().kept, 1u);
  EXPECT_EQ(h.Depth(), 1u);
  EXPECT_EQ((*h.outbox->Peek(1))[0].key, "ry/bbb/dns/1767225540");
}

TEST(Pusher, AnAckThatSettlesNothingOrIsNotJsonBacksOff) {
  FakeCentral central;
  central.SetHandler([](const FakeRequest&) {
    return FakeResponse{200, probewire::RenderBatchAck({}), ""};
  });
  PusherHarness h(central.url());
  h.draw = 1.0;
  h.Put(Report("aaa", 1'767'225'540));
  EXPECT_EQ(h.pusher.Step(), milliseconds(1000));
  central.SetHandler([](const FakeRequest&) { return FakeResponse{200, "not json", ""}; });
  EXPECT_EQ(h.pusher.Step(), milliseconds(2000));
  EXPECT_EQ(h.Depth(), 1u);
}

TEST(Pusher, ExpiresOldItemsAtMostOncePerInterval) {
  PusherHarness h(testing::UnreachableUrl());
  const UnixSeconds now = h.clock.Now();
  h.Put(Report("old", CycleStart(now - kDefaultOutboxMaxAgeSeconds - 120, 60)));
  h.Put(Report("new", CycleStart(now - 60, 60)));
  h.pusher.Step();
  EXPECT_EQ(h.Depth(), 1u);
  EXPECT_EQ((*h.outbox->Peek(1))[0].key, "ry/new/dns/" + std::to_string(CycleStart(now - 60, 60)));
}

}  // namespace
}  // namespace tldmon::probe

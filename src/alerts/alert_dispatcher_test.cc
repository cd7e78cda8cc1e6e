#include "alerts/alert_dispatcher.h"

#include <gtest/gtest.h>

#include <thread>

#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::alerts {
namespace {

// The dispatcher's threads against a receiver that is not there (nothing
// listens on loopback port 1): every send fails, is logged and retried, the
// metrics say so, Notify during a back-off does not hammer, Stop ends it.
// (Deliveries that succeed are tested end to end in tests/integration.)
TEST(AlertDispatcher, RetriesAFailingChannelAndReportsItUntilStopped) {
  store::testing::TempSqliteStore s;
  const std::vector<store::StoredAlertEvent> events = {
      {0, 1767225600, "probeOffline/P1", true,
       R"({"formatVersion":1,"fingerprint":"probeOffline/P1","status":"firing","kind":"probeOffline",)"
       R"("severity":"warning","entity":null,"service":null,"probe":"P1","summary":"P1 offline",)"
       R"("startsAt":1767225600,"endsAt":null,"cycle":1767225600,"links":{"dashboard":"/ui/#/probes"}})"}};
  ASSERT_TRUE(s.store().RecordAlerts({}, events).ok());
  ChannelConfig hook;
  hook.name = "hook";
  hook.url = "http://127.0.0.1:1/hook";
  hook.secret = "0123456789abcdef";
  hook.timeout_seconds = 2;
  FakeClock clock(1767225660);
  DispatcherOptions options;
  options.retry_base = std::chrono::milliseconds(20);
  options.retry_cap = std::chrono::milliseconds(40);
  options.poll = std::chrono::milliseconds(50);
  AlertDispatcher d(&s.store(), &clock, {hook}, options);
  d.Start();
  std::string metrics;
  for (int i = 0; i < 200; ++i) {  // ≤ 10 s
    d.Notify();
    metrics.clear();
    d.AppendMetrics(metrics);
    if (metrics.find("outcome=\"failed\"} 0") == std::string::npos &&
        metrics.find("tldmon_alert_channel_failing{channel=\"hook\"} 0") == std::string::npos)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  d.Stop();
  d.Stop();  // idempotent
  EXPECT_EQ(metrics.find("outcome=\"failed\"} 0"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("tldmon_alert_channel_backlog{channel=\"hook\"} 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("outcome=\"delivered\"} 0"), std::string::npos) << metrics;
  auto log = s.store().AlertDeliveries("hook", 10);
  ASSERT_TRUE(log.ok());
  ASSERT_FALSE(log->empty());
  EXPECT_EQ(log->front().outcome, "failed");
  EXPECT_NE(log->front().detail.find("127.0.0.1"), std::string::npos) << log->front().detail;
  EXPECT_EQ(*s.store().AlertCursor("hook"), 0);  // never skipped
}

}  // namespace
}  // namespace tldmon::alerts

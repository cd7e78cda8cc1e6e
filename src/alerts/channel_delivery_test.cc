#include "alerts/channel_delivery.h"

#include <gtest/gtest.h>

#include <vector>

#include "store/sqlite/temp_sqlite_store.h"

namespace tldmon::alerts {
namespace {

using std::chrono::milliseconds;

class ChannelDeliveryTest : public ::testing::Test {
 protected:
  void Queue(int n) {
    std::vector<store::StoredAlertEvent> events;
    for (int i = 0; i < n; ++i)
      events.push_back({0, 1767225600 + 60 * i, "probeOffline/P" + std::to_string(i), true,
                        "{\"n\":" + std::to_string(next_++) + "}"});
    ASSERT_TRUE(store_.store().RecordAlerts({}, events).ok());
  }
  // A receiver that refuses while `down` and records what it accepted.
  SendEvents Receiver() {
    return [this](std::span<const store::StoredAlertEvent> events) -> Result<std::string> {
      ++attempts_;
      sizes_.push_back(events.size());
      if (down_) return Unavailable("connection refused");
      for (const auto& e : events) got_.push_back(e.body);
      return std::string("HTTP 200");
    };
  }
  std::vector<std::string> Outcomes() {
    std::vector<std::string> out;
    auto log = store_.store().AlertDeliveries("hook", 100);
    EXPECT_TRUE(log.ok());
    if (!log.ok()) return out;
    const std::vector<store::AlertDelivery> rows = std::move(log).value();
    for (const store::AlertDelivery& d : rows) out.insert(out.begin(), d.outcome);  // oldest first
    return out;
  }
  store::testing::TempSqliteStore store_;
  FakeClock clock_{1767225600};
  int next_ = 0, attempts_ = 0;
  bool down_ = false;
  std::vector<std::string> got_;
  std::vector<std::size_t> sizes_;
};

TEST_F(ChannelDeliveryTest, DeliversInOrderAcrossBatchesAndResumesAtTheCursor) {
  Queue(5);
  ChannelDelivery d("hook", &store_.store(), &clock_, Receiver(), {}, {.batch = 2});
  auto pass = d.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().ToString();
  EXPECT_EQ(pass->delivered, 5);
  EXPECT_FALSE(pass->retry_after);
  EXPECT_EQ(got_, (std::vector<std::string>{"{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"}));
  EXPECT_EQ(sizes_, (std::vector<std::size_t>{1, 1, 1, 1, 1}));
  EXPECT_EQ(*store_.store().AlertCursor("hook"), pass->cursor);
  EXPECT_EQ(Outcomes(), (std::vector<std::string>(5, "delivered")));
  // Nothing new: nothing sent. A second channel starts from the beginning.
  EXPECT_EQ(d.RunOnce()->delivered, 0);
  ChannelDelivery other("mail", &store_.store(), &clock_, Receiver());
  EXPECT_EQ(other.RunOnce()->delivered, 5);
}

TEST_F(ChannelDeliveryTest, AReceiverThatIsDownGetsEverythingLaterInOrderNoneTwice) {
  Queue(3);
  down_ = true;
  ChannelDelivery d("hook", &store_.store(), &clock_, Receiver(), {},
                    {.batch = 100, .retry_base = milliseconds(1000), .retry_cap = milliseconds(5000)});
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 5; ++i) {
    auto pass = d.RunOnce();
    ASSERT_TRUE(pass.ok());
    EXPECT_EQ(pass->delivered, 0);
    EXPECT_EQ(pass->last_error, "connection refused");
    waits.push_back(pass->retry_after->count());
  }
  EXPECT_EQ(waits, (std::vector<std::int64_t>{1000, 2000, 4000, 5000, 5000}));  // doubling, capped
  EXPECT_EQ(*store_.store().AlertCursor("hook"), 0);  // the first event was never skipped
  EXPECT_EQ(Outcomes(), (std::vector<std::string>(5, "failed")));
  Queue(2);  // more alerts while it is down
  down_ = false;
  // A new ChannelDelivery, as after a restart of serve: it resumes at the cursor.
  ChannelDelivery again("hook", &store_.store(), &clock_, Receiver());
  auto pass = again.RunOnce();
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->delivered, 5);
  EXPECT_EQ(got_, (std::vector<std::string>{"{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"}));
  EXPECT_EQ(d.failures_in_a_row(), 5);
  EXPECT_EQ(again.failures_in_a_row(), 0);
}

TEST_F(ChannelDeliveryTest, AFailureInTheMiddleKeepsWhatWasDelivered) {
  Queue(3);
  int sends = 0;
  ChannelDelivery d("hook", &store_.store(), &clock_,
                    [&](std::span<const store::StoredAlertEvent> e) -> Result<std::string> {
                      if (++sends == 2) return Unavailable("timeout");
                      got_.push_back(e[0].body);
                      return std::string("ok");
                    });
  auto first = d.RunOnce();
  EXPECT_EQ(first->delivered, 1);
  EXPECT_EQ(first->retry_after, milliseconds(1000));
  auto second = d.RunOnce();
  EXPECT_EQ(second->delivered, 2);
  EXPECT_EQ(got_, (std::vector<std::string>{"{\"n\":0}", "{\"n\":1}", "{\"n\":2}"}));
  EXPECT_EQ(Outcomes(), (std::vector<std::string>{"delivered", "failed", "delivered", "delivered"}));
}

TEST_F(ChannelDeliveryTest, MutedEventsAreLoggedAndSkippedAndSplitTheGroups) {
  Queue(6);
  int mute_loads = 0;
  MuteSource mute = [&]() -> Result<MuteCheck> {
    ++mute_loads;
    return MuteCheck([](const store::StoredAlertEvent& e) -> std::optional<std::string> {
      if (e.body == "{\"n\":2}") return std::string("maintenance window w1");
      return std::nullopt;
    });
  };
  ChannelDelivery d("hook", &store_.store(), &clock_, Receiver(), mute, {.max_per_send = 10});
  auto pass = d.RunOnce();
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->delivered, 5);
  EXPECT_EQ(pass->muted, 1);
  EXPECT_EQ(mute_loads, 1);
  EXPECT_EQ(sizes_, (std::vector<std::size_t>{2, 3}));  // a digest never spans a muted event
  EXPECT_EQ(Outcomes(), (std::vector<std::string>{"delivered", "delivered", "muted", "delivered",
                                                  "delivered", "delivered"}));
  const auto log = store_.store().AlertDeliveries("hook", 10);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 6u);
  EXPECT_EQ((*log)[3].detail, "maintenance window w1");
  // An idle pass does not read the settings.
  EXPECT_EQ(d.RunOnce()->delivered, 0);
  EXPECT_EQ(mute_loads, 1);
}

}  // namespace
}  // namespace tldmon::alerts

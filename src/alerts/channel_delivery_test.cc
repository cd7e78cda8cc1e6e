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
  SendEvent Receiver() {
    return [this](const store::StoredAlertEvent& e) {
      ++attempts_;
      if (down_) return Unavailable("connection refused");
      got_.push_back(e.body);
      return Status::Ok();
    };
  }
  store::testing::TempSqliteStore store_;
  int next_ = 0, attempts_ = 0;
  bool down_ = false;
  std::vector<std::string> got_;
};

TEST_F(ChannelDeliveryTest, DeliversInOrderAcrossBatchesAndResumesAtTheCursor) {
  Queue(5);
  ChannelDelivery d("hook", &store_.store(), Receiver(), {.batch = 2});
  auto pass = d.RunOnce();
  ASSERT_TRUE(pass.ok()) << pass.status().ToString();
  EXPECT_EQ(pass->delivered, 5);
  EXPECT_FALSE(pass->retry_after);
  EXPECT_EQ(got_, (std::vector<std::string>{"{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}"}));
  EXPECT_EQ(*store_.store().AlertCursor("hook"), pass->cursor);
  // Nothing new: nothing sent. A second channel starts from the beginning.
  EXPECT_EQ(d.RunOnce()->delivered, 0);
  ChannelDelivery other("mail", &store_.store(), Receiver());
  EXPECT_EQ(other.RunOnce()->delivered, 5);
}

TEST_F(ChannelDeliveryTest, AReceiverThatIsDownGetsEverythingLaterInOrderNoneTwice) {
  Queue(3);
  down_ = true;
  ChannelDelivery d("hook", &store_.store(), Receiver(),
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
  Queue(2);  // more alerts while it is down
  down_ = false;
  // A new ChannelDelivery, as after a restart of serve: it resumes at the cursor.
  ChannelDelivery again("hook", &store_.store(), Receiver());
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
  ChannelDelivery d("hook", &store_.store(), [&](const store::StoredAlertEvent& e) {
    if (++sends == 2) return Unavailable("timeout");
    got_.push_back(e.body);
    return Status::Ok();
  });
  auto first = d.RunOnce();
  EXPECT_EQ(first->delivered, 1);
  EXPECT_EQ(first->retry_after, milliseconds(1000));
  auto second = d.RunOnce();
  EXPECT_EQ(second->delivered, 2);
  EXPECT_EQ(got_, (std::vector<std::string>{"{\"n\":0}", "{\"n\":1}", "{\"n\":2}"}));
}

}  // namespace
}  // namespace tldmon::alerts

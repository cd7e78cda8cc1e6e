#include "probe/scheduler_semaphore.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "probe/scheduler_clock.h"

namespace tldmon::probe {
namespace {

TEST(TestSlots, NeverMoreInFlightThanSlotsAndWaitersGoInOrder) {
  asio::io_context io;
  ManualCycleClock clock(io, 0);
  TestSlots slots(io, 2);
  int in_flight = 0;
  int max_in_flight = 0;
  std::vector<int> started;
  for (int i = 0; i < 5; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> asio::awaitable<void> {
          co_await slots.Acquire();
          started.push_back(i);
          max_in_flight = std::max(max_in_flight, ++in_flight);
          co_await clock.WaitUntil(10 * (i + 1));  // each "test" ends at its own time
          --in_flight;
          slots.Release();
        },
        asio::detached);
  }
  // poll(), not run(): parked waiters are pending timers, which would keep
  // run() from returning.
  io.poll();
  EXPECT_EQ(started, (std::vector<int>{0, 1}));
  EXPECT_EQ(slots.waiting(), 3u);
  for (UnixSeconds t = 10; t <= 50; t += 10) {
    clock.AdvanceTo(t);
    io.poll();
  }
  EXPECT_EQ(started, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(max_in_flight, 2);
  EXPECT_EQ(in_flight, 0);
  EXPECT_EQ(slots.free(), 2u);
  EXPECT_EQ(clock.waiters(), 0u);
}

TEST(ManualCycleClock, WaitUntilThePastCompletesAtOnce) {
  asio::io_context io;
  ManualCycleClock clock(io, 100);
  bool done = false;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        co_await clock.WaitUntil(100);
        co_await clock.WaitUntil(50);
        done = true;
      },
      asio::detached);
  io.run();
  EXPECT_TRUE(done);
}

}  // namespace
}  // namespace tldmon::probe

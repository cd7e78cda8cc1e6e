// TestSlots: the scheduler's bound on tests in flight (issue 9 "bounded
// concurrency"; the `concurrency` setting). A counting semaphore for
// coroutines on one io_context: Acquire() suspends while every slot is taken,
// Release() hands the slot to the longest waiter. Boost 1.74's Asio has no
// channel, so a waiter parks on a timer that never expires by itself and is
// woken by cancel().
//
// Not thread-safe: every call on the io_context's one thread.
#pragma once

#include <utility>  // before Boost headers (Boost 1.74)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstddef>
#include <deque>
#include <memory>

namespace tldmon::probe {

namespace asio = boost::asio;

class TestSlots {
 public:
  TestSlots(asio::io_context& io, std::size_t slots) : io_(io), free_(slots) {}

  // Returns once a slot is held by the caller; pair with Release().
  asio::awaitable<void> Acquire();
  void Release();

  std::size_t free() const { return free_; }
  std::size_t waiting() const { return waiters_.size(); }

 private:
  asio::io_context& io_;
  std::size_t free_;
  std::deque<std::shared_ptr<asio::steady_timer>> waiters_;
};

}  // namespace tldmon::probe

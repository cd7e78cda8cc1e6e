#include "probe/scheduler_semaphore.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace tldmon::probe {

asio::awaitable<void> TestSlots::Acquire() {
  if (free_ > 0 && waiters_.empty()) {
    --free_;
    co_return;
  }
  auto timer = std::make_shared<asio::steady_timer>(io_, asio::steady_timer::time_point::max());
  waiters_.push_back(timer);
  boost::system::error_code ec;
  // Release() cancels the timer after handing this waiter the slot, so
  // operation_aborted is the normal wake-up.
  co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
}

void TestSlots::Release() {
  if (waiters_.empty()) {
    ++free_;
    return;
  }
  auto next = std::move(waiters_.front());
  waiters_.pop_front();
  next->cancel();
}

}  // namespace tldmon::probe

#include "probe/scheduler_clock.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <algorithm>
#include <chrono>

namespace tldmon::probe {

asio::awaitable<void> SystemCycleClock::WaitUntil(UnixSeconds t) {
  asio::steady_timer timer(io_);
  boost::system::error_code ec;
  for (UnixSeconds now = clock_.Now(); now < t; now = clock_.Now()) {
    timer.expires_after(std::chrono::seconds(std::min<UnixSeconds>(t - now, 10)));
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<void> ManualCycleClock::WaitUntil(UnixSeconds t) {
  while (now_ < t) {
    auto timer = std::make_shared<asio::steady_timer>(io_, asio::steady_timer::time_point::max());
    waiters_.emplace(t, timer);
    boost::system::error_code ec;
    co_await timer->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

void ManualCycleClock::AdvanceTo(UnixSeconds t) {
  now_ = std::max(now_, t);
  auto end = waiters_.upper_bound(now_);
  for (auto it = waiters_.begin(); it != end; ++it) it->second->cancel();
  waiters_.erase(waiters_.begin(), end);
}

}  // namespace tldmon::probe

// Runs coroutines concurrently on the caller's executor and waits for all
// (Boost 1.74 has no parallel_group). No thread per task: they interleave
// on the one event loop.
#pragma once

#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <functional>
#include <vector>

namespace tldmon::probe {

template <typename T>
boost::asio::awaitable<std::vector<T>> WhenAll(
    std::vector<std::function<boost::asio::awaitable<T>()>> tasks) {
  namespace asio = boost::asio;
  auto ex = co_await asio::this_coro::executor;
  std::vector<T> results(tasks.size());
  std::size_t pending = tasks.size();
  // Cancelled by the last task to finish; until then the frame (and so
  // `results` and `pending`, which the handlers touch) stays alive.
  asio::steady_timer done(ex, asio::steady_timer::time_point::max());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    asio::co_spawn(ex, tasks[i](), [&results, &pending, &done, i](std::exception_ptr e, T r) {
      if (!e) results[i] = std::move(r);
      if (--pending == 0) done.cancel();
    });
  }
  if (pending > 0) {
    boost::system::error_code ec;
    co_await done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  co_return results;
}

}  // namespace tldmon::probe

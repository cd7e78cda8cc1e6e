// Test-only: runs one coroutine to completion on a fresh io_context and
// returns its value (an exception it throws is rethrown). Header-only;
// included by tests of the probe's coroutines, never by the library.
#pragma once

#include <utility>  // before Boost headers (Boost 1.74)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>

namespace tldmon::probe::testing {

template <typename T>
T RunSync(boost::asio::awaitable<T> a) {
  boost::asio::io_context io;
  T out{};
  boost::asio::co_spawn(io, std::move(a), [&](std::exception_ptr e, T v) {
    if (e) std::rethrow_exception(e);
    out = std::move(v);
  });
  io.run();
  return out;
}

}  // namespace tldmon::probe::testing

// The completion of a coroutine the server spawns and never awaits (an
// accept loop, a connection). Asio's `detached` rethrows whatever escapes
// such a coroutine, which would terminate the whole server for one bad
// connection; this logs it instead and lets the server go on. Internal to
// the server; thread-safe.
#pragma once

#include <exception>
#include <string_view>

namespace tldmon::http::internal {

class DetachedCompletion {
 public:
  // `what` names the coroutine in the log line ("connection"); static text.
  explicit DetachedCompletion(std::string_view what) : what_(what) {}
  // Logs `error` (if any) at error level; never throws.
  void operator()(std::exception_ptr error) const noexcept;

 private:
  std::string_view what_;
};

}  // namespace tldmon::http::internal

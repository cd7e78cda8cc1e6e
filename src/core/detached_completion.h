// The completion of a coroutine that is spawned and never awaited (the
// server's accept loop and connections, the probe's cycle loops and tests).
// Asio's `detached` drops whatever escapes such a coroutine without a word
// (or, built without exceptions, terminates); this logs it at error level
// and lets the process go on (issue 8 A8: an exception in a detached
// coroutine is caught and logged, never fatal). Thread-safe.
#pragma once

#include <exception>
#include <string_view>

namespace tldmon {

class DetachedCompletion {
 public:
  // `what` names the coroutine in the log line ("http connection"); static text.
  explicit DetachedCompletion(std::string_view what) : what_(what) {}
  // Logs `error` (if any) at error level; never throws.
  void operator()(std::exception_ptr error) const noexcept;
  // A coroutine with a result nobody reads (the probe's RunCycle).
  template <typename T>
  void operator()(std::exception_ptr error, const T& /*unread*/) const noexcept {
    (*this)(error);
  }

 private:
  std::string_view what_;
};

}  // namespace tldmon

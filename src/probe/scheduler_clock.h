// CycleClock: the scheduler's time — the current Unix second and a wait until
// a given second. The real one (SystemCycleClock) reads a core Clock and
// waits on steady timers; tests drive a ManualCycleClock by hand, so cycles,
// deadlines and late tests are tested without sleeping (house rule 6).
//
// Not thread-safe: every call on the io_context's one thread.
#pragma once

#include <utility>  // before Boost headers (Boost 1.74)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>

#include "core/clock.h"
#include "core/time.h"

namespace tldmon::probe {

namespace asio = boost::asio;

class CycleClock {
 public:
  virtual ~CycleClock() = default;
  virtual UnixSeconds Now() const = 0;
  // Completes once Now() >= t (at once if it already is).
  virtual asio::awaitable<void> WaitUntil(UnixSeconds t) = 0;
};

// Wall time: waits in steps of at most 10 s and re-reads the clock, so a
// wall-clock step (NTP) moves the schedule with it instead of leaving a timer
// armed for the old time.
class SystemCycleClock final : public CycleClock {
 public:
  SystemCycleClock(asio::io_context& io, const Clock& clock) : io_(io), clock_(clock) {}
  UnixSeconds Now() const override { return clock_.Now(); }
  asio::awaitable<void> WaitUntil(UnixSeconds t) override;

 private:
  asio::io_context& io_;
  const Clock& clock_;
};

// Test time: Now() is what the test set; AdvanceTo() wakes every waiter whose
// time has come (they run when the io_context next runs its handlers).
class ManualCycleClock final : public CycleClock {
 public:
  ManualCycleClock(asio::io_context& io, UnixSeconds start) : io_(io), now_(start) {}
  UnixSeconds Now() const override { return now_; }
  asio::awaitable<void> WaitUntil(UnixSeconds t) override;
  void AdvanceTo(UnixSeconds t);
  std::size_t waiters() const { return waiters_.size(); }

 private:
  asio::io_context& io_;
  UnixSeconds now_;
  std::multimap<UnixSeconds, std::shared_ptr<asio::steady_timer>> waiters_;
};

}  // namespace tldmon::probe

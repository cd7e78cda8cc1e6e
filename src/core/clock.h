// Clock: the only way code below src/app/ learns the time (DESIGN.md "Time and
// cycles"). Tests and the simulator pass a FakeClock and never sleep.
#pragma once

#include <atomic>

#include "core/time.h"

namespace tldmon {

class Clock {
 public:
  virtual ~Clock() = default;
  // Current time in Unix seconds. Thread-safe in every implementation.
  virtual UnixSeconds Now() const = 0;
};

// Wall clock. Constructed only in src/app/.
class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

// Manually driven clock for tests and simulation. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(UnixSeconds start = 0) : now_(start) {}
  UnixSeconds Now() const override { return now_.load(std::memory_order_acquire); }
  void Set(UnixSeconds t) { now_.store(t, std::memory_order_release); }
  void Advance(UnixSeconds dt) { now_.fetch_add(dt, std::memory_order_acq_rel); }

 private:
  std::atomic<UnixSeconds> now_;
};

}  // namespace tldmon

// ProgressMeter: the progress lines of simulate and the demo's fast-forward:
//   progress: simulated 2026-01-01T05:23:00Z  12.5% done  3456 cycles/s
// at most one line per `interval` of real time (the first one immediately),
// flushed at once so a watching process (the crash test) sees it. Reads the
// steady clock, which only src/app/ may do.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>

#include "core/time.h"

namespace tldmon::app {

class ProgressMeter {
 public:
  ProgressMeter(std::ostream& out, UnixSeconds from, UnixSeconds to,
                std::chrono::milliseconds interval = std::chrono::milliseconds(1000));

  // `reached`: simulated time reached; `cycles`: cycles processed so far.
  void Update(UnixSeconds reached, std::int64_t cycles);
  // Always prints a final line.
  void Finish(UnixSeconds reached, std::int64_t cycles);

 private:
  void Print(UnixSeconds reached, std::int64_t cycles, std::chrono::steady_clock::time_point now);

  std::ostream& out_;
  UnixSeconds from_, to_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point begin_, last_;
  std::int64_t last_cycles_ = 0;
  bool printed_ = false;
};

}  // namespace tldmon::app

#include "app/progress_meter.h"

#include <algorithm>

#include <fmt/format.h>

namespace tldmon::app {

ProgressMeter::ProgressMeter(std::ostream& out, UnixSeconds from, UnixSeconds to,
                             std::chrono::milliseconds interval)
    : out_(out),
      from_(from),
      to_(to),
      interval_(interval),
      begin_(std::chrono::steady_clock::now()),
      last_(begin_) {}

void ProgressMeter::Update(UnixSeconds reached, std::int64_t cycles) {
  const auto now = std::chrono::steady_clock::now();
  if (printed_ && now - last_ < interval_) return;
  Print(reached, cycles, now);
}

void ProgressMeter::Finish(UnixSeconds reached, std::int64_t cycles) {
  Print(reached, cycles, std::chrono::steady_clock::now());
}

void ProgressMeter::Print(UnixSeconds reached, std::int64_t cycles,
                          std::chrono::steady_clock::time_point now) {
  const double span = static_cast<double>(std::max<UnixSeconds>(1, to_ - from_));
  const double pct = std::clamp(100.0 * static_cast<double>(reached - from_) / span, 0.0, 100.0);
  // Rate over the last interval (or since the start for the first line).
  const auto since = printed_ ? last_ : begin_;
  const double secs = std::chrono::duration<double>(now - since).count();
  const double rate = secs > 0 ? static_cast<double>(cycles - last_cycles_) / secs : 0.0;
  out_ << fmt::format("progress: simulated {}  {:.1f}% done  {:.0f} cycles/s\n",
                      FormatIso8601(reached), pct, rate)
       << std::flush;
  last_ = now;
  last_cycles_ = cycles;
  printed_ = true;
}

}  // namespace tldmon::app

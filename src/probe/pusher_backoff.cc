#include "probe/pusher_backoff.h"

#include <algorithm>
#include <utility>

namespace tldmon::probe {

PushBackoff::PushBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap,
                         UnitRandom random)
    : base_(base), cap_(cap), random_(std::move(random)) {}

std::chrono::milliseconds PushBackoff::Ceiling() const {
  if (failures_ == 0) return std::chrono::milliseconds(0);
  // Doubling stops at the cap; capping the shift keeps it from overflowing.
  std::chrono::milliseconds ceiling = base_;
  for (int i = 1; i < failures_ && ceiling < cap_; ++i) ceiling *= 2;
  return std::min(ceiling, cap_);
}

std::chrono::milliseconds PushBackoff::NextDelay() {
  ++failures_;
  const double u = std::clamp(random_(), 0.0, 1.0);
  const auto ceiling = Ceiling();
  return std::chrono::milliseconds(
      static_cast<std::chrono::milliseconds::rep>(u * static_cast<double>(ceiling.count())));
}

}  // namespace tldmon::probe

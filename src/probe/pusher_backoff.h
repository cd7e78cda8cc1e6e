// PushBackoff: how long the pusher waits after a failed push —
// exponential backoff with full jitter: after the n-th consecutive failure
// the wait is uniform in [0, min(cap, base * 2^(n-1))]. Full jitter spreads
// the probes' retries after a central outage, so they do not all come back
// in the same second. Pure: the random source is injected, so tests pin the
// sequence without sleeping.
#pragma once

#include <chrono>
#include <functional>

namespace tldmon::probe {

class PushBackoff {
 public:
  // Returns a number uniform in [0, 1).
  using UnitRandom = std::function<double()>;

  PushBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap, UnitRandom random);

  // Records one more failure and returns the wait before the next attempt.
  std::chrono::milliseconds NextDelay();
  // The current ceiling of the jitter (for logs): min(cap, base * 2^(n-1)).
  std::chrono::milliseconds Ceiling() const;
  // A success: the next failure starts from `base` again.
  void Reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds base_;
  std::chrono::milliseconds cap_;
  UnitRandom random_;
  int failures_ = 0;
};

// Defaults of the pusher (the brief's numbers): base 1 s, cap 5 min.
inline constexpr std::chrono::milliseconds kPushBackoffBase{1000};
inline constexpr std::chrono::milliseconds kPushBackoffCap{5 * 60 * 1000};

}  // namespace tldmon::probe

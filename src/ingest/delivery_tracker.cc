#include "ingest/delivery_tracker.h"

#include <algorithm>

namespace tldmon::ingest {

void DeliveryTracker::Delivered(ProbeIndex p, UnixSeconds minute) {
  if (p >= watermark_.size()) watermark_.resize(p + 1);
  std::optional<UnixSeconds>& w = watermark_[p];
  if (!w || *w < minute) w = minute;
}

std::optional<UnixSeconds> DeliveryTracker::Watermark(ProbeIndex p) const {
  return p < watermark_.size() ? watermark_[p] : std::nullopt;
}

void DeliveryTracker::BeginCatchUp(std::vector<ProbeIndex> set, UnixSeconds now) {
  if (window_ <= 0 || set.empty()) return;
  std::sort(set.begin(), set.end());
  set.erase(std::unique(set.begin(), set.end()), set.end());
  set_ = std::move(set);
  deadline_ = now + window_;
}

bool DeliveryTracker::AllDeliveredThrough(const std::vector<ProbeIndex>& probes,
                                          UnixSeconds end) const {
  return std::all_of(probes.begin(), probes.end(), [&](ProbeIndex p) {
    const auto w = Watermark(p);
    return w && *w >= end;
  });
}

void DeliveryTracker::Settle(UnixSeconds now, UnixSeconds grace) {
  if (set_.empty()) return;
  if (now >= deadline_) {
    set_.clear();
    return;
  }
  // A probe whose deliveries are as fresh as grace allows has caught up.
  std::erase_if(set_, [&](ProbeIndex p) {
    const auto w = Watermark(p);
    return w && *w + grace >= now;
  });
}

bool DeliveryTracker::MayProcess(UnixSeconds end, UnixSeconds length, UnixSeconds grace,
                                 UnixSeconds now, const std::vector<bool>& enabled) {
  if (window_ <= 0) return end - 1 + grace <= now;
  Settle(now, grace);
  if (!set_.empty()) return now >= end && AllDeliveredThrough(set_, end);

  const bool grace_passed = end - 1 + grace <= now;
  // The probes that were delivering shortly before this cycle.
  std::vector<ProbeIndex> expected;
  std::optional<UnixSeconds> newest;
  for (ProbeIndex p = 0; p < watermark_.size(); ++p) {
    const auto& w = watermark_[p];
    if (!w) continue;
    if (!newest || *newest < *w) newest = w;
    const bool in_service = p >= enabled.size() || enabled[p];
    if (in_service && *w >= end - length - grace) expected.push_back(p);
  }
  if (grace_passed) {
    // Nobody delivered through this cycle although probes were delivering
    // before it: ingest was unreachable (or every probe failed at once).
    // Wait for those that were delivering, for at most the window.
    if (newest && *newest < end && !expected.empty()) {
      BeginCatchUp(std::move(expected), now);
      return false;
    }
    return true;
  }
  return now >= end && !expected.empty() && AllDeliveredThrough(expected, end);
}

}  // namespace tldmon::ingest

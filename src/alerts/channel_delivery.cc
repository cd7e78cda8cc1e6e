#include "alerts/channel_delivery.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace tldmon::alerts {

ChannelDelivery::ChannelDelivery(std::string channel, store::Store* store, const Clock* clock,
                                 SendEvents send, MuteSource mute, DeliveryOptions options)
    : channel_(std::move(channel)),
      store_(store),
      clock_(clock),
      send_(std::move(send)),
      mute_(std::move(mute)),
      options_(options) {
  options_.max_per_send = std::max<std::size_t>(1, options_.max_per_send);
}

Result<DeliveryPass> ChannelDelivery::RunOnce() {
  DeliveryPass pass;
  auto cursor = store_->AlertCursor(channel_);
  if (!cursor.ok()) return cursor.status();
  pass.cursor = *cursor;
  MuteCheck muted;
  bool mute_ready = false;
  for (;;) {
    auto events = store_->AlertEventsAfter(pass.cursor, options_.batch);
    if (!events.ok()) return events.status();
    if (events->empty()) return pass;
    if (!mute_ready && mute_) {
      auto check = mute_();
      if (!check.ok()) return check.status();
      muted = std::move(*check);
    }
    mute_ready = true;
    const std::vector<store::StoredAlertEvent>& e = *events;
    std::vector<std::optional<std::string>> reasons(e.size());
    if (muted)
      for (std::size_t i = 0; i < e.size(); ++i) reasons[i] = muted(e[i]);
    std::size_t i = 0;
    while (i < e.size()) {
      const UnixSeconds now = clock_->Now();
      if (reasons[i]) {
        const store::AlertDelivery row{0, channel_, e[i].id, now, "muted", *reasons[i]};
        TLDMON_RETURN_IF_ERROR(store_->RecordAlertDelivery(channel_, e[i].id, {&row, 1}));
        pass.cursor = e[i].id;
        ++pass.muted;
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < e.size() && j - i < options_.max_per_send && !reasons[j]) ++j;
      const std::span<const store::StoredAlertEvent> group(e.data() + i, j - i);
      Result<std::string> sent = send_(group);
      if (!sent.ok()) {
        ++failures_;
        // base · 2^(failures-1), capped; the shift is bounded so it cannot overflow.
        const auto doubled = options_.retry_base * (std::int64_t{1} << std::min(failures_ - 1, 30));
        pass.retry_after = std::min(doubled, options_.retry_cap);
        pass.last_error = sent.status().message();
        const store::AlertDelivery row{0, channel_, e[i].id, clock_->Now(), "failed",
                                       pass.last_error};
        TLDMON_RETURN_IF_ERROR(store_->RecordAlertDelivery(channel_, std::nullopt, {&row, 1}));
        return pass;
      }
      failures_ = 0;
      std::vector<store::AlertDelivery> rows;
      for (const store::StoredAlertEvent& d : group)
        rows.push_back({0, channel_, d.id, clock_->Now(), "delivered", *sent});
      TLDMON_RETURN_IF_ERROR(store_->RecordAlertDelivery(channel_, group.back().id, rows));
      pass.cursor = group.back().id;
      pass.delivered += static_cast<int>(group.size());
      i = j;
    }
  }
}

}  // namespace tldmon::alerts

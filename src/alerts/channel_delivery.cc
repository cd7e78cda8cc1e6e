#include "alerts/channel_delivery.h"

#include <algorithm>
#include <utility>

namespace tldmon::alerts {

ChannelDelivery::ChannelDelivery(std::string channel, store::Store* store, SendEvent send,
                                 DeliveryOptions options)
    : channel_(std::move(channel)), store_(store), send_(std::move(send)), options_(options) {}

Result<DeliveryPass> ChannelDelivery::RunOnce() {
  DeliveryPass pass;
  auto cursor = store_->AlertCursor(channel_);
  if (!cursor.ok()) return cursor.status();
  pass.cursor = *cursor;
  for (;;) {
    auto events = store_->AlertEventsAfter(pass.cursor, options_.batch);
    if (!events.ok()) return events.status();
    if (events->empty()) return pass;
    for (const store::StoredAlertEvent& e : *events) {
      if (Status sent = send_(e); !sent.ok()) {
        ++failures_;
        // base · 2^(failures-1), capped; the shift is bounded so it cannot overflow.
        const auto doubled = options_.retry_base * (std::int64_t{1} << std::min(failures_ - 1, 30));
        pass.retry_after = std::min(doubled, options_.retry_cap);
        pass.last_error = sent.message();
        return pass;
      }
      failures_ = 0;
      TLDMON_RETURN_IF_ERROR(store_->SetAlertCursor(channel_, e.id));
      pass.cursor = e.id;
      ++pass.delivered;
    }
  }
}

}  // namespace tldmon::alerts

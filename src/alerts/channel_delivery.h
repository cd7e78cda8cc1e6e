// ChannelDelivery: one alert channel's walk through the store's alert event
// queue (docs/alerts.md "Delivery"). Events go out in id order; the
// channel's cursor moves past an event only once it was delivered (or muted
// for this channel), in the same transaction as the delivery log's row
// (Store::RecordAlertDelivery), so a restart resumes at the first event not
// yet delivered and nothing is lost or reordered. A receiver may see an
// event twice — sent, then a crash before the cursor moved — and can tell by
// its id, which every channel sends along.
//
// A failed send stops the pass: the event is retried, not skipped, after a
// wait that doubles with each failure in a row (base, 2·base, … up to cap)
// and starts again from base after a success. Retrying forever is the
// point: an alert that the receiver never got is the failure this exists
// to prevent; `tldmon admin alert deliveries` and /metrics show a channel
// stuck.
//
// The sender and the mute check are functions, so the walk is tested
// without a network; the real senders (webhook, Alertmanager, email) plug in
// here. Not thread-safe: one thread per channel.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace tldmon::alerts {

// Sends 1..max_per_send events in one go, in order; on success a short
// answer for the log ("HTTP 200").
using SendEvents = std::function<Result<std::string>(std::span<const store::StoredAlertEvent>)>;
// nullopt: send the event on this channel; otherwise why it is muted here.
using MuteCheck = std::function<std::optional<std::string>(const store::StoredAlertEvent&)>;
// Makes the pass's MuteCheck (reads the entities' settings once per pass
// that has something to send); empty: nothing is muted.
using MuteSource = std::function<Result<MuteCheck>()>;

struct DeliveryOptions {
  std::size_t batch = 100;        // events read from the store at a time
  std::size_t max_per_send = 1;   // events per send (a digest mail, an Alertmanager post)
  std::chrono::milliseconds retry_base{1000};
  std::chrono::milliseconds retry_cap{5 * 60 * 1000};
};

// What one RunOnce did.
struct DeliveryPass {
  int delivered = 0;
  int muted = 0;
  // Set when a send failed: wait this long before the next RunOnce.
  std::optional<std::chrono::milliseconds> retry_after;
  std::string last_error;  // the failed send's message
  std::int64_t cursor = 0;  // the channel's cursor afterwards
};

class ChannelDelivery {
 public:
  ChannelDelivery(std::string channel, store::Store* store, const Clock* clock, SendEvents send,
                  MuteSource mute = {}, DeliveryOptions options = {});

  // Sends what is queued after the cursor, in order, until the queue is
  // empty or a send fails. Store errors are returned (nothing is skipped).
  Result<DeliveryPass> RunOnce();

  const std::string& channel() const { return channel_; }
  int failures_in_a_row() const { return failures_; }

 private:
  std::string channel_;
  store::Store* store_;
  const Clock* clock_;
  SendEvents send_;
  MuteSource mute_;
  DeliveryOptions options_;
  int failures_ = 0;
};

}  // namespace tldmon::alerts

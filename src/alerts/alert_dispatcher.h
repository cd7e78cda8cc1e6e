// AlertDispatcher: the delivery threads of `serve` and `demo` — one per
// configured channel, each a ChannelDelivery over the store's event queue
// with that channel's sender and the entities' routing (alert_routing.h).
//
// A thread sends what is queued, then sleeps until Notify() (the engine
// loop calls it after a cycle recorded events), a failed send's back-off,
// or `poll` as a safety net, whichever comes first; a back-off is never cut
// short by Notify, so a receiver that is down is not hammered. An
// Alertmanager channel also re-sends the alerts firing now every
// resend_seconds (alertmanager_payload.h: their endsAt runs out otherwise).
//
// AppendMetrics writes the Prometheus lines of docs/alerts.md "Metrics".
// Thread-safe: Notify and AppendMetrics may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "alerts/channel_config.h"
#include "alerts/channel_delivery.h"
#include "core/clock.h"
#include "store/store.h"

namespace tldmon::alerts {

struct DispatcherOptions {
  std::string public_url;                  // links in payloads; empty: paths
  std::chrono::milliseconds poll{2000};    // safety net when no Notify comes
  std::chrono::milliseconds retry_base{1000};
  std::chrono::milliseconds retry_cap{5 * 60 * 1000};
};

class AlertDispatcher {
 public:
  AlertDispatcher(store::Store* store, const Clock* clock, std::vector<ChannelConfig> channels,
                  DispatcherOptions options);
  ~AlertDispatcher();  // Stop()
  AlertDispatcher(const AlertDispatcher&) = delete;
  AlertDispatcher& operator=(const AlertDispatcher&) = delete;

  void Start();
  // Wakes every channel not in a back-off: new events are queued.
  void Notify();
  // Ends the threads after the send in progress (at most its timeout). Idempotent.
  void Stop();

  void AppendMetrics(std::string& out) const;
  std::size_t channel_count() const { return channels_.size(); }

 private:
  struct Channel {
    ChannelConfig config;
    std::unique_ptr<ChannelDelivery> delivery;
    std::thread thread;
    std::atomic<std::int64_t> delivered{0}, muted{0}, failed{0}, cursor{0}, backlog{0};
    std::atomic<int> failing{0};
  };
  void Run(Channel& c);
  void Resend(Channel& c);

  store::Store* store_;
  const Clock* clock_;
  DispatcherOptions options_;
  std::vector<std::unique_ptr<Channel>> channels_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;           // guarded by mu_
  std::uint64_t notified_ = 0;  // guarded by mu_
  bool started_ = false;
};

}  // namespace tldmon::alerts

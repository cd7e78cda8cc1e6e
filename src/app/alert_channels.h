// The alert channels of `serve` and `demo` (docs/alerts.md): checks each
// configured channel's host at start — a name that does not resolve stops
// the start (a typo), a receiver that does not answer is a warning on the
// console (its events wait in the queue until it is back) — and makes the
// AlertDispatcher that delivers. nullptr when alerts are off or no channel
// is configured: events are still recorded, for `tldmon admin alert list`.
#pragma once

#include <memory>
#include <string>

#include "alerts/alert_dispatcher.h"
#include "app/api_runtime.h"
#include "app/engine_loop.h"
#include "app/serve_config.h"
#include "core/clock.h"
#include "store/store.h"

namespace tldmon::app {

Result<std::unique_ptr<alerts::AlertDispatcher>> MakeAlertDispatcher(store::Store* store,
                                                                     const Clock* clock,
                                                                     const ServeConfig& config,
                                                                     const std::string& command);

// Records the TLSA alerts (alerts/tlsa_alerts.h) from the runtime's TLSA
// cache: at most every 10 s, events and state in one store transaction
// when something changed. Errors are logged; the next round tries again.
class TlsaAlertWatcher {
 public:
  // Reads the last recorded state.
  static Result<std::unique_ptr<TlsaAlertWatcher>> Open(store::Store* store, int hold_down_seconds);
  // True when events were recorded.
  Result<bool> Observe(const std::vector<alerts::TlsaOwnerStatus>& owners, UnixSeconds now);

 private:
  TlsaAlertWatcher(store::Store* store, int hold_down, alerts::TlsaAlertState state)
      : store_(store), hold_down_(hold_down), state_(std::move(state)) {}
  store::Store* store_;
  int hold_down_;
  alerts::TlsaAlertState state_;
};

// `hooks` with, after every engine tick, the TLSA alerts observed (when
// `watcher` is set) and the dispatcher woken (a cycle may have queued
// events), and the dispatcher's lines added to /metrics.
EngineLoopHooks WithAlerts(EngineLoopHooks hooks, alerts::AlertDispatcher* dispatcher,
                           TlsaAlertWatcher* watcher, ApiRuntime& runtime, const Clock& clock);

}  // namespace tldmon::app

// The alerts of `serve` and `demo` (docs/alerts.md) besides the engine's:
// the channels' AlertDispatcher and the TLSA alert watcher, wired to the
// engine loop's ticks (ServingAlerts, at the end of this file).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "alerts/alert_dispatcher.h"
#include "app/api_runtime.h"
#include "app/engine_loop.h"
#include "app/serve_config.h"
#include "core/clock.h"
#include "store/store.h"

namespace tldmon::app {

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

// What `serve` and `demo` run for alerts. Prepare checks each configured
// channel's host — a name that does not resolve stops the start (a typo),
// a receiver that does not answer is a warning on the console (its events
// wait in the queue until it is back). With [alerts] off nothing runs; with
// no channel the events are still recorded, for `tldmon admin alert list`.
struct ServingAlerts {
  std::unique_ptr<alerts::AlertDispatcher> dispatcher;  // null: no channel
  std::unique_ptr<TlsaAlertWatcher> tlsa;               // null: alerts off
  // Several hosts: whether this host records and delivers alerts now (the
  // leader does; null: always). Set before Hook.
  std::function<bool()> active;

  static Result<ServingAlerts> Prepare(store::Store* store, const Clock* clock,
                                       const ServeConfig& config, const std::string& command);
  // `hooks` with, after every engine tick, the TLSA alerts observed and the
  // dispatcher woken (a cycle may have queued events); the dispatcher's
  // lines go to the runtime's /metrics. `this` must outlive the loop's run.
  EngineLoopHooks Hook(EngineLoopHooks hooks, ApiRuntime& runtime, const Clock& clock);
  void Start();
  void Stop();
};

}  // namespace tldmon::app

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

// `hooks` with the dispatcher woken after every engine tick (a cycle may
// have queued events) and its lines added to /metrics; `hooks` unchanged
// when `dispatcher` is null.
EngineLoopHooks WithAlertDispatcher(EngineLoopHooks hooks, alerts::AlertDispatcher* dispatcher,
                                    ApiRuntime& runtime);

}  // namespace tldmon::app

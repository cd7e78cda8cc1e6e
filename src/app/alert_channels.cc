#include "app/alert_channels.h"

#include <iostream>

namespace tldmon::app {

Result<std::unique_ptr<alerts::AlertDispatcher>> MakeAlertDispatcher(store::Store* store,
                                                                     const Clock* clock,
                                                                     const ServeConfig& config,
                                                                     const std::string& command) {
  const ServeConfig::Alerts& a = config.alerts;
  if (!a.enabled || a.channels.empty()) return std::unique_ptr<alerts::AlertDispatcher>();
  for (const alerts::ChannelConfig& c : a.channels) {
    TLDMON_RETURN_IF_ERROR(alerts::CheckResolvable(c));
    if (Status up = alerts::CheckReachable(c, std::chrono::seconds(3)); !up.ok())
      std::cout << command << ": alert channel " << c.name << " (" << alerts::ChannelTypeName(c.type)
                << "): cannot reach it now (" << up.message()
                << "); its events wait in the queue and are retried\n";
    else
      std::cout << command << ": alert channel " << c.name << " (" << alerts::ChannelTypeName(c.type)
                << ") → " << c.url << "\n";
  }
  alerts::DispatcherOptions options;
  options.public_url = a.public_url;
  options.retry_cap = std::chrono::seconds(a.retry_max_seconds);
  return std::make_unique<alerts::AlertDispatcher>(store, clock, a.channels, options);
}

EngineLoopHooks WithAlertDispatcher(EngineLoopHooks hooks, alerts::AlertDispatcher* dispatcher,
                                    ApiRuntime& runtime) {
  if (dispatcher == nullptr) return hooks;
  hooks.on_tick = [dispatcher, tick = std::move(hooks.on_tick)] {
    if (tick) tick();
    dispatcher->Notify();
  };
  runtime.SetExtraMetrics([dispatcher](std::string& out) { dispatcher->AppendMetrics(out); });
  return hooks;
}

}  // namespace tldmon::app

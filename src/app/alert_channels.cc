#include "app/alert_channels.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "documents/render_alert.h"

namespace tldmon::app {

namespace {

Result<std::unique_ptr<alerts::AlertDispatcher>> MakeDispatcher(store::Store* store,
                                                                const Clock* clock,
                                                                const ServeConfig& config,
                                                                const std::string& command) {
  const ServeConfig::Alerts& a = config.alerts;
  if (!a.enabled || a.channels.empty()) return std::unique_ptr<alerts::AlertDispatcher>();
  for (const alerts::ChannelConfig& c : a.channels) {
    TLDMON_RETURN_IF_ERROR(alerts::CheckResolvable(c));
    if (Status up = alerts::CheckReachable(c, std::chrono::seconds(3)); !up.ok())
      std::cout << command << ": alert channel " << c.name << " ("
                << alerts::ChannelTypeName(c.type) << "): cannot reach it now (" << up.message()
                << "); its events wait in the queue and are retried\n";
    else
      std::cout << command << ": alert channel " << c.name << " ("
                << alerts::ChannelTypeName(c.type) << ") → " << c.url << "\n";
  }
  alerts::DispatcherOptions options;
  options.public_url = a.public_url;
  options.retry_cap = std::chrono::seconds(a.retry_max_seconds);
  return std::make_unique<alerts::AlertDispatcher>(store, clock, a.channels, options);
}

}  // namespace

Result<std::unique_ptr<TlsaAlertWatcher>> TlsaAlertWatcher::Open(store::Store* store,
                                                                 int hold_down_seconds) {
  auto bytes = store->SourceAlertState(alerts::kTlsaAlertSource);
  if (!bytes.ok()) return bytes.status();
  alerts::TlsaAlertState state;
  if (*bytes) {
    auto decoded = alerts::DecodeTlsaAlertState(**bytes);
    if (!decoded.ok()) return decoded.status();
    state = std::move(*decoded);
  }
  return std::unique_ptr<TlsaAlertWatcher>(
      new TlsaAlertWatcher(store, hold_down_seconds, std::move(state)));
}

Result<bool> TlsaAlertWatcher::Observe(const std::vector<alerts::TlsaOwnerStatus>& owners,
                                       UnixSeconds now) {
  alerts::TlsaAlertState next = state_;
  const std::vector<engine::AlertEvent> events =
      alerts::ObserveTlsa(&next, owners, now, hold_down_);
  if (next == state_) return false;
  std::vector<store::StoredAlertEvent> rows;
  for (const engine::AlertEvent& e : events)
    rows.push_back(
        {0, now, e.alert.key.Fingerprint(), e.firing, documents::RenderAlertEvent(e, now)});
  TLDMON_RETURN_IF_ERROR(store_->RecordSourceAlerts(alerts::kTlsaAlertSource,
                                                    alerts::EncodeTlsaAlertState(next), rows));
  state_ = std::move(next);  // only once recorded: a failed write is observed again
  return !rows.empty();
}

Result<ServingAlerts> ServingAlerts::Prepare(store::Store* store, const Clock* clock,
                                             const ServeConfig& config,
                                             const std::string& command) {
  ServingAlerts a;
  if (!config.alerts.enabled) return a;
  auto dispatcher = MakeDispatcher(store, clock, config, command);
  if (!dispatcher.ok()) return dispatcher.status();
  a.dispatcher = std::move(*dispatcher);
  auto watcher = TlsaAlertWatcher::Open(store, config.alerts.rules.hold_down_seconds);
  if (!watcher.ok()) return watcher.status();
  a.tlsa = std::move(*watcher);
  return a;
}

EngineLoopHooks ServingAlerts::Hook(EngineLoopHooks hooks, ApiRuntime& runtime,
                                    const Clock& clock) {
  alerts::AlertDispatcher* d = dispatcher.get();
  TlsaAlertWatcher* watcher = tlsa.get();
  if (d == nullptr && watcher == nullptr) return hooks;
  hooks.on_tick = [d, watcher, &runtime, &clock, last = UnixSeconds{0}, active = active,
                   tick = std::move(hooks.on_tick)]() mutable {
    if (tick) tick();
    if (active && !active()) return;
    if (watcher != nullptr && clock.Now() - last >= 10) {
      last = clock.Now();
      auto recorded = watcher->Observe(runtime.TlsaOwners(), last);
      if (!recorded.ok()) spdlog::error("alerts: TLSA alerts: {}", recorded.status().message());
    }
    if (d != nullptr) d->Notify();
  };
  if (d != nullptr) runtime.AddMetrics([d](std::string& out) { d->AppendMetrics(out); });
  return hooks;
}

void ServingAlerts::Start() {
  if (dispatcher) dispatcher->Start();
}

void ServingAlerts::Stop() {
  if (dispatcher) dispatcher->Stop();
}

}  // namespace tldmon::app

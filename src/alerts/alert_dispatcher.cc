#include "alerts/alert_dispatcher.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "alerts/alert_routing.h"
#include "alerts/channel_sender.h"
#include "alerts/tlsa_alerts.h"

namespace tldmon::alerts {
namespace {

// A MuteSource over the store: the routing is read once per pass with events.
MuteSource RoutingOf(store::Store* store, std::string channel) {
  return [store, channel]() -> Result<MuteCheck> {
    auto routing = LoadAlertRouting(*store);
    if (!routing.ok()) return routing.status();
    return MuteCheck([r = std::move(*routing), channel](const store::StoredAlertEvent& e) {
      auto parsed = ParseAlertEvent(e.body);
      if (!parsed.ok()) return std::optional<std::string>();  // sent as it is; never dropped
      return r.MuteReason(*parsed, channel);
    });
  };
}

}  // namespace

AlertDispatcher::AlertDispatcher(store::Store* store, const Clock* clock,
                                 std::vector<ChannelConfig> channels, DispatcherOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {
  for (ChannelConfig& config : channels) {
    auto c = std::make_unique<Channel>();
    DeliveryOptions d;
    d.max_per_send = MaxPerSend(config);
    d.retry_base = options_.retry_base;
    d.retry_cap = options_.retry_cap;
    c->delivery = std::make_unique<ChannelDelivery>(config.name, store_, clock_,
                                                    MakeSender(config, clock_, options_.public_url),
                                                    RoutingOf(store_, config.name), d);
    c->config = std::move(config);
    channels_.push_back(std::move(c));
  }
}

AlertDispatcher::~AlertDispatcher() { Stop(); }

void AlertDispatcher::Start() {
  if (started_) return;
  started_ = true;
  {
    // Restartable: several hosts hand delivery to whichever leads.
    std::lock_guard lock(mu_);
    stop_ = false;
  }
  for (auto& c : channels_) c->thread = std::thread([this, ch = c.get()] { Run(*ch); });
}

void AlertDispatcher::Notify() {
  {
    std::lock_guard lock(mu_);
    ++notified_;
  }
  cv_.notify_all();
}

void AlertDispatcher::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& c : channels_)
    if (c->thread.joinable()) c->thread.join();
  started_ = false;
}

void AlertDispatcher::Resend(Channel& c) {
  auto state = store_->LoadAlertTracker();
  auto routing = LoadAlertRouting(*store_);
  if (!state.ok() || !routing.ok()) return;  // the next round tries again
  std::vector<engine::ActiveAlert> all;
  if (*state)
    for (const auto& [key, alert] : (*state)->active) all.push_back(alert);
  // The TLSA alerts fire outside the engine (tlsa_alerts.h); they are re-sent too.
  if (auto tlsa = store_->SourceAlertState(kTlsaAlertSource); tlsa.ok() && *tlsa) {
    if (auto decoded = DecodeTlsaAlertState(**tlsa); decoded.ok())
      for (const auto& [key, alert] : decoded->firing) all.push_back(alert);
  }
  std::vector<engine::ActiveAlert> firing;
  for (const engine::ActiveAlert& alert : all) {
    ParsedAlertEvent p;
    p.event.alert = alert;
    if (!routing->MuteReason(p, c.config.name)) firing.push_back(alert);
  }
  auto sent = ResendFiring(c.config, firing, clock_->Now(), options_.public_url);
  if (!sent.ok())
    spdlog::warn("alerts: channel {}: re-sending {} firing alert(s): {}", c.config.name,
                 firing.size(), sent.status().message());
}

void AlertDispatcher::Run(Channel& c) {
  std::uint64_t seen = 0;
  using Steady = std::chrono::steady_clock;
  auto next_resend = Steady::now();
  for (;;) {
    std::chrono::milliseconds wait = options_.poll;
    bool backing_off = false;
    auto pass = c.delivery->RunOnce();
    if (!pass.ok()) {
      spdlog::error("alerts: channel {}: the store failed: {}", c.config.name,
                    pass.status().message());
      wait = std::chrono::milliseconds(5000);
      backing_off = true;
    } else {
      c.delivered += pass->delivered;
      c.muted += pass->muted;
      c.cursor = pass->cursor;
      if (pass->retry_after) {
        ++c.failed;
        const int failing = c.delivery->failures_in_a_row();
        // The first failure and then every tenth: the log shows a stuck channel without flooding.
        if (failing == 1 || failing % 10 == 0)
          spdlog::warn("alerts: channel {}: send failed ({} in a row; next try in {} ms): {}",
                       c.config.name, failing, pass->retry_after->count(), pass->last_error);
        wait = *pass->retry_after;
        backing_off = true;
      } else if (c.failing.load() > 0) {
        spdlog::info("alerts: channel {}: delivering again after {} failed send(s)", c.config.name,
                     c.failing.load());
      }
      c.failing = c.delivery->failures_in_a_row();
      if (auto last = store_->LastAlertEventId(); last.ok())
        c.backlog = std::max<std::int64_t>(0, *last - pass->cursor);
      if (c.config.type == ChannelType::kAlertmanager && !backing_off &&
          Steady::now() >= next_resend) {
        Resend(c);
        next_resend = Steady::now() + std::chrono::seconds(c.config.resend_seconds);
      }
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, wait, [&] { return stop_ || (!backing_off && notified_ != seen); });
    if (stop_) return;
    seen = notified_;
  }
}

void AlertDispatcher::AppendMetrics(std::string& out) const {
  if (channels_.empty()) return;
  out +=
      "# HELP tldmon_alert_events_total Alert events per channel: delivered, muted (not for this "
      "channel: entity settings, ccTLD, maintenance), failed (send attempts that failed; retried)\n"
      "# TYPE tldmon_alert_events_total counter\n";
  for (const auto& c : channels_)
    for (const auto& [outcome, n] :
         {std::pair{"delivered", c->delivered.load()}, std::pair{"muted", c->muted.load()},
          std::pair{"failed", c->failed.load()}})
      out +=
          fmt::format("tldmon_alert_events_total{{channel=\"{}\",type=\"{}\",outcome=\"{}\"}} {}\n",
                      c->config.name, ChannelTypeName(c->config.type), outcome, n);
  out +=
      "# HELP tldmon_alert_channel_backlog Alert events queued after the channel's cursor\n"
      "# TYPE tldmon_alert_channel_backlog gauge\n";
  for (const auto& c : channels_)
    out += fmt::format("tldmon_alert_channel_backlog{{channel=\"{}\"}} {}\n", c->config.name,
                       c->backlog.load());
  out +=
      "# HELP tldmon_alert_channel_failing Failed sends in a row (0: the channel delivers)\n"
      "# TYPE tldmon_alert_channel_failing gauge\n";
  for (const auto& c : channels_)
    out += fmt::format("tldmon_alert_channel_failing{{channel=\"{}\"}} {}\n", c->config.name,
                       c->failing.load());
  out +=
      "# HELP tldmon_alert_channel_cursor The last alert event id the channel is done with\n"
      "# TYPE tldmon_alert_channel_cursor gauge\n";
  for (const auto& c : channels_)
    out += fmt::format("tldmon_alert_channel_cursor{{channel=\"{}\"}} {}\n", c->config.name,
                       c->cursor.load());
}

}  // namespace tldmon::alerts

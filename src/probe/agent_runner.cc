#include "probe/agent_runner.h"

#include <spdlog/spdlog.h>

#include <charconv>

namespace tldmon::probe {
namespace {

constexpr std::string_view kModeStatePrefix = "dns.mode.";

}  // namespace

std::string FormatDnsMode(const DnsMode& mode) {
  return std::string(mode.critical ? "critical" : "normal") + "," +
         std::string(mode.transport == Transport::kTcp ? "tcp" : "udp") + "," +
         std::to_string(mode.successes);
}

std::optional<DnsMode> ParseDnsMode(std::string_view text) {
  const auto c1 = text.find(',');
  if (c1 == std::string_view::npos) return std::nullopt;
  const auto c2 = text.find(',', c1 + 1);
  if (c2 == std::string_view::npos) return std::nullopt;
  const std::string_view kind = text.substr(0, c1);
  const std::string_view transport = text.substr(c1 + 1, c2 - c1 - 1);
  const std::string_view count = text.substr(c2 + 1);
  DnsMode mode;
  if (kind == "critical") mode.critical = true;
  else if (kind != "normal") return std::nullopt;
  if (transport == "tcp") mode.transport = Transport::kTcp;
  else if (transport != "udp") return std::nullopt;
  const auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), mode.successes);
  if (ec != std::errc{} || end != count.data() + count.size() || mode.successes < 0) {
    return std::nullopt;
  }
  return mode;
}

AgentRunner::AgentRunner(AgentRunnerEnv env, Outbox& state, const Clock& clock)
    : env_(std::move(env)), state_(state), clock_(clock) {}

void AgentRunner::SetConfig(std::shared_ptr<const probewire::ProbeConfig> config) {
  config_ = std::move(config);
}

const probewire::TestSettings& AgentRunner::settings() const {
  static const probewire::TestSettings kDefaults;
  return config_ ? config_->tests : kDefaults;
}

DnsMode AgentRunner::ModeOf(const std::string& tld) {
  if (auto it = modes_.find(tld); it != modes_.end()) return it->second;
  DnsMode mode;
  auto stored = state_.GetState(std::string(kModeStatePrefix) + tld);
  if (stored.ok() && stored->has_value()) {
    if (auto parsed = ParseDnsMode(**stored)) mode = *parsed;
  }
  modes_[tld] = mode;
  return mode;
}

asio::awaitable<NamedProbeReport> AgentRunner::RunDns(const probewire::ProbeEntity& entity,
                                                      UnixSeconds cycle) {
  const probewire::TestSettings& s = settings();
  const std::string tld = entity.id.Path();
  const DnsMode mode = ModeOf(tld);
  // RSM picks the transport from the cycle's time, so every probe's choice
  // for a cycle is fixed before it starts.
  const Transport transport = ChooseTransport(mode, cycle, DnsSalt(env_.probe_name, tld), s.tcp_ratio);
  // Signatures are judged at the moment of the test (RRSIG validity).
  NamedProbeReport report = co_await RunDnsTest(env_.dns, entity, cycle, clock_.Now(), transport);
  const int limit = transport == Transport::kTcp ? s.tcp_rtt_high_ms : s.udp_rtt_high_ms;
  const bool passed = DnsTestPassed(report, entity, limit);
  const DnsMode next = NextMode(mode, transport, passed, s.recover_udp, s.recover_tcp);
  if (next != mode) {
    modes_[tld] = next;
    if (next.critical != mode.critical) {
      spdlog::info("probe DNS {}: {} mode ({})", tld, next.critical ? "critical" : "normal",
                   next.transport == Transport::kTcp ? "TCP" : "UDP");
    }
    Status st = state_.SetState(std::string(kModeStatePrefix) + tld, FormatDnsMode(next));
    if (!st.ok()) spdlog::warn("probe DNS mode of {} not saved: {}", tld, st.ToString());
  }
  co_return report;
}

asio::awaitable<NamedProbeReport> AgentRunner::RunRdds(const probewire::ProbeEntity& entity,
                                                       UnixSeconds cycle) {
  co_return co_await RunRddsTest(env_.rdds, entity, settings(), cycle, clock_.Now());
}

asio::awaitable<NamedProbeReport> AgentRunner::RunRdap(const probewire::ProbeEntity& entity,
                                                       UnixSeconds cycle) {
  co_return co_await RunRdapTest(env_.rdds, entity, settings(), cycle, clock_.Now());
}

asio::awaitable<bool> AgentRunner::RunOnlineCheck(UnixSeconds) {
  OnlineCheckOptions options = env_.online;
  if (config_) {
    options.ipv4 = options.ipv4 && config_->probe.ipv4;
    options.ipv6 = options.ipv6 && config_->probe.ipv6;
  }
  co_return co_await probe::RunOnlineCheck(options);
}

}  // namespace tldmon::probe

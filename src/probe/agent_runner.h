// AgentRunner: the real TestRunner of `tldmon probe` - what the Scheduler
// calls for each entity's test and each minute's online check.
//
// DNS: the transport of each TLD's test follows its mode (dns_mode.h); the
// mode moves with the test's own pass/fail (DnsTestPassed with the RTT
// limit of the transport used) and is kept in the outbox's agent_state
// ("dns.mode.<tld>", written only when it changes), so a restart neither
// forgets a critical mode nor writes a row per test.
//
// Threading: every call on the scheduler's io_context thread (the mode map
// and the configuration are not locked). The reply-check pool and the
// CurlMulti of the web fetches are owned by the agent and passed in the envs.
#pragma once

#include <utility>

#include <map>
#include <memory>
#include <string>

#include "core/clock.h"
#include "probe/dns_mode.h"
#include "probe/dns_measurement.h"
#include "probe/online_check.h"
#include "probe/outbox.h"
#include "probe/rdds_measurement.h"
#include "probe/scheduler.h"

namespace tldmon::probe {

struct AgentRunnerEnv {
  std::string probe_name;
  DnsTestEnv dns;
  RddsTestEnv rdds;  // RDDS and RDAP
  OnlineCheckOptions online;
};

// "critical,tcp,2" / "normal,udp,0": the agent_state text of a mode.
std::string FormatDnsMode(const DnsMode& mode);
// nullopt when the text is not one FormatDnsMode wrote.
std::optional<DnsMode> ParseDnsMode(std::string_view text);

class AgentRunner final : public TestRunner {
 public:
  AgentRunner(AgentRunnerEnv env, Outbox& state, const Clock& clock);

  // The configuration in force (its TestSettings drive the tests). Called
  // on the io_context thread, with the one the scheduler got.
  void SetConfig(std::shared_ptr<const probewire::ProbeConfig> config);

  asio::awaitable<NamedProbeReport> RunDns(const probewire::ProbeEntity& entity,
                                           UnixSeconds cycle) override;
  asio::awaitable<NamedProbeReport> RunRdds(const probewire::ProbeEntity& entity,
                                            UnixSeconds cycle) override;
  asio::awaitable<NamedProbeReport> RunRdap(const probewire::ProbeEntity& entity,
                                            UnixSeconds cycle) override;
  asio::awaitable<bool> RunOnlineCheck(UnixSeconds minute) override;

  DnsMode ModeOf(const std::string& tld);

 private:
  const probewire::TestSettings& settings() const;

  AgentRunnerEnv env_;
  Outbox& state_;
  const Clock& clock_;
  std::shared_ptr<const probewire::ProbeConfig> config_;
  std::map<std::string, DnsMode> modes_;  // loaded lazily from agent_state
};

}  // namespace tldmon::probe

#include "probe/dns_measurement.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cmath>
#include <functional>
#include <map>

#include "core/result_codes.h"
#include "probe/dns_exchange.h"
#include "probe/dns_query.h"
#include "probe/dnskey_lookup.h"
#include "probe/when_all.h"

namespace tldmon::probe {
namespace asio = boost::asio;

std::string ZoneOf(const EntityId& id) { return id.id == "zz--root" ? "." : id.id + "."; }

std::string TestedName(const probewire::ProbeEntity& e) {
  const std::string zone = ZoneOf(e.id);
  return e.test_prefix + (zone == "." ? "." : "." + zone);
}

namespace {

std::int32_t NoReplyCode(ExchangeResult::Outcome o, Transport t) {
  if (t == Transport::kUdp) return -200;
  return o == ExchangeResult::Outcome::kTimeout ? -600 : -601;
}

// A plain coroutine, not a capturing lambda: its parameters live in its own
// frame. (A lambda coroutine keeps its captures in the closure, and GCC 12
// destroyed a temporary closure in a co_await expression twice: a double
// free found by bench/probe_dns_bench.)
asio::awaitable<ReplyVerdict> CheckHere(const DnsTestEnv* env, std::vector<std::uint8_t> reply,
                                        ReplyCheck check) {
  co_return CheckReply(reply, check, env->cache);
}

asio::awaitable<ReplyVerdict> Check(const DnsTestEnv& env, std::vector<std::uint8_t> reply,
                                    ReplyCheck check) {
  if (env.checks == nullptr) co_return CheckReply(reply, check, env.cache);
  // Every cycle after the first asks the cache the same questions: answer
  // those here on the loop (tens of microseconds), and hop to the pool only
  // for a signature that must be verified (about a millisecond). The hop's
  // thread wake-ups cost more than a cached check.
  check.cached_only = true;
  const ReplyVerdict cheap = CheckReply(reply, check, env.cache);
  if (!cheap.needs_verification) co_return cheap;
  check.cached_only = false;
  // Off the event loop; the caller resumes on its own executor.
  co_return co_await asio::co_spawn(env.checks->get_executor(),
                                    CheckHere(&env, std::move(reply), std::move(check)),
                                    asio::use_awaitable);
}

}  // namespace

asio::awaitable<NamedProbeReport> RunDnsTest(const DnsTestEnv& env,
                                             const probewire::ProbeEntity& entity,
                                             UnixSeconds cycle, UnixSeconds check_time,
                                             Transport transport) {
  NamedProbeReport report;
  report.entity = entity.id;
  report.test = TestKind::kDns;
  report.cycle = cycle;
  report.transport = transport;
  report.tested_name = TestedName(entity);
  const auto timeout = transport == Transport::kTcp ? env.tcp_timeout : env.udp_timeout;

  // The NS-IPs this probe can reach (§4.1 step 2: only its families).
  struct Target {
    std::string ns, ip;
    asio::ip::address address;
  };
  std::vector<Target> targets;
  for (const NameServer& ns : entity.name_servers) {
    for (const std::string& ip : ns.ips) {
      boost::system::error_code ec;
      const auto a = asio::ip::make_address(ip, ec);
      if (ec || (a.is_v4() && !env.ipv4) || (a.is_v6() && !env.ipv6)) continue;
      targets.push_back({ns.name, ip, a});
    }
  }
  DnskeySet keys;
  if (entity.dnssec) {
    const DnskeyResult k = co_await LookupDnskeys(env.resolver, ZoneOf(entity.id), transport, timeout);
    if (k.code != 0) {
      for (const Target& t : targets)
        report.metrics.push_back({t.ns, t.ip, k.code, check_time, ""});
      co_return report;
    }
    keys = k.keys;
  }
  std::vector<std::function<asio::awaitable<NamedMetric>()>> tasks;
  for (const Target& t : targets) {
    tasks.push_back([&env, &keys, &report, &entity, t, transport, timeout, check_time]()
                        -> asio::awaitable<NamedMetric> {
      NamedMetric m{t.ns, t.ip, -1, check_time, ""};
      QuerySpec q;
      q.name = report.tested_name;
      q.dnssec_ok = entity.dnssec;
      q.id = RandomQueryId();
      auto wire = BuildQuery(q);
      if (!wire.ok()) co_return m;  // -1: internal error
      const ExchangeResult x = co_await Exchange(DnsEndpoint{t.address, env.name_server_port},
                                                 std::move(*wire), transport, timeout);
      if (x.outcome != ExchangeResult::Outcome::kReply) {
        m.value = NoReplyCode(x.outcome, transport);
        co_return m;
      }
      ReplyCheck check{report.tested_name, transport, entity.dnssec, &keys, check_time};
      const ReplyVerdict v = co_await Check(env, x.reply, check);
      m.nsid = v.nsid;
      m.value = v.code != 0 ? v.code : static_cast<std::int32_t>(std::floor(x.rtt_ms));
      co_return m;
    });
  }
  report.metrics = co_await WhenAll<NamedMetric>(std::move(tasks));
  co_return report;
}

bool DnsTestPassed(const NamedProbeReport& report, const probewire::ProbeEntity& entity,
                   int rtt_limit_ms) {
  std::map<std::string, bool> up;
  for (const NameServer& ns : entity.name_servers) up[ns.name] = true;  // no usable IP: up
  for (const NamedMetric& m : report.metrics)
    if (!IsSubtestSuccess(m.value, rtt_limit_ms)) up[m.target] = false;
  int n = 0;
  for (const auto& [name, ok] : up) n += ok ? 1 : 0;
  return n >= entity.min_ns.At(report.cycle);
}

}  // namespace tldmon::probe

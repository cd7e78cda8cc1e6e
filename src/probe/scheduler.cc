#include "probe/scheduler.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <exception>
#include <vector>

#include "core/detached_completion.h"
#include "probe/dns_measurement.h"
#include "probe/pusher_batch.h"

namespace tldmon::probe {
namespace {

bool FamilyTested(const std::string& ip, bool ipv4, bool ipv6) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(ip, ec);
  if (ec) return false;
  return address.is_v4() ? ipv4 : ipv6;
}

bool HasErrorCode(const NamedProbeReport& r) {
  for (const NamedMetric& m : r.metrics) {
    if (m.value < 0 && m.value != kNoValue) return true;
  }
  return false;
}

// One cycle's shared bookkeeping: its tests, the deadline and the cycle's
// coroutine all hold it, so whichever ends last frees it.
struct CycleRun {
  CycleRun(asio::io_context& io, std::size_t n)
      : done(n, false), all_done(io, asio::steady_timer::time_point::max()), pending(n) {}
  std::vector<bool> done;
  asio::steady_timer all_done;  // cancelled when the last test ends or at the deadline
  std::size_t pending;
  bool closed = false;  // the deadline passed: results from now on are late
  CycleSummary summary;
};

}  // namespace

std::string CycleStateName(TestKind test, std::string_view field) {
  return "cycle." + std::string(TestKindName(test)) + "." + std::string(field);
}

NamedProbeReport MissedReport(const probewire::ProbeEntity& entity, TestKind test,
                              UnixSeconds cycle, bool ipv4, bool ipv6) {
  NamedProbeReport report;
  report.entity = entity.id;
  report.test = test;
  report.cycle = cycle;
  report.transport = Transport::kUdp;
  switch (test) {
    case TestKind::kDns:
      report.tested_name = TestedName(entity);
      for (const NameServer& ns : entity.name_servers) {
        for (const std::string& ip : ns.ips) {
          if (!FamilyTested(ip, ipv4, ipv6)) continue;
          report.metrics.push_back({ns.name, ip, kInternalErrorCode, cycle, ""});
        }
      }
      break;
    case TestKind::kRdds:
      report.tested_name = entity.test_domain;
      if (entity.rdds43) {
        report.metrics.push_back({std::string(kRdds43Name), "", kInternalErrorCode, cycle, ""});
      }
      if (entity.rdds80) {
        report.metrics.push_back({std::string(kRdds80Name), "", kInternalErrorCode, cycle, ""});
      }
      break;
    case TestKind::kRdap:
    case TestKind::kEpp:
      report.tested_name = entity.test_domain;
      report.metrics.push_back({std::string(kRdapName), "", kInternalErrorCode, cycle, ""});
      break;
  }
  return report;
}

Scheduler::Scheduler(asio::io_context& io, TestRunner& runner, Outbox& outbox, CycleClock& clock,
                     SchedulerOptions options, std::function<void()> on_cycle_queued)
    : io_(io),
      runner_(runner),
      outbox_(outbox),
      clock_(clock),
      options_(std::move(options)),
      on_cycle_queued_(std::move(on_cycle_queued)),
      slots_(io, std::max<std::size_t>(1, options_.concurrency)),
      cycle_closed_(io, asio::steady_timer::time_point::max()) {}

void Scheduler::SetConfig(std::shared_ptr<const probewire::ProbeConfig> config) {
  config_ = std::move(config);
}

int Scheduler::CycleSeconds(TestKind test) const {
  const probewire::TestSettings defaults;
  const probewire::TestSettings& s = config_ ? config_->tests : defaults;
  int len = s.dns_cycle_seconds;
  if (test == TestKind::kRdds) len = s.rdds_cycle_seconds;
  if (test == TestKind::kRdap) len = s.rdap_cycle_seconds;
  return len > 0 ? len : 60;
}

bool Scheduler::Enabled(const probewire::ProbeEntity& e, TestKind test) const {
  const probewire::ProbeIdentity& probe = config_->probe;
  switch (test) {
    case TestKind::kDns:
      return e.dns;
    case TestKind::kRdds:
      return probe.rdds && (e.rdds43 || e.rdds80);
    case TestKind::kRdap:
      return probe.rdap && e.rdap;
    case TestKind::kEpp:
      return false;
  }
  return false;
}

bool Scheduler::Queue(const NamedProbeReport& report) {
  auto put = outbox_.Put(ReportOutboxItem(options_.probe_name, report));
  if (!put.ok()) {
    spdlog::error("probe outbox: {} not queued: {}", ReportOutboxItem(options_.probe_name, report).key,
                  put.status().ToString());
    return false;
  }
  return true;
}

asio::awaitable<CycleSummary> Scheduler::RunCycle(TestKind test, UnixSeconds cycle) {
  // The cycle keeps the configuration it started with.
  const std::shared_ptr<const probewire::ProbeConfig> config = config_;
  const bool ipv4 = options_.ipv4 && (!config || config->probe.ipv4);
  const bool ipv6 = options_.ipv6 && (!config || config->probe.ipv6);
  std::vector<const probewire::ProbeEntity*> entities;
  if (config) {
    for (const auto& e : config->entities) {
      if (Enabled(e, test)) entities.push_back(&e);
    }
  }
  const UnixSeconds deadline = cycle + CycleSeconds(test);
  auto run = std::make_shared<CycleRun>(io_, entities.size());
  const auto open = open_deadlines_.insert(deadline);
  run->summary.test = test;
  run->summary.cycle = cycle;

  for (std::size_t i = 0; i < entities.size(); ++i) {
    asio::co_spawn(
        io_,
        [this, run, config, entity = entities[i], i, test, cycle]() -> asio::awaitable<void> {
          co_await slots_.Acquire();
          if (run->closed) {  // the deadline passed while it waited for a slot
            slots_.Release();
            co_return;
          }
          NamedProbeReport report;
          bool ok = true;
          try {
            if (test == TestKind::kDns) report = co_await runner_.RunDns(*entity, cycle);
            else if (test == TestKind::kRdds) report = co_await runner_.RunRdds(*entity, cycle);
            else report = co_await runner_.RunRdap(*entity, cycle);
          } catch (const std::exception& e) {
            ok = false;
            spdlog::error("probe {} test of {} threw: {}", TestKindName(test), entity->id.Path(),
                          e.what());
          }
          slots_.Release();
          if (run->closed) {
            spdlog::warn("probe {} test of {} for cycle {} finished after the deadline; "
                         "recorded as -1",
                         TestKindName(test), entity->id.Path(), cycle);
            co_return;
          }
          if (!ok) {
            // Recorded as missed at the deadline, like a test that never ended.
            co_return;
          }
          // The key is the scheduler's, whatever the runner filled in.
          report.entity = entity->id;
          report.test = test;
          report.cycle = cycle;
          run->done[i] = true;
          if (HasErrorCode(report)) ++run->summary.with_errors;
          if (!Queue(report)) ++run->summary.queue_errors;
          ++run->summary.entities;
          if (--run->pending == 0) run->all_done.cancel();
        },
        DetachedCompletion("probe test"));
  }

  if (run->pending > 0) {
    asio::co_spawn(
        io_,
        [this, run, deadline]() -> asio::awaitable<void> {
          co_await clock_.WaitUntil(deadline);
          run->all_done.cancel();
        },
        DetachedCompletion("probe cycle deadline"));
    boost::system::error_code ec;
    co_await run->all_done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  run->closed = true;
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (run->done[i]) continue;
    ++run->summary.missed;
    ++run->summary.entities;
    if (!Queue(MissedReport(*entities[i], test, cycle, ipv4, ipv6))) ++run->summary.queue_errors;
  }

  open_deadlines_.erase(open);
  cycle_closed_.cancel();
  const CycleSummary summary = run->summary;
  auto depth = outbox_.Depth();
  const long long depth_shown = depth.ok() ? static_cast<long long>(*depth) : -1;
  const std::string text = std::to_string(summary.entities) + " tests, " +
                           std::to_string(summary.with_errors) + " with errors, " +
                           std::to_string(summary.missed) + " missed (-1)";
  auto log_level = summary.missed > 0 || summary.queue_errors > 0 ? spdlog::level::warn
                                                                  : spdlog::level::info;
  spdlog::log(log_level, "probe {} cycle {}: {}, {} not queued, outbox depth {}",
              TestKindName(test), FormatIso8601(cycle), text, summary.queue_errors, depth_shown);
  Status s = outbox_.SetState(CycleStateName(test, "last"), std::to_string(cycle));
  if (s.ok()) s = outbox_.SetState(CycleStateName(test, "summary"), text);
  if (!s.ok()) spdlog::warn("probe status not recorded: {}", s.ToString());
  if (on_cycle_queued_) on_cycle_queued_();
  co_return summary;
}

asio::awaitable<bool> Scheduler::RunOnlineMinute(UnixSeconds minute) {
  bool check_ok = false;
  try {
    check_ok = co_await runner_.RunOnlineCheck(minute);
  } catch (const std::exception& e) {
    spdlog::error("probe online check threw: {}", e.what());
  }
  while (!open_deadlines_.empty() && *open_deadlines_.begin() <= minute) {
    boost::system::error_code ec;
    co_await cycle_closed_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  auto put = outbox_.Put(OnlineOutboxItem(options_.probe_name, {minute, check_ok}));
  if (!put.ok()) spdlog::error("probe outbox: online sample not queued: {}", put.status().ToString());
  Status s = outbox_.SetState(kStateOnlineMinute, std::to_string(minute));
  if (s.ok()) s = outbox_.SetState(kStateOnlineCheckOk, check_ok ? "true" : "false");
  if (!s.ok()) spdlog::warn("probe status not recorded: {}", s.ToString());
  if (!check_ok) spdlog::warn("probe online check failed for minute {}", FormatIso8601(minute));
  co_return check_ok;
}

asio::awaitable<void> Scheduler::CycleLoop(TestKind test) {
  // Start with the current cycle only if at least half of it is left: a
  // test started near the end would be cut off and count as -1 (internal
  // errors count against the probe, slam-algorithms.md §3.2).
  int len = CycleSeconds(test);
  UnixSeconds now = clock_.Now();
  UnixSeconds cycle = CycleStart(now, len);
  if (now - cycle > len / 2) cycle += len;
  for (;;) {
    co_await clock_.WaitUntil(cycle);
    asio::co_spawn(io_, RunCycle(test, cycle), DetachedCompletion("probe cycle"));
    // The length may change with the configuration; cycles stay aligned.
    len = CycleSeconds(test);
    cycle = CycleStart(cycle + len, len);
    if (cycle <= clock_.Now() - len) cycle = CycleStart(clock_.Now(), len);  // clock jumped
  }
}

asio::awaitable<void> Scheduler::OnlineLoop() {
  UnixSeconds minute = CycleStart(clock_.Now(), kOnlineCheckSeconds);
  for (;;) {
    co_await clock_.WaitUntil(minute);
    asio::co_spawn(
        io_, [this, minute]() -> asio::awaitable<void> { co_await RunOnlineMinute(minute); },
        DetachedCompletion("probe online check"));
    minute += kOnlineCheckSeconds;
    if (minute <= clock_.Now() - kOnlineCheckSeconds) {
      minute = CycleStart(clock_.Now(), kOnlineCheckSeconds);
    }
  }
}

void Scheduler::Start() {
  for (TestKind test : {TestKind::kDns, TestKind::kRdds, TestKind::kRdap}) {
    asio::co_spawn(io_, CycleLoop(test), DetachedCompletion("probe cycle loop"));
  }
  asio::co_spawn(io_, OnlineLoop(), DetachedCompletion("probe online loop"));
}

}  // namespace tldmon::probe

// Scheduler: when the probe tests what (issue 9 "Scheduler";
// slam-algorithms.md §2-§4). Epoch-aligned cycles — cycle start
// t - t mod len — of the DNS test (60 s), RDDS and RDAP (300 s; the lengths
// come from the central configuration) and the online check (every 60 s),
// all on ONE Asio io_context, no thread per test. In each cycle every
// entity's enabled test runs concurrently, bounded by TestSlots (the
// `concurrency` setting, shared by all services).
//
// A cycle's deadline is its end. Whatever has not finished by then is
// recorded as internal error -1 (result code §10: a probe problem, never a
// service failure), one metric per configured name-server address of the
// probe's families / per enabled RDDS interface / for RDAP, so an entity is
// never silently dropped; a test that finishes later is discarded (the -1
// report has its key). Every report is queued in the outbox the moment it is
// final; the pusher is woken at the end of each cycle.
//
// The tests are behind TestRunner, the clock behind CycleClock, so the
// scheduler is unit-tested with fakes and without sleeping.
//
// Threading: every member, and every TestRunner call, on the io_context's
// thread. SetConfig from another thread goes through asio::post.
#pragma once

#include <utility>  // before Boost headers (Boost 1.74)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "core/named_probe_report.h"
#include "probe/outbox.h"
#include "probe/scheduler_clock.h"
#include "probe/scheduler_semaphore.h"
#include "probewire/probe_config_wire.h"

namespace tldmon::probe {

// The tests, as the scheduler calls them. Implementations never throw for a
// probe failure (failures are codes in the report); an exception is a bug,
// and the scheduler records -1 for that entity and logs it.
struct TestRunner {
  virtual ~TestRunner() = default;
  virtual asio::awaitable<NamedProbeReport> RunDns(const probewire::ProbeEntity&,
                                                   UnixSeconds cycle) = 0;
  virtual asio::awaitable<NamedProbeReport> RunRdds(const probewire::ProbeEntity&,
                                                    UnixSeconds cycle) = 0;
  virtual asio::awaitable<NamedProbeReport> RunRdap(const probewire::ProbeEntity&,
                                                    UnixSeconds cycle) = 0;
  virtual asio::awaitable<bool> RunOnlineCheck(UnixSeconds minute) = 0;
};

// Probe-internal error (slam-algorithms.md §10: -1 = internal error).
inline constexpr std::int32_t kInternalErrorCode = -1;
inline constexpr int kOnlineCheckSeconds = 60;

struct SchedulerOptions {
  std::string probe_name{};
  std::size_t concurrency = 256;  // tests in flight, all services together
  bool ipv4 = true;               // the local switches; the central ones apply too
  bool ipv6 = true;
};

struct CycleSummary {
  TestKind test = TestKind::kDns;
  UnixSeconds cycle = 0;
  std::size_t entities = 0;  // reports queued (finished + missed)
  std::size_t with_errors = 0;  // finished reports with an error code
  std::size_t missed = 0;       // recorded as -1 at the deadline
  std::size_t queue_errors = 0;  // outbox writes that failed (logged)
};

// agent_state names: "cycle.<test>.last" (cycle start), "cycle.<test>.summary",
// "online.last_minute", "online.check_ok" ("true"/"false").
std::string CycleStateName(TestKind test, std::string_view field);
inline constexpr std::string_view kStateOnlineMinute = "online.last_minute";
inline constexpr std::string_view kStateOnlineCheckOk = "online.check_ok";

// The report of a test that did not finish in its cycle: -1 for every
// metric it would have had, test time = the cycle start.
NamedProbeReport MissedReport(const probewire::ProbeEntity& entity, TestKind test,
                              UnixSeconds cycle, bool ipv4, bool ipv6);

class Scheduler {
 public:
  Scheduler(asio::io_context& io, TestRunner& runner, Outbox& outbox, CycleClock& clock,
            SchedulerOptions options, std::function<void()> on_cycle_queued = {});

  // The configuration the next cycles use (a running cycle keeps its own).
  void SetConfig(std::shared_ptr<const probewire::ProbeConfig> config);
  bool has_config() const { return config_ != nullptr; }

  // Spawns the four loops (DNS, RDDS, RDAP, online). They run until the
  // io_context stops. Without a configuration a cycle tests nothing (the
  // online check still runs).
  void Start();

  // One cycle of `test` starting at `cycle`: runs it to the deadline
  // (cycle + its length) and queues every report. Used by the loops; tests
  // call it directly.
  asio::awaitable<CycleSummary> RunCycle(TestKind test, UnixSeconds cycle);
  // The online check of one minute, queued as an online sample once every
  // cycle ending at or before the minute has queued its reports.
  asio::awaitable<bool> RunOnlineMinute(UnixSeconds minute);

  int CycleSeconds(TestKind test) const;
  const TestSlots& slots() const { return slots_; }

 private:
  asio::awaitable<void> CycleLoop(TestKind test);
  asio::awaitable<void> OnlineLoop();
  bool Enabled(const probewire::ProbeEntity& e, TestKind test) const;
  bool Queue(const NamedProbeReport& report);

  asio::io_context& io_;
  TestRunner& runner_;
  Outbox& outbox_;
  CycleClock& clock_;
  SchedulerOptions options_;
  std::function<void()> on_cycle_queued_;
  TestSlots slots_;
  std::shared_ptr<const probewire::ProbeConfig> config_;
  // Deadlines of the cycles running now, and a signal cancelled whenever one
  // closes: the online sample of minute m waits for every cycle ending at or
  // before m, so that once the central side has it, it has those cycles
  // (the delivery watermark, docs/formats/probe-protocol.md).
  std::multiset<UnixSeconds> open_deadlines_;
  asio::steady_timer cycle_closed_;
};

}  // namespace tldmon::probe

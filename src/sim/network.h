// NetworkSimulator: a simulated probe network for demos, load tests and the
// crash test (DESIGN.md "src/sim"). It produces what real probes would send:
// per (test, cycle) the ProbeReports of every probe for every entity, and per
// minute every probe's status inputs (slam-algorithms.md §3, §4).
//
// Everything is a pure function of (seed, entity, probe, cycle/minute): there
// is no generator state, so regenerating a cycle after a crash, in another
// process or out of order yields identical reports. Faults (fault.h) are
// scripted on top of a realistic background: per probe/NS-IP RTTs with
// jitter and rare spikes, TCP on about 1 test in 10 (§4.1.1), NSID payloads,
// RDDS43/RDDS80/RDAP RTTs and addresses, occasional probe-internal errors
// (-1, which must never fail anything) and short probe outages.
//
// Thread-safety: immutable after construction; all methods are const and may
// be called from several threads at once.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/monitoring_config.h"
#include "core/probe_report.h"
#include "core/time.h"
#include "engine/engine.h"
#include "sim/fault.h"

namespace tldmon::sim {

struct NetworkOptions {
  std::uint64_t seed = 1;
  // Background noise, as probabilities per measured value (the rates are low
  // enough that, on their own, they never make a service or NS-IP Down).
  double internal_error_rate = 0.001;  // -1: probe-internal error (§8.1)
  double timeout_rate = 0.0005;        // a lost answer (-200/-600/-227/-255/-405)
  double spike_rate = 0.004;           // an RTT above the SLR but below the 5x limit
  // Probability per probe and hour of a short outage (5..20 minutes) during
  // which the probe's online check fails.
  double probe_outage_rate = 0.002;
  // {$RSM.DNS.TEST.TCP.RATIO}: TCP iff (cycle/60 + salt) mod ratio == 0.
  int tcp_ratio = 10;
  std::vector<Fault> faults;

  // No background noise at all: only faults change anything. For tests.
  static NetworkOptions Quiet(std::uint64_t seed);
};

class NetworkSimulator {
 public:
  // Entities and probes should be Validate()d; the simulator copies them.
  NetworkSimulator(std::vector<EntityConfig> entities, std::vector<ProbeNode> probes,
                   NetworkOptions options);

  const std::vector<EntityConfig>& entities() const { return entities_; }
  const std::vector<ProbeNode>& probes() const { return probes_; }
  const NetworkOptions& options() const { return options_; }

  // The reports sent for `test` in the cycle starting at `cycle` (aligned to
  // the test's default cycle length): one per (entity with a service of that
  // test enabled, probe able to run it and reporting then), ordered by entity
  // (in construction order) then probe. A probe reports iff it is reachable
  // and its online check passes in the cycle's first minute. EPP: none.
  // Overwrites `out`, reusing its reports' storage across calls, so a caller
  // looping over cycles allocates almost nothing.
  void CycleReports(TestKind test, UnixSeconds cycle, std::vector<ProbeReport>* out) const;
  std::vector<ProbeReport> CycleReports(TestKind test, UnixSeconds cycle) const;

  // One probe's report for one entity; false (and `out` unspecified) if the
  // probe sends none.
  bool Report(TestKind test, UnixSeconds cycle, std::size_t entity, ProbeIndex probe,
              ProbeReport* out) const;

  // Every probe's status inputs for the minute starting at `minute`, in
  // probe order (reachable=false for a probe that does not report).
  void ProbeMinutes(UnixSeconds minute, std::vector<engine::ProbeMinuteSample>* out) const;
  engine::ProbeMinuteSample ProbeMinute(UnixSeconds minute, ProbeIndex probe) const;

  // Transport of the DNS test of (entity, probe) in `cycle` (§4.1.1, normal
  // mode; the simulator does not model the "critical" mode).
  Transport DnsTransport(UnixSeconds cycle, std::size_t entity, ProbeIndex probe) const;

 private:
  static constexpr int kRegions = 8;

  struct NsIpPlan {
    std::uint16_t ns = 0;
    std::uint16_t ip = 0;
    bool v6 = false;
    std::uint64_t hash = 0;
    bool nsid = false;                          // answers with an NSID
    std::array<std::string, kRegions> nsid_hex;  // the anycast instance each region sees
    std::array<std::string, kRegions> nsid_alt_hex;  // the region's next instance (reroutes)
  };
  struct HostPlan {
    std::vector<std::string> v4, v6;  // synthesized addresses of the host
    bool configured = false;
  };
  struct EntityFault {
    std::size_t fault = 0;       // index in options_.faults
    std::vector<bool> nsip_hit;  // DNS faults: which flat NS-IP indexes it hits
  };
  struct EntityPlan {
    std::uint64_t hash = 0;
    bool dns = false, rdds = false, rdap = false;
    std::string dns_name;     // "<prefix>.<tld>."
    std::string object_name;  // RDDS/RDAP test domain
    std::vector<NsIpPlan> nsips;
    HostPlan rdds43, rdds80, rdap_host;
    std::vector<EntityFault> faults;
  };
  struct ProbePlan {
    std::uint64_t hash = 0;
    int region = 0;
  };

  void FillDns(const EntityPlan& e, ProbeIndex p, UnixSeconds cycle, ProbeReport* r) const;
  void FillRdds(const EntityPlan& e, ProbeIndex p, UnixSeconds cycle, ProbeReport* r) const;
  void FillRdap(const EntityPlan& e, ProbeIndex p, UnixSeconds cycle, ProbeReport* r) const;
  // RTT of a healthy answer: a per-path base with jitter and rare spikes.
  std::int32_t HealthyRtt(std::uint64_t path, UnixSeconds cycle, int lo_ms, int spread_ms,
                          int spike_lo, int spike_hi) const;
  // RTT of an RDDS/RDAP answer slowed by a `slow` fault.
  std::int32_t SlowRtt(std::uint64_t path, UnixSeconds cycle) const;
  // Noise codes: internal error or timeout, or 0 for none.
  std::int32_t NoiseCode(std::uint64_t path, UnixSeconds cycle, std::int32_t timeout_code) const;
  // Picks one synthesized address of a host the probe can reach; "" if none.
  const std::string* PickIp(const HostPlan& h, ProbeIndex p, UnixSeconds cycle,
                            std::uint64_t salt) const;
  bool NaturalOutage(UnixSeconds minute, ProbeIndex p) const;

  std::vector<EntityConfig> entities_;
  std::vector<ProbeNode> probes_;
  NetworkOptions options_;
  std::vector<EntityPlan> plans_;
  std::vector<ProbePlan> probe_plans_;
  std::vector<std::size_t> probe_faults_;  // indexes of probe-level faults
};

}  // namespace tldmon::sim

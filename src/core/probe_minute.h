// ProbeMinuteSample: one minute of one probe's online-status inputs, as the
// probe side (or the simulated network) delivers them (slam-algorithms.md §3).
// Probe-facing vocabulary: ingest stores it, the engine reads it; plain data.
#pragma once

#include "core/probe_report.h"

namespace tldmon {

struct ProbeMinuteSample {
  ProbeIndex probe = 0;
  bool check_ok = false;      // automatic online check (root SOA test) succeeded
  bool manual_online = true;  // operator's manual status
  bool reachable = true;      // the probe reported in time
  friend bool operator==(const ProbeMinuteSample&, const ProbeMinuteSample&) = default;
};

}  // namespace tldmon

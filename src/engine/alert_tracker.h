// Alert events (issue 12, docs/alerts.md): what an operator is told before
// ICANN calls. Each alert is a condition that holds or not after a cycle —
// an open incident (which is what MoSAPI's alarmed "Yes" means: an active,
// not false-positive incident, so its firing and resolving are the alarmed
// changes), rolling-week downtime past a share of the
// emergency threshold, the monthly SLR at risk, too few probes online for a
// service, a probe offline too long — keyed so that it fires once and
// resolves once (Alertmanager's model: firing, then resolved).
//
// AlertTracker::Observe looks at the engine after one cycle of one test kind
// and returns the events of the conditions that test kind decides: a
// condition that starts fires at once (an incident is already debounced by
// the engine's fail cycles); one that ends resolves only after it has been
// absent for `hold_down_seconds`, so a flapping condition stays one firing
// alert instead of a storm. A false-positive incident no longer counts: the
// next cycle resolves its alert.
//
// Pure and deterministic like the engine (no clock: `now` is the cycle's
// time); not thread-safe: one owner. Its state is plain data, so a store can
// keep it and a restart neither repeats nor loses an alert.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/entity_id.h"
#include "core/service.h"
#include "core/time.h"
#include "engine/engine.h"

namespace tldmon::engine {

enum class AlertKind : std::uint8_t {
  kIncident = 0,          // an active, not false-positive incident (alarmed "Yes")
  kBudget = 1,            // rolling-week downtime >= step % of the emergency threshold
  kSlrAtRisk = 2,         // monthly downtime >= slr_risk_percent % of the SLR, or an RTT SLR failing
  kProbesBelowMinimum = 3,  // online probes of a test below a service's minimum (§3)
  kProbeOffline = 4,      // a probe offline for at least probe_offline_seconds
  // A TLS access entry's TLSA records bogus, unsigned or gone (dane-client-auth.md):
  // its certificates are refused. Not the engine's: alerts/tlsa_alerts.h tracks it
  // from serve's TLSA cache; here for the common key and fingerprint.
  kTlsa = 5,
};
inline constexpr int kAlertKindCount = 6;
std::string_view AlertKindName(AlertKind kind);  // "incident", "budget", …

enum class AlertSeverity : std::uint8_t { kInfo = 0, kWarning = 1, kCritical = 2 };
std::string_view AlertSeverityName(AlertSeverity s);  // "info", "warning", "critical"

// What identifies one alert. Entity and service are empty/DNS for probe
// alerts; `step` is the budget share (kBudget); `subject` is the incident's
// ID (kIncident: each incident is its own alert, so marking one false
// positive while the outage goes on resolves it and fires the next), the
// probe's name (kProbeOffline) or the TLSA owner name (kTlsa).
struct AlertKey {
  AlertKind kind = AlertKind::kIncident;
  EntityId entity;
  Service service = Service::kDns;
  int step = 0;
  std::string subject;
  auto Tie() const { return std::tie(kind, entity, service, step, subject); }
  friend bool operator<(const AlertKey& a, const AlertKey& b) { return a.Tie() < b.Tie(); }
  friend bool operator==(const AlertKey& a, const AlertKey& b) { return a.Tie() == b.Tie(); }
  // A stable text form: "incident/ry/example/dns/1767225780.3",
  // "budget/ry/example/dns/50", "probeOffline/Tokyo1".
  std::string Fingerprint() const;
};

struct AlertRules {
  std::vector<int> budget_steps{10, 25, 50, 75, 100};  // % of the emergency threshold, ascending
  int slr_risk_percent = 50;          // monthly downtime share of its SLR that is "at risk"
  int probe_offline_seconds = 3600;   // a probe offline this long is an alert
  int hold_down_seconds = 300;        // a condition must stay away this long to resolve
};

// One alert as the tracker keeps it.
struct ActiveAlert {
  AlertKey key;
  AlertSeverity severity = AlertSeverity::kWarning;
  std::string summary;           // one line for a person
  UnixSeconds starts_at = 0;     // when it fired
  std::optional<UnixSeconds> absent_since;  // condition gone since (hold-down running)
  friend bool operator==(const ActiveAlert&, const ActiveAlert&) = default;
};

struct AlertEvent {
  ActiveAlert alert;
  bool firing = true;                    // false: resolved
  std::optional<UnixSeconds> ends_at;    // resolved: when the condition ended
};

struct AlertTrackerState {
  std::map<AlertKey, ActiveAlert> active;
  // Per probe name: the start of the DNS cycle it was last online in.
  std::map<std::string, UnixSeconds> probe_last_online;
  friend bool operator==(const AlertTrackerState&, const AlertTrackerState&) = default;
};

class AlertTracker {
 public:
  explicit AlertTracker(AlertRules rules, AlertTrackerState state = {});

  // The events after `out` (a cycle of out.test, just processed by `engine`):
  // the conditions of out.test's services for every entity, the probe
  // minimums of those services, and (DNS cycles, which every probe runs)
  // probes offline too long. Times are cycle starts (starts_at: the cycle
  // the condition was first seen in, or the incident's start; ends_at: the
  // first cycle without it), so replaying the same cycles gives the same
  // events. Firing events first, in key order, then resolved ones.
  std::vector<AlertEvent> Observe(const Engine& engine, const CycleOutput& out);

  const AlertTrackerState& state() const { return state_; }
  const AlertRules& rules() const { return rules_; }

 private:
  AlertRules rules_;
  AlertTrackerState state_;
};

}  // namespace tldmon::engine

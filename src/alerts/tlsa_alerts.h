// TLSA alerts (issue 12, dane-client-auth.md): a TLS access entry whose TLSA
// owner name goes bogus, loses its signatures (insecure), vanishes (signed
// NODATA or NXDOMAIN) or cannot be looked up after its grace ran out no
// longer admits its client certificates — the entity's MoSAPI clients are
// locked out. Each such owner name is an alert of kind "tlsa", fingerprint
// "tlsa/<entity>/<owner name>", severity critical.
//
// Not the engine's: serve's TLSA cache is the input, and the state lives in
// the store beside the engine's (Store::RecordSourceAlerts, source "tlsa").
// Same rules as the engine's alerts: fire at once, resolve after the
// condition stayed away `hold_down_seconds` (at once when the operator
// removed the entry). A name never looked up yet is left alone. Pure.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/entity_id.h"
#include "core/status.h"
#include "dane/tlsa_lookup.h"
#include "engine/alert_tracker.h"

namespace tldmon::alerts {

inline constexpr std::string_view kTlsaAlertSource = "tlsa";

struct TlsaOwnerStatus {
  EntityId entity;
  std::string name;  // the TLSA owner name
  dane::TlsaState state = dane::TlsaState::kError;
  std::size_t records = 0;     // usable now
  UnixSeconds fetched_at = 0;  // 0: never looked up
  std::string why;
};

struct TlsaAlertState {
  std::map<std::pair<EntityId, std::string>, engine::ActiveAlert> firing;
  friend bool operator==(const TlsaAlertState&, const TlsaAlertState&) = default;
};

std::string EncodeTlsaAlertState(const TlsaAlertState& state);  // JSON
Result<TlsaAlertState> DecodeTlsaAlertState(std::string_view bytes);

// What is wrong with one owner name, for a person; nullopt when nothing is.
std::optional<std::string> TlsaProblem(const TlsaOwnerStatus& s);

// The events of `owners` at `now`, `state` updated: firing first, then resolved.
std::vector<engine::AlertEvent> ObserveTlsa(TlsaAlertState* state,
                                            std::span<const TlsaOwnerStatus> owners,
                                            UnixSeconds now, int hold_down_seconds);

}  // namespace tldmon::alerts

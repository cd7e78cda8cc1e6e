// The alert tracker's state as the store keeps it (table alert_tracker,
// docs/formats/store-schema.md "Alerts"): a version byte, then varints and
// length-prefixed strings. Decoding treats the bytes as untrusted.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "engine/alert_tracker.h"

namespace tldmon::store {

std::string EncodeAlertTracker(const engine::AlertTrackerState& state);
// Internal for damaged bytes.
Result<engine::AlertTrackerState> DecodeAlertTracker(std::string_view bytes);

}  // namespace tldmon::store

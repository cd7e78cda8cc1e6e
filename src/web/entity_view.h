// The entity page's data (docs/dashboard.md "GET /ui/api/entity/…"): per
// monitored service its state (from the published MoSAPI documents, as the
// overview), the emergency budget's burn, availability over 24 h / 7 d /
// 30 d, the incidents of the range with their false-positive marks, and a
// per-cycle availability strip; per name-server IP a strip of the same
// range; the monthly figures; the commands that reproduce a test by hand.
//
// Strips are downsampled so that a range is at most kMaxColumns columns: a
// column covers `step` seconds (a whole number of cycles) and holds the
// share of its cycles that were Down, or -1 when it has no verdict.
//
// Reads the Store (verdicts, incidents, the entity's configuration) and a
// DocumentMap snapshot. Thread-safe as the Store is.
#pragma once

#include <string>

#include "core/entity_id.h"
#include "core/status.h"
#include "core/time.h"
#include "documents/document_store.h"
#include "engine/sla_params.h"
#include "store/store.h"

namespace tldmon::web {

inline constexpr int kMaxColumns = 1440;

// The ranges the page offers.
bool IsOfferedRange(int days);

// The page's JSON for `entity` over the `days` days before `now`. NotFound
// for an entity the store does not know.
Result<std::string> EntityViewJson(const store::Store& store, const documents::DocumentMap& docs,
                                   const engine::SlaParams& params, const EntityId& entity,
                                   int days, UnixSeconds now);

}  // namespace tldmon::web

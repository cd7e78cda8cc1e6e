// The reporting page (docs/dashboard.md "Reporting obligations"): per TLD
// the session sees and that has RRI uploads or settings, the reporting
// summary of src/rri (rri::SummarizeReporting: Full, Diff, Dea, PRTR, RFAR,
// Registry with their issues) and the newest upload of each type.
//   {"tlds":[{"tld","ok","trackedFrom","lastFullDate","depositSchedule",
//             "uploads":N,"paths":[{"path","status","enabled","issues":[...]}],
//             "latest":[{"type","period","received","uploadedBy"}]}],
//    "created": unix}
#pragma once

#include <functional>
#include <string>

#include "core/entity_id.h"
#include "core/status.h"
#include "core/time.h"
#include "store/store.h"

namespace tldmon::web {

Result<std::string> ReportingViewJson(const store::Store& store, UnixSeconds now,
                                      const std::function<bool(const EntityId&)>& sees);

}  // namespace tldmon::web

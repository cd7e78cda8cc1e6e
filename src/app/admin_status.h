// Loads a store's committed engine state into an Engine for reading (admin
// status, demo): the figures MoSAPI would publish, without processing anything.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "documents/render_monthly.h"
#include "engine/engine.h"
#include "store/store.h"

namespace tldmon::app {

// The engine as of the last committed cycle; a fresh one when nothing was
// committed yet.
Result<std::unique_ptr<engine::Engine>> LoadCommittedEngine(const store::Store& store);

// `admin status --month YYYY-MM`: "YYYY-MM" to the first second of that UTC
// month; InvalidArgument otherwise.
Result<UnixSeconds> ParseMonthArg(std::string_view text);

// The monthly figures of every entity (documents::CollectMonthly, the same
// figures the pipeline publishes per cycle; docs/formats/monthly-figures.md)
// for `month`. The engine keeps the figures of the month of its latest
// cycle only: any other month is FailedPrecondition naming the one it has.
Result<std::vector<documents::MonthlyReport>> MonthlyReports(const engine::Engine& engine,
                                                             UnixSeconds month);

// The reports as the published documents (a JSON array), and as a table: one
// row per (entity, service) with the month's downtime against its SLR and the
// RTT kinds' failed percentage against the allowed one.
nlohmann::json MonthlyJson(const std::vector<documents::MonthlyReport>& reports, UnixSeconds now);
void PrintMonthlyTable(std::ostream& out, const std::vector<documents::MonthlyReport>& reports);

}  // namespace tldmon::app

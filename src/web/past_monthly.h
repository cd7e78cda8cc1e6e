// The monthly report's months (docs/dashboard.md "Monthly report"): the
// current one is the published monthly document; past ones are merged from
// the documents the pipeline kept at each test kind's last cycle of the
// month (ingest/month_archive.h), taking from each only its own test
// kind's entries of that month.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_id.h"
#include "core/status.h"
#include "store/store.h"

namespace tldmon::web {

// "YYYY-MM" of every kept month, newest first. NotFound for an unknown entity.
Result<std::vector<std::string>> PastMonths(const store::Store& store, const EntityId& entity);

// The monthly document (docs/formats/monthly-figures.md) of a past month, or
// nullopt when nothing was kept for it. NotFound for an unknown entity.
Result<std::optional<std::string>> PastMonthly(const store::Store& store, const EntityId& entity,
                                               std::string_view month);

// {"months":[…],"month","current","report"}: `month` ("" = the current one)
// out of the current document's month and the kept ones. NotFound when the
// month has no figures.
Result<nlohmann::json> MonthlyReport(const store::Store& store, const EntityId& entity,
                                     std::string_view current_document, std::string_view month);

}  // namespace tldmon::web

// The monthly report as CSV (docs/dashboard.md "Monthly report"): one line
// per figure of the entity's monthly document (ui/api/<entity>/monthly,
// documents/render_monthly.h) — service downtime, RTT compliance, NS-IP
// downtime — against its SLR. RFC 4180: CRLF, fields quoted when needed.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace tldmon::web {

// `monthly` is the parsed monthly document; InvalidArgument if it is not one.
Result<std::string> MonthlyCsv(std::string_view entity, const nlohmann::json& monthly);

}  // namespace tldmon::web

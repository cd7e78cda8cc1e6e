// Recent-measurement listings (mosapi-api.md §6.9): the years, months and
// days that hold measurements of a service, and the measurement files of one
// day. All list elements are strings. Pure; thread-safe.
#pragma once

#include <span>
#include <string>

#include "core/time.h"
#include "documents/render_common.h"

namespace tldmon::documents {

// GET .../measurements: {"version","lastUpdateApiDatabase","years":["2026","2025"]}
// newest first, 4 digits; duplicates are dropped.
std::string RenderYears(const Envelope& env, std::span<const int> years);
// GET .../measurements/<yyyy>: "months":["06","05",...] newest first, 2 digits.
std::string RenderMonths(const Envelope& env, std::span<const int> months);
// GET .../measurements/<yyyy>/<mm>: "days":["03","02","01"] newest first, 2 digits.
std::string RenderDays(const Envelope& env, std::span<const int> days);
// GET .../measurements/<yyyy>/<mm>/<dd>: "measurements":["<cycle>.json",...]
// oldest first; duplicates are dropped.
std::string RenderDayMeasurements(const Envelope& env, std::span<const UnixSeconds> cycles);

// "<cycle>.json", the measurement id of a cycle.
std::string MeasurementFileName(UnixSeconds cycle);

}  // namespace tldmon::documents

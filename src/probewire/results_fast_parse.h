// The fast path of ParseResultsBatch (probe_results_wire.h): simdjson's
// validating DOM parser (a flat tape, no node allocations; its SIMD kernel
// chosen at run time) over a whole results batch. The
// central side parses every metric every probe sends (12,000 per probe per
// minute for 1,500 TLDs); with nlohmann's DOM that parse was 86 % of the
// ingest path (bench/probe_ingest_bench).
//
// It accepts only what the DOM parser accepts without a refusal, and then
// gives exactly its result (the fuzz target probe_wire checks both). Any
// item it cannot take - a type error, a bound, a duplicate or unknown member,
// anything unusual - makes it return nullopt, and the DOM parser, with its exact
// messages and per-item refusals, takes the whole document.
#pragma once

#include <optional>
#include <string_view>

#include "probewire/probe_results_wire.h"

namespace tldmon::probewire {

std::optional<ParsedBatch> ParseResultsBatchFast(std::string_view json);
// The DOM parser alone (what ParseResultsBatch falls back to).
Result<ParsedBatch> ParseResultsBatchDom(std::string_view json);

}  // namespace tldmon::probewire

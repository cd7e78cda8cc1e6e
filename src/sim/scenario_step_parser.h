// Parsing of step lines and raw-block lines (docs/formats/scenario.md
// "Steps") against a finished scenario header. Error messages carry no
// file:line; the caller adds it. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/status.h"
#include "sim/scenario.h"

namespace tldmon::sim {

// Default RTT of an answered test in summary steps (well under every SLR).
inline constexpr std::int32_t kDefaultDnsRttMs = 40;
inline constexpr std::int32_t kDefaultRddsRttMs = 300;

// Parses `<kind> [entity] [at=T] (up | down | raw | online=N results=N up=N
// dnssec-up=N) [rtt=N] [transport=udp|tcp]`; `toks[0]` is the kind. Does
// not set line, first_cycle or raw_lines.
Result<Step> ParseStepLine(const Scenario& sc, std::span<const std::string_view> toks,
                           std::int64_t repeat);

// Parses one line of a raw block of `step`: `<probes> [udp|tcp] [offline]
// [target=values ...]`. `*star` tells whether the selection was "*" (the
// probes are then filled in by FinishRawBlock).
Result<RawProbeLine> ParseRawLine(const Scenario& sc, const Step& step,
                                  std::span<const std::string_view> toks, bool* star);

// Completes a raw block: the line at `star_line` (if any) gets every capable
// probe not named on another line; no probe may appear on two lines.
Status FinishRawBlock(const Scenario& sc, Step& step, std::optional<std::size_t> star_line);

}  // namespace tldmon::sim

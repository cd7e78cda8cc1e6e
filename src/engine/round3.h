// round3 of slam-algorithms.md §8 exactly as RSM computes it. RSM stores
// the rolling-week percentage as sprintf("%.3f", downtime * 100 / sla)
// (RSMSLV.pm, process_slv_rollweek_cycles): printf on a binary double. That
// rounds the exact binary value, so a decimal tie that is not a binary tie
// goes the way the double lies, and an exact binary tie (only dyadic values
// such as 0.3125 or 1.5625 can be one) goes to the even digit:
// 0.3125 -> 0.312, 1.5625 -> 1.562, 0.1875 -> 0.188. Half-up on the exact
// fraction would give 0.313 and 1.563, which ICANN never publishes.
#pragma once

#include <string>

namespace tldmon::engine {

// The double nearest to printf("%.3f", value); non-finite values give 0.
double Round3(double value);

// Appends printf("%.3f", value) without trailing zeros (and without the
// point when the fraction is zero), the shape of MoSAPI's emergencyThreshold
// (mosapi-api.md §9.4): 0.3125 -> "0.312", 1.25 -> "1.25", 10 -> "10". A
// value that rounds to zero prints "0" (never "-0"); non-finite prints "0".
void AppendRound3(double value, std::string* out);

}  // namespace tldmon::engine

// The `iirdea` answer of an RRI upload (rri.md §3): one result with its
// code, the code's message and, for a rejection, the description of what
// failed. Sent with 200 (code 1000) or 400 (any other code).
#pragma once

#include <string>

#include "rri/rri_result.h"

namespace tldmon::rri {

inline constexpr std::string_view kIirdeaNamespace = "urn:ietf:params:xml:ns:iirdea-1.0";

std::string IirdeaResponse(const Verdict& verdict);

}  // namespace tldmon::rri

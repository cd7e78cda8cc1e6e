// The registrars tldmon knows as accredited (2102, rri.md §4.1). ICANN
// checks a transactions report against its own registrar records; tldmon
// has two sources of the same fact, and takes their union:
//   * the registrar entities it monitors (rr/<IANA id>), and
//   * the registrars' RDAP base URL list, which ICANN publishes for every
//     accredited registrar (`tldmon admin rdap-base-urls import`).
// When both are empty nothing is known and the check is not made (docs/rri.md).
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace tldmon::rri {

// Ascending, unique; active registrar entities only (a de-accredited
// registrar is removed from monitoring).
Result<std::vector<std::int64_t>> AccreditedRegistrarIds(store::Store& store);

}  // namespace tldmon::rri

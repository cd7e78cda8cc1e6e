// RSM's map_http_code (mosapi-api.md §8.6): the index n of an HTTP status,
// giving the codes RDDS80 -300 - n and RDAP -500 - n. 200 has no index
// (it is success); any status not in the table is n = 60.
#pragma once

#include <cstdint>

namespace tldmon::probe {

int HttpStatusIndex(long status);

inline std::int32_t Rdds80HttpCode(long status) { return -300 - HttpStatusIndex(status); }
inline std::int32_t RdapHttpCode(long status) { return -500 - HttpStatusIndex(status); }

}  // namespace tldmon::probe

#include "core/result_codes.h"

#include <array>

namespace tldmon {

std::int32_t TimeoutCode(RttKind k) {
  switch (k) {
    case RttKind::kDnsUdp: return -200;
    case RttKind::kDnsTcp: return -600;
    case RttKind::kRdds43: return -227;
    case RttKind::kRdds80: return -255;
    case RttKind::kRdap: return -405;
    case RttKind::kEpp: return 0;  // EPP has no timeout code in the ratio
  }
  return 0;
}

int HttpStatusIndex(int http_status) {
  // Order of mosapi-api.md §8.6; the index is the position in this list.
  static constexpr std::array<int, 60> kStatuses = {
      100, 101, 102, 103, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301,
      302, 303, 304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407,
      408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 423, 424, 426,
      428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511};
  for (int i = 0; i < static_cast<int>(kStatuses.size()); ++i)
    if (kStatuses[static_cast<std::size_t>(i)] == http_status) return i;
  return 60;
}

}  // namespace tldmon

#include "probe/http_status_index.h"

#include <array>

namespace tldmon::probe {

int HttpStatusIndex(long status) {
  // In the order of mosapi-api.md §8.6: the position is the index.
  static constexpr std::array<long, 60> kStatuses = {
      100, 101, 102, 103, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301,
      302, 303, 304, 305, 306, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407,
      408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 423, 424, 426,
      428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511};
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return static_cast<int>(i);
  }
  return 60;
}

}  // namespace tldmon::probe

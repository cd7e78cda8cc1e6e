#include "http/request_target.h"

namespace tldmon::http {

TargetParts SplitTarget(std::string_view target) {
  if (const std::size_t hash = target.find('#'); hash != std::string_view::npos)
    target = target.substr(0, hash);
  // Absolute-form: "scheme://authority/path?query".
  if (!target.empty() && target.front() != '/') {
    const std::size_t scheme_end = target.find("://");
    if (scheme_end != std::string_view::npos) {
      const std::size_t path_start = target.find_first_of("/?", scheme_end + 3);
      target = path_start == std::string_view::npos ? std::string_view("/")
                                                    : target.substr(path_start);
      if (!target.empty() && target.front() == '?') return {"/", target.substr(1)};
    }
  }
  const std::size_t q = target.find('?');
  if (q == std::string_view::npos) return {target, {}};
  return {target.substr(0, q), target.substr(q + 1)};
}

}  // namespace tldmon::http

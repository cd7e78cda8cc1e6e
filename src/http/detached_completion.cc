#include "http/detached_completion.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace tldmon::http::internal {

void DetachedCompletion::operator()(std::exception_ptr error) const noexcept {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    spdlog::error("http: {} ended by an exception: {}", what_, e.what());
  } catch (...) {
    spdlog::error("http: {} ended by an exception of unknown type", what_);
  }
}

}  // namespace tldmon::http::internal

#include "core/detached_completion.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace tldmon {

void DetachedCompletion::operator()(std::exception_ptr error) const noexcept {
  if (!error) return;
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    spdlog::error("{} ended by an exception: {}", what_, e.what());
  } catch (...) {
    spdlog::error("{} ended by an exception of unknown type", what_);
  }
}

}  // namespace tldmon

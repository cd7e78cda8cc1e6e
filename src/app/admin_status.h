// Loads a store's committed engine state into an Engine for reading (admin
// status, demo): the figures MoSAPI would publish, without processing anything.
#pragma once

#include <memory>

#include "core/status.h"
#include "engine/engine.h"
#include "store/store.h"

namespace tldmon::app {

// The engine as of the last committed cycle; a fresh one when nothing was
// committed yet.
Result<std::unique_ptr<engine::Engine>> LoadCommittedEngine(const store::Store& store);

}  // namespace tldmon::app

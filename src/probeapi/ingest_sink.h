// IngestSink: how probe ingest reaches the cycle pipeline, which belongs to
// the engine thread (ingest/cycle_pipeline.h is not thread-safe). The app
// implements it over its EngineLoop: the call runs with the pipeline while
// no tick runs, so intake, watermarks and processing never interleave.
#pragma once

#include <functional>

#include "core/status.h"
#include "ingest/cycle_pipeline.h"

namespace tldmon::probeapi {

class IngestSink {
 public:
  virtual ~IngestSink() = default;
  // Runs `fn` with the open pipeline, serialised with the engine's ticks.
  // Unavailable when there is no open pipeline (it failed and is being
  // re-opened): the probe retries later.
  virtual Status WithPipeline(const std::function<Status(ingest::CyclePipeline&)>& fn) = 0;
};

}  // namespace tldmon::probeapi

// Small encodings of EngineState parts that are stored as blobs
// (docs/formats/store-schema.md "Encodings"). Shared by every Store.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "engine/engine_state.h"

namespace tldmon::store {

// Incident::down_cycles: varint run count, then per run the zigzag distance
// of `first` from the previous run's `first` (the first run: from the
// incident's start_time, usually 0) and the varint `count`.
std::string EncodeDownCycles(UnixSeconds start_time, const std::vector<engine::CycleRun>& runs);
bool DecodeDownCycles(UnixSeconds start_time, std::string_view bytes,
                      std::vector<engine::CycleRun>& runs);

// CycleOutput::probe_online as a bitmap: bit i%8 of byte i/8 = probe i.
std::string EncodeBitmap(const std::vector<bool>& bits);
// `count` bits; false if the bitmap is too short for them.
bool DecodeBitmap(std::string_view bytes, std::size_t count, std::vector<bool>& bits);

}  // namespace tldmon::store

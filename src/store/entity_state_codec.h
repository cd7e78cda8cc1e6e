// One entity's engine state as a single blob, and the probes' states as
// another (docs/formats/store-schema.md "PostgreSQL"). PostgresStore keeps
// the engine state as one row per entity: a cycle rewrites only the rows of
// entities whose state changed, in one statement each, and a follower loads
// the whole state with one scan. (SqliteStore keeps it in normalised tables,
// from before this codec; both hold the same EngineState.)
//
// Layout: a version varint (1), then varints and zigzag varints in field
// order; optional times as a presence flag then the value; incident and
// NS-IP down-cycle runs as EncodeDownCycles bytes behind a length. NSID
// memory is not stored (the engine rebuilds it: NsidMemory).
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/engine_state.h"

namespace tldmon::store {

std::string EncodeEntityState(const engine::EntityState& state);
// False if `bytes` is damaged or of an unknown version.
bool DecodeEntityState(std::string_view bytes, engine::EntityState& state);

std::string EncodeProbeStates(const std::vector<engine::ProbeState>& probes);
bool DecodeProbeStates(std::string_view bytes, std::vector<engine::ProbeState>& probes);

}  // namespace tldmon::store

// The change generation of a data directory: a counter `tldmon admin` bumps
// after every change it commits (entities, probes, accounts, allow-lists,
// roles, false positives, METRICA, RDAP base URLs), so a running `serve`
// notices within one engine tick that it must re-read the store
// (docs/operations.md "Several processes on one data directory").
//
// Kept as a keyed record (store/keyed_record.h): kind "app.changes", key
// "generation", bytes the decimal counter — so it lives in whatever database
// the store uses and needs no file next to it.
//
// Thread-safe as the Store. BumpChangeGeneration is read-modify-write: the
// caller holds <data>/engine.lock (file_lock.h), as every admin change does.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "store/store.h"

namespace tldmon::app {

inline constexpr std::string_view kChangeKind = "app.changes";
inline constexpr std::string_view kChangeGenerationKey = "generation";

// 0 when nothing was ever bumped; Internal if the record is damaged.
Result<std::uint64_t> ReadChangeGeneration(const store::Store& store);
// Stores generation + 1 and returns it.
Result<std::uint64_t> BumpChangeGeneration(store::Store& store);

}  // namespace tldmon::app

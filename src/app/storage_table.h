// The storage table of `tldmon admin status`: one row per UTC day of probe
// data the store holds (store::DayStorage) — the day, its form (raw: recent
// report batches; compacted: compressed chunks; mixed: late reports not yet
// merged), reports, metrics, bytes and bytes per metric — and a total.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "store/store.h"

namespace tldmon::app {

// "raw", "compacted" or "mixed".
std::string StorageForm(const store::DayStorage& day);

// A fixed-width text table with a header line and a TOTAL line.
void PrintStorageTable(std::ostream& out, const std::vector<store::DayStorage>& days);

// [{"day":"2026-01-01","form":"compacted","reports":..,"metrics":..,"bytes":..,
//   "rawBytes":..,"compactedBytes":..}, ...]
nlohmann::json StorageRowsJson(const std::vector<store::DayStorage>& days);

}  // namespace tldmon::app

// Field readers for the probe protocol's JSON documents: each checks the
// type and the bounds of one member and names it in the error, so that a
// refused document or item says exactly what was wrong.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon::probewire {

using Json = nlohmann::json;

// The member `key` of object `o` (InvalidArgument if `o` is not an object or
// lacks it).
Result<const Json*> Member(const Json& o, std::string_view key);
Result<std::string> String(const Json& o, std::string_view key, std::size_t max_bytes);
Result<std::int64_t> Integer(const Json& o, std::string_view key, std::int64_t lo,
                             std::int64_t hi);
Result<bool> Boolean(const Json& o, std::string_view key);
// An optional member: `fallback` when absent, otherwise as Boolean.
Result<bool> Boolean(const Json& o, std::string_view key, bool fallback);

// A host name as DNS has them: 1..253 bytes of letters, digits, '-', '_'
// and '.', no empty label (a trailing dot is allowed).
bool IsHostName(std::string_view name);

// Parses a whole document; InvalidArgument (never an exception) on bad JSON
// or a top level that is not an object.
Result<Json> ParseObject(std::string_view text);

}  // namespace tldmon::probewire

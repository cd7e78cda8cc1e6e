// Parsing untrusted JSON byte strings with bounds (DESIGN.md house rule 11):
// a size cap checked before parsing, a nesting-depth cap and rejection of
// duplicate object keys (which nlohmann::json would silently collapse to the
// last one, hiding a conflicting value). No exception leaves this function.
//
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/status.h"

namespace tldmon::admin {

struct JsonLimits {
  std::size_t max_bytes = 64 * 1024;
  int max_depth = 8;  // containers nested inside each other, the outermost is 1
};

// Parses one JSON text (RFC 8259, UTF-8; comments are not allowed). Fails with
// kInvalidArgument and a message naming the problem and, for syntax errors,
// the byte offset: input larger than max_bytes, syntax error, invalid UTF-8,
// nesting deeper than max_depth, a duplicate key within one object.
Result<nlohmann::json> ParseBoundedJson(std::string_view bytes, const JsonLimits& limits);

// "object", "array", "string", "integer", "number", "boolean", "null": the
// JSON type of `value` as a message would name it.
std::string_view JsonTypeName(const nlohmann::json& value);

}  // namespace tldmon::admin

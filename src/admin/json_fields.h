// Typed reading of members of parsed, untrusted JSON, with errors that name
// the offending field by its path from the document root, e.g.
// "$.domainListData[1].count: expected an integer, got string". Import files
// are rejected whole with such a message (docs/formats/*-import.md).
//
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon::admin {

using Json = nlohmann::json;

// "$" is the root; MemberPath("$", "tld") == "$.tld"; ElementPath("$.a", 2)
// == "$.a[2]". Keys longer than 64 bytes are shortened (they may be hostile).
std::string MemberPath(std::string_view parent, std::string_view key);
std::string ElementPath(std::string_view parent, std::size_t index);

// `value` in double quotes for a message, cut to 80 bytes (at a UTF-8
// boundary, then "...") because it comes from untrusted input.
std::string Quote(std::string_view value);

// kInvalidArgument "<path>: <what>".
Status FieldError(std::string_view path, std::string_view what);

Status ExpectObject(const Json& value, std::string_view path);
Status ExpectArray(const Json& value, std::string_view path);
// Fails on the first member of `object` (an object) not in `allowed`.
Status ExpectOnlyMembers(const Json& object, std::string_view path,
                         std::initializer_list<std::string_view> allowed);

// The member `key` of `object` (an object), or an error naming the missing
// field. The pointer is into `object`.
Result<const Json*> RequiredMember(const Json& object, std::string_view path, std::string_view key);

// A JSON integer (no fraction, no exponent form that parsed as a float) that
// fits in int64.
Result<std::int64_t> ReadInteger(const Json& value, std::string_view path);
Result<std::string> ReadString(const Json& value, std::string_view path);

}  // namespace tldmon::admin

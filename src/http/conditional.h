// Conditional GET/HEAD (RFC 9110 §13.1.1, §13.1.3, §13.2.2). Pure.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>

#include "core/time.h"

namespace tldmon::http {

// If-None-Match: true when the field is "*" or lists an entity-tag that
// weakly matches (opaque-tags equal, W/ ignored) any of `current` (the
// quoted tags of the representation's variants). Parsing stops at the
// first malformed element.
bool IfNoneMatchMatches(std::string_view field, std::initializer_list<std::string_view> current);

// If-Modified-Since: true when the field is a valid HTTP-date not earlier
// than `last_modified` (i.e. the representation has not changed since).
// An invalid date is ignored (false), as RFC 9110 §13.1.3 requires.
bool NotModifiedSince(std::string_view field, UnixSeconds last_modified);

// The precondition evaluation of §13.2.2 steps 3–4 for GET/HEAD: whether to
// answer 304. If-Modified-Since counts only without If-None-Match.
bool IsNotModified(std::optional<std::string_view> if_none_match,
                   std::optional<std::string_view> if_modified_since,
                   std::initializer_list<std::string_view> current_etags,
                   UnixSeconds last_modified);

}  // namespace tldmon::http

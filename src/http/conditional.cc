#include "http/conditional.h"

#include "http/http_date.h"

namespace tldmon::http {
namespace {

// The opaque-tag of a quoted entity-tag without "W/" ("\"x\"" → "\"x\"").
std::string_view Opaque(std::string_view tag) {
  if (tag.starts_with("W/")) tag.remove_prefix(2);
  return tag;
}

}  // namespace

bool IfNoneMatchMatches(std::string_view field, std::initializer_list<std::string_view> current) {
  std::size_t i = 0;
  auto skip_ows = [&] {
    while (i < field.size() && (field[i] == ' ' || field[i] == '\t')) ++i;
  };
  std::string_view trimmed = field;
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t'))
    trimmed.remove_suffix(1);
  skip_ows();
  if (i < trimmed.size() && trimmed.substr(i) == "*") return true;
  while (i < field.size()) {
    skip_ows();
    if (i < field.size() && field[i] == ',') {
      ++i;
      continue;
    }
    if (i >= field.size()) break;
    const std::size_t start = i;
    if (field.substr(i, 2) == "W/") i += 2;
    if (i >= field.size() || field[i] != '"') return false;
    const std::size_t close = field.find('"', i + 1);
    if (close == std::string_view::npos) return false;
    const std::string_view tag = Opaque(field.substr(start, close + 1 - start));
    for (std::string_view c : current)
      if (!c.empty() && Opaque(c) == tag) return true;
    i = close + 1;
    skip_ows();
    if (i < field.size() && field[i] != ',') return false;
  }
  return false;
}

bool NotModifiedSince(std::string_view field, UnixSeconds last_modified) {
  const auto since = ParseHttpDate(field);
  return since && last_modified <= *since;
}

bool IsNotModified(std::optional<std::string_view> if_none_match,
                   std::optional<std::string_view> if_modified_since,
                   std::initializer_list<std::string_view> current_etags,
                   UnixSeconds last_modified) {
  if (if_none_match) return IfNoneMatchMatches(*if_none_match, current_etags);
  if (if_modified_since) return NotModifiedSince(*if_modified_since, last_modified);
  return false;
}

}  // namespace tldmon::http

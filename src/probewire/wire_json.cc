#include "probewire/wire_json.h"

namespace tldmon::probewire {

Result<const Json*> Member(const Json& o, std::string_view key) {
  if (!o.is_object()) return InvalidArgument("expected an object around \"" + std::string(key) + "\"");
  const auto it = o.find(key);
  if (it == o.end()) return InvalidArgument("missing \"" + std::string(key) + "\"");
  return &*it;
}

Result<std::string> String(const Json& o, std::string_view key, std::size_t max_bytes) {
  auto m = Member(o, key);
  if (!m.ok()) return m.status();
  if (!(*m)->is_string()) return InvalidArgument("\"" + std::string(key) + "\" is not a string");
  const auto& s = (*m)->get_ref<const std::string&>();
  if (s.size() > max_bytes)
    return InvalidArgument("\"" + std::string(key) + "\" is longer than " +
                           std::to_string(max_bytes) + " bytes");
  return s;
}

Result<std::int64_t> Integer(const Json& o, std::string_view key, std::int64_t lo,
                             std::int64_t hi) {
  auto m = Member(o, key);
  if (!m.ok()) return m.status();
  if (!(*m)->is_number_integer())
    return InvalidArgument("\"" + std::string(key) + "\" is not an integer");
  // Unsigned values above INT64_MAX are out of range, not wrapped.
  if ((*m)->is_number_unsigned() && (*m)->get<std::uint64_t>() > static_cast<std::uint64_t>(hi))
    return InvalidArgument("\"" + std::string(key) + "\" is out of range");
  const std::int64_t v = (*m)->get<std::int64_t>();
  if (v < lo || v > hi)
    return InvalidArgument("\"" + std::string(key) + "\" = " + std::to_string(v) +
                           " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
  return v;
}

Result<bool> Boolean(const Json& o, std::string_view key) {
  auto m = Member(o, key);
  if (!m.ok()) return m.status();
  if (!(*m)->is_boolean()) return InvalidArgument("\"" + std::string(key) + "\" is not a boolean");
  return (*m)->get<bool>();
}

Result<bool> Boolean(const Json& o, std::string_view key, bool fallback) {
  if (!o.is_object() || !o.contains(key)) return fallback;
  return Boolean(o, key);
}

bool IsHostName(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  if (name.back() == '.') name.remove_suffix(1);
  if (name.empty()) return false;
  std::size_t label = 0;
  for (char c : name) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok || ++label > 63) return false;
  }
  return label > 0;
}

Result<Json> ParseObject(std::string_view text) {
  Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("not valid JSON");
  if (!j.is_object()) return InvalidArgument("the document is not a JSON object");
  return j;
}

}  // namespace tldmon::probewire

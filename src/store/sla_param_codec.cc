#include "store/sla_param_codec.h"

#include <charconv>
#include <limits>

namespace tldmon::store {

using engine::SlaParams;

// The names and fields are the engine's own (SlaParams::Keys/Get/Set), so a
// new parameter is stored without touching this file.
std::vector<SlaParamValue> FlattenSlaParams(const SlaParams& p) {
  std::vector<SlaParamValue> out;
  for (const std::string& key : SlaParams::Keys()) out.push_back({key, *p.Get(key)});
  return out;
}

Status ApplySlaParam(SlaParams& p, std::string_view name,
                     const std::variant<std::int64_t, double>& value) {
  const std::optional<SlaParams::Value> current = p.Get(name);
  if (!current) return NotFound("unknown SLA parameter " + std::string(name));
  if (std::holds_alternative<std::int64_t>(*current)) {
    const auto* i = std::get_if<std::int64_t>(&value);
    if (i == nullptr || *i < std::numeric_limits<int>::min() ||
        *i > std::numeric_limits<int>::max())
      return InvalidArgument("SLA parameter " + std::string(name) + " must be an int");
    return p.Set(name, std::to_string(*i));
  }
  const double d = std::holds_alternative<std::int64_t>(value)
                       ? static_cast<double>(std::get<std::int64_t>(value))
                       : std::get<double>(value);
  char buf[64];
  // Shortest text that reads back to the same double.
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  if (ec != std::errc()) return InvalidArgument("SLA parameter " + std::string(name));
  return p.Set(name, std::string_view(buf, static_cast<std::size_t>(end - buf)));
}

}  // namespace tldmon::store

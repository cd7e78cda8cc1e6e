#include "sim/scenario_names.h"

#include <algorithm>
#include <string>

#include "sim/scenario_lexer.h"

namespace tldmon::sim {
namespace {

std::optional<ProbeIndex> FindProbe(const Scenario& sc, std::string_view name) {
  for (std::size_t i = 0; i < sc.probes.size(); ++i)
    if (sc.probes[i].name == name) return static_cast<ProbeIndex>(i);
  return std::nullopt;
}

// "p12" -> ("p", 12); nullopt without a numeric suffix.
std::optional<std::pair<std::string_view, std::int64_t>> SplitNumbered(std::string_view name) {
  std::size_t i = name.size();
  while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') --i;
  if (i == name.size() || name.size() - i > 9) return std::nullopt;
  return std::make_pair(name.substr(0, i), *ParseInteger(name.substr(i)));
}

}  // namespace

bool LooksLikeEntity(std::string_view token) {
  return token.size() > 3 && (token.substr(0, 3) == "ry/" || token.substr(0, 3) == "rr/");
}

Result<std::size_t> ResolveEntity(const Scenario& sc, std::string_view token) {
  for (std::size_t i = 0; i < sc.entities.size(); ++i)
    if (sc.entities[i].id.Path() == token) return i;
  return NotFound("unknown entity '" + std::string(token) + "' (declare it with `entity`)");
}

Result<std::size_t> DefaultEntity(const Scenario& sc) {
  if (sc.entities.size() == 1) return std::size_t{0};
  return InvalidArgument("this scenario declares several entities; name one (e.g. " +
                         sc.entities.front().id.Path() + ")");
}

Result<std::vector<ProbeIndex>> ResolveProbes(const Scenario& sc, std::string_view selection,
                                              bool allow_star, bool* star) {
  std::vector<ProbeIndex> out;
  if (star != nullptr) *star = false;
  for (std::string_view item : SplitComma(selection)) {
    if (item.empty())
      return InvalidArgument("empty item in probe selection '" + std::string(selection) + "'");
    if (item == "*") {
      if (!allow_star) return InvalidArgument("'*' is not allowed in this probe selection");
      if (star != nullptr) *star = true;
      continue;
    }
    const std::size_t dots = item.find("..");
    if (dots == std::string_view::npos) {
      const auto p = FindProbe(sc, item);
      if (!p) return NotFound("unknown probe '" + std::string(item) + "'");
      out.push_back(*p);
      continue;
    }
    const std::string_view a = item.substr(0, dots), b = item.substr(dots + 2);
    const auto na = SplitNumbered(a), nb = SplitNumbered(b);
    if (!na || !nb || na->first != nb->first || na->second > nb->second)
      return InvalidArgument("probe range '" + std::string(item) +
                             "' must look like p3..p7 (same prefix, ascending numbers)");
    for (std::int64_t n = na->second; n <= nb->second; ++n) {
      const std::string name = std::string(na->first) + std::to_string(n);
      const auto p = FindProbe(sc, name);
      if (!p)
        return NotFound("probe range '" + std::string(item) + "': unknown probe '" + name + "'");
      out.push_back(*p);
    }
  }
  std::sort(out.begin(), out.end());
  if (std::adjacent_find(out.begin(), out.end()) != out.end())
    return InvalidArgument("probe selection '" + std::string(selection) + "' names a probe twice");
  return out;
}

Result<std::uint16_t> ResolveNameServer(const EntityConfig& e, std::string_view name) {
  std::optional<std::uint16_t> by_label;
  int label_matches = 0;
  for (std::size_t i = 0; i < e.name_servers.size(); ++i) {
    const std::string& full = e.name_servers[i].name;
    if (full == name) return static_cast<std::uint16_t>(i);
    if (full.substr(0, full.find('.')) == name) {
      by_label = static_cast<std::uint16_t>(i);
      ++label_matches;
    }
  }
  if (label_matches == 1) return *by_label;
  if (label_matches > 1)
    return InvalidArgument("name server '" + std::string(name) +
                           "' is ambiguous; use the full name");
  return NotFound("unknown name server '" + std::string(name) + "' of " + e.id.Path());
}

}  // namespace tldmon::sim

#include "web/nsid_view.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "web/entity_config.h"

namespace tldmon::web {

std::string NsidText(std::string_view hex) {
  if (hex.empty() || hex.size() % 2 != 0) return "";
  const auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string text;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return "";
    const int byte = hi * 16 + lo;
    if (byte < 0x20 || byte > 0x7e) return "";
    text += static_cast<char>(byte);
  }
  return text;
}

Result<std::string> NsidViewJson(const store::Store& store, const EntityId& entity, int days,
                                 UnixSeconds now) {
  using nlohmann::json;
  const UnixSeconds to = now - now % 60;
  const UnixSeconds from = to - static_cast<UnixSeconds>(days) * 86400;
  auto config = CurrentEntityConfig(store, entity, now);
  if (!config.ok()) return config.status();
  auto probes = store.LoadProbes();
  if (!probes.ok()) return probes.status();
  auto sightings = store.NsidChanges(entity, to);
  if (!sightings.ok()) return sightings.status();

  const auto probe_name = [&](ProbeIndex p) {
    return p < probes->size() ? (*probes)[p].node.name : "#" + std::to_string(p);
  };
  const auto nsid_json = [](const std::string& hex) {
    const std::string text = NsidText(hex);
    return json{{"hex", hex}, {"text", text.empty() ? json(nullptr) : json(text)}};
  };
  // Per (ns, ip): the last NSID of each probe, and the range's changes.
  struct Pair {
    std::map<ProbeIndex, std::string> last;
    std::vector<json> changes;  // ascending
    std::size_t change_count = 0;
  };
  std::map<std::pair<int, int>, Pair> pairs;
  for (const store::NsidChange& s : *sightings) {
    Pair& pair = pairs[{s.ns, s.ip}];
    auto [it, first] = pair.last.try_emplace(s.probe, s.nsid);
    if (first || it->second == s.nsid) continue;  // first sighting, or a restart's repeat
    if (s.cycle >= from) {
      ++pair.change_count;
      pair.changes.push_back({{"time", s.cycle},
                              {"probe", probe_name(s.probe)},
                              {"from", nsid_json(it->second)},
                              {"to", nsid_json(s.nsid)}});
      if (pair.changes.size() > kMaxNsidChanges) pair.changes.erase(pair.changes.begin());
    }
    it->second = s.nsid;
  }

  json rows = json::array();
  std::size_t total = 0;
  for (std::size_t ns = 0; ns < config->name_servers.size(); ++ns) {
    const NameServer& server = config->name_servers[ns];
    for (std::size_t ip = 0; ip < server.ips.size(); ++ip) {
      Pair& pair = pairs[{static_cast<int>(ns), static_cast<int>(ip)}];
      std::map<std::string, std::set<std::string>> instances;
      for (const auto& [probe, nsid] : pair.last) instances[nsid].insert(probe_name(probe));
      json list = json::array();
      for (const auto& [nsid, names] : instances) {
        json entry = nsid_json(nsid);
        entry["probes"] = names;
        list.push_back(std::move(entry));
      }
      json changes = json::array();
      for (auto c = pair.changes.rbegin(); c != pair.changes.rend(); ++c) changes.push_back(std::move(*c));
      total += pair.change_count;
      rows.push_back({{"ns", server.name},
                      {"ip", server.ips[ip]},
                      {"instances", std::move(list)},
                      {"changes", std::move(changes)},
                      {"changeCount", pair.change_count}});
    }
  }
  return json{{"entity", entity.Path()}, {"from", from}, {"to", to},
              {"changeCount", total},    {"pairs", std::move(rows)}}
      .dump();
}

}  // namespace tldmon::web

#include "web/rtt_view.h"

#include <algorithm>
#include <array>
#include <map>
#include <nlohmann/json.hpp>

#include "web/entity_config.h"
#include "web/rtt_columns.h"

namespace tldmon::web {

// The 24 h / 7 d / 30 d table (any53): every RTT of the period.
struct RttPeriod {
  const char* name;
  UnixSeconds seconds;
  RttAcc udp, tcp;
};

Result<std::string> RttViewJson(const store::Store& store, const EntityId& entity, int days,
                                UnixSeconds now) {
  const RttGrid grid = RttGrid::Of(now, days);
  const UnixSeconds to = grid.to;
  // The table always covers 30 days.
  const UnixSeconds read_from = std::min<UnixSeconds>(grid.from, to - 30 * 86400);
  auto current = CurrentEntityConfig(store, entity, now);
  if (!current.ok()) return current.status();
  const EntityConfig* config = &*current;

  // Per (ns, ip): UDP and TCP.
  std::map<std::pair<int, int>, std::array<RttSeries, 2>> pairs;
  for (std::size_t ns = 0; ns < config->name_servers.size(); ++ns)
    for (std::size_t ip = 0; ip < config->name_servers[ns].ips.size(); ++ip)
      pairs.emplace(std::make_pair(static_cast<int>(ns), static_cast<int>(ip)),
                    std::array<RttSeries, 2>{RttSeries(grid.columns), RttSeries(grid.columns)});
  RttPeriod periods[] = {{"24h", 86400, {}, {}}, {"7d", 7 * 86400, {}, {}}, {"30d", 30 * 86400, {}, {}}};
  // NotFound for an unknown entity came above.
  const Status read = store.ForEachNsIpRtt(entity, read_from, to + 1, [&](const store::NsIpRtt& v) {
    for (RttPeriod& p : periods) {
      if (v.cycle < to - p.seconds) continue;  // the periods loop
      p.udp.Add(v.udp);
      p.tcp.Add(v.tcp);
    }
    const std::size_t col = grid.ColumnOf(v.cycle);
    if (col >= grid.columns) return;
    const auto it = pairs.find({v.ns, v.ip});
    if (it == pairs.end()) return;  // a name server of an older configuration
    it->second[0].Add(col, v.udp);
    it->second[1].Add(col, v.tcp);
  });
  TLDMON_RETURN_IF_ERROR(read);

  std::string out;
  out.reserve(grid.columns * 80 + 4096);
  out += "{\"entity\":" + nlohmann::json(entity.Path()).dump() + ",";
  AppendGrid(out, grid);
  out += ",\"series\":[";
  bool first = true;
  for (auto& [key, transports] : pairs) {
    const NameServer& ns = config->name_servers[static_cast<std::size_t>(key.first)];
    out += first ? "" : ",";
    first = false;
    out += "{\"ns\":" + nlohmann::json(ns.name).dump() +
           ",\"ip\":" + nlohmann::json(ns.ips[static_cast<std::size_t>(key.second)]).dump();
    for (int tr = 0; tr < 2; ++tr) {
      RttSeries& series = transports[static_cast<std::size_t>(tr)];
      series.Close();
      out += tr == 0 ? ",\"udp\":" : ",\"tcp\":";
      AppendSeries(out, series);
    }
    out += '}';
  }
  nlohmann::json table = nlohmann::json::array();
  for (RttPeriod& p : periods)
    table.push_back({{"period", p.name}, {"udp", p.udp.Summary()}, {"tcp", p.tcp.Summary()}});
  out += "],\"table\":" + table.dump() + "}";
  return out;
}

}  // namespace tldmon::web

#include "web/rtt_view.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "web/entity_config.h"

namespace tldmon::web {
namespace {

using nlohmann::json;

int NearestRank(std::vector<int>& v, double q) {
  const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  const auto at = v.begin() + static_cast<std::ptrdiff_t>(std::max<std::size_t>(k, 1) - 1);
  std::nth_element(v.begin(), at, v.end());
  return *at;
}

// The cycles of one column (or period): their medians, p95s and counts.
struct Acc {
  std::vector<int> p50, p95;
  long n = 0;
  void Add(const engine::RttSummary& s) {
    if (s.n == 0) return;
    p50.push_back(s.p50);
    p95.push_back(s.p95);
    n += s.n;
  }
  json P50() { return p50.empty() ? json(nullptr) : json(NearestRank(p50, 0.5)); }
  json P95() { return p95.empty() ? json(nullptr) : json(NearestRank(p95, 0.95)); }
  json Summary() { return {{"p50", P50()}, {"p95", P95()}, {"n", n}}; }
};

}  // namespace

Result<std::string> RttViewJson(const store::Store& store, const EntityId& entity, int days,
                                UnixSeconds now) {
  const UnixSeconds to = now - now % 60;  // whole minutes: stable columns
  const UnixSeconds from = to - static_cast<UnixSeconds>(days) * 86400;
  // The table always covers 30 days.
  const UnixSeconds read_from = std::min<UnixSeconds>(from, to - 30 * 86400);
  auto verdicts = store.NsIpVerdicts(entity, read_from, to + 1);  // NotFound: unknown
  if (!verdicts.ok()) return verdicts.status();
  auto current = CurrentEntityConfig(store, entity, now);
  if (!current.ok()) return current.status();
  const EntityConfig* config = &*current;

  const UnixSeconds minutes = std::max<UnixSeconds>(1, (to - from) / 60);
  const UnixSeconds step = 60 * ((minutes + kRttPoints - 1) / kRttPoints);
  const auto columns = static_cast<std::size_t>((to - from + step - 1) / step);
  // Per (ns, ip): UDP and TCP columns.
  std::map<std::pair<int, int>, std::array<std::vector<Acc>, 2>> pairs;
  for (std::size_t ns = 0; ns < config->name_servers.size(); ++ns)
    for (std::size_t ip = 0; ip < config->name_servers[ns].ips.size(); ++ip)
      pairs[{static_cast<int>(ns), static_cast<int>(ip)}] = {std::vector<Acc>(columns),
                                                             std::vector<Acc>(columns)};
  struct Period {
    const char* name;
    UnixSeconds seconds;
    Acc udp, tcp;
  };
  Period periods[] = {{"24h", 86400, {}, {}}, {"7d", 7 * 86400, {}, {}}, {"30d", 30 * 86400, {}, {}}};
  for (const store::NsIpCycleVerdict& v : *verdicts) {
    for (Period& p : periods) {
      if (v.cycle < to - p.seconds) continue;
      p.udp.Add(v.verdict.udp);
      p.tcp.Add(v.verdict.tcp);
    }
    if (v.cycle < from) continue;
    const auto it = pairs.find({v.verdict.ns, v.verdict.ip});
    if (it == pairs.end()) continue;  // a name server of an older configuration
    const auto col = static_cast<std::size_t>((v.cycle - from) / step);
    if (col >= columns) continue;
    it->second[0][col].Add(v.verdict.udp);
    it->second[1][col].Add(v.verdict.tcp);
  }

  json t = json::array();
  for (std::size_t i = 0; i < columns; ++i) t.push_back(from + static_cast<UnixSeconds>(i) * step);
  json series = json::array();
  for (auto& [key, transports] : pairs) {
    const NameServer& ns = config->name_servers[static_cast<std::size_t>(key.first)];
    json s = {{"ns", ns.name}, {"ip", ns.ips[static_cast<std::size_t>(key.second)]}};
    for (int tr = 0; tr < 2; ++tr) {
      json p50 = json::array(), p95 = json::array();
      for (Acc& a : transports[static_cast<std::size_t>(tr)]) {
        p50.push_back(a.P50());
        p95.push_back(a.P95());
      }
      s[tr == 0 ? "udp" : "tcp"] = {{"p50", std::move(p50)}, {"p95", std::move(p95)}};
    }
    series.push_back(std::move(s));
  }
  json table = json::array();
  for (Period& p : periods)
    table.push_back({{"period", p.name}, {"udp", p.udp.Summary()}, {"tcp", p.tcp.Summary()}});
  return json{{"entity", entity.Path()}, {"from", from}, {"to", to}, {"step", step},
              {"t", std::move(t)}, {"series", std::move(series)}, {"table", std::move(table)}}
      .dump();
}

}  // namespace tldmon::web

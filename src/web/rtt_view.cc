#include "web/rtt_view.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "engine/ns_ip_verdict.h"
#include "web/entity_config.h"

namespace tldmon::web {
namespace {

using nlohmann::json;

using engine::NearestRank;

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
  auto current = CurrentEntityConfig(store, entity, now);
  if (!current.ok()) return current.status();
  const EntityConfig* config = &*current;

  const UnixSeconds minutes = std::max<UnixSeconds>(1, (to - from) / 60);
  const UnixSeconds step = 60 * ((minutes + kRttPoints - 1) / kRttPoints);
  const auto columns = static_cast<std::size_t>((to - from + step - 1) / step);
  // Per (ns, ip) and transport: the open column's cycles (rows arrive in
  // cycle order, so a column is finished when the next one starts; no
  // allocation per column) and the finished columns' figures (-1: none).
  struct Series {
    Acc open;
    std::size_t column = 0;
    std::vector<int> p50, p95;
    void Close() {
      if (!open.p50.empty()) {
        p50[column] = NearestRank(open.p50, 0.5);
        p95[column] = NearestRank(open.p95, 0.95);
      }
      open.p50.clear();
      open.p95.clear();
    }
    void Add(std::size_t col, const engine::RttSummary& r) {
      if (col != column) {
        Close();
        column = col;
      }
      open.Add(r);
    }
  };
  std::map<std::pair<int, int>, std::array<Series, 2>> pairs;
  for (std::size_t ns = 0; ns < config->name_servers.size(); ++ns)
    for (std::size_t ip = 0; ip < config->name_servers[ns].ips.size(); ++ip)
      for (Series& series : pairs[{static_cast<int>(ns), static_cast<int>(ip)}]) {
        series.p50.assign(columns, -1);
        series.p95.assign(columns, -1);
      }
  struct Period {
    const char* name;
    UnixSeconds seconds;
    Acc udp, tcp;
  };
  Period periods[] = {{"24h", 86400, {}, {}}, {"7d", 7 * 86400, {}, {}}, {"30d", 30 * 86400, {}, {}}};
  // NotFound for an unknown entity came above.
  const Status read = store.ForEachNsIpRtt(entity, read_from, to + 1, [&](const store::NsIpRtt& v) {
    for (Period& p : periods) {
      if (v.cycle < to - p.seconds) continue;  // the periods loop
      p.udp.Add(v.udp);
      p.tcp.Add(v.tcp);
    }
    if (v.cycle < from) return;
    const auto it = pairs.find({v.ns, v.ip});
    if (it == pairs.end()) return;  // a name server of an older configuration
    const auto col = static_cast<std::size_t>((v.cycle - from) / step);
    if (col >= columns) return;
    it->second[0].Add(col, v.udp);
    it->second[1].Add(col, v.tcp);
  });
  TLDMON_RETURN_IF_ERROR(read);

  // Written by hand: ~12,000 numbers for 8 NS-IPs, where a json tree costs
  // more than everything else here.
  std::string out;
  out.reserve(columns * 80 + 4096);
  const auto number = [&](std::int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
  };
  const auto array = [&](const std::vector<int>& values) {
    out += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ',';
      if (values[i] < 0) out += "null";
      else number(values[i]);
    }
    out += ']';
  };
  out += "{\"entity\":" + json(entity.Path()).dump() + ",\"from\":";
  number(from);
  out += ",\"to\":";
  number(to);
  out += ",\"step\":";
  number(step);
  out += ",\"t\":[";
  for (std::size_t i = 0; i < columns; ++i) {
    if (i > 0) out += ',';
    number(from + static_cast<UnixSeconds>(i) * step);
  }
  out += "],\"series\":[";
  bool first = true;
  for (auto& [key, transports] : pairs) {
    const NameServer& ns = config->name_servers[static_cast<std::size_t>(key.first)];
    out += first ? "" : ",";
    first = false;
    out += "{\"ns\":" + json(ns.name).dump() +
           ",\"ip\":" + json(ns.ips[static_cast<std::size_t>(key.second)]).dump();
    for (int tr = 0; tr < 2; ++tr) {
      Series& series = transports[static_cast<std::size_t>(tr)];
      series.Close();
      out += tr == 0 ? ",\"udp\":{\"p50\":" : ",\"tcp\":{\"p50\":";
      array(series.p50);
      out += ",\"p95\":";
      array(series.p95);
      out += '}';
    }
    out += '}';
  }
  json table = json::array();
  for (Period& p : periods)
    table.push_back({{"period", p.name}, {"udp", p.udp.Summary()}, {"tcp", p.tcp.Summary()}});
  out += "],\"table\":" + table.dump() + "}";
  return out;
}

}  // namespace tldmon::web

#include "web/probes_view.h"

#include <nlohmann/json.hpp>

#include "web/entity_view.h"

namespace tldmon::web {

Result<std::string> ProbesViewJson(const store::Store& store, int hours, UnixSeconds now,
                                   const std::map<std::string, ProbeDelivery>& deliveries) {
  auto probes = store.LoadProbes();
  if (!probes.ok()) return probes.status();
  const UnixSeconds to = now - now % 60;
  const UnixSeconds from = to - static_cast<UnixSeconds>(hours) * 3600;
  const UnixSeconds cycles = (to - from) / 60;
  // One committed cycle read per column: a day is 1,440 small reads.
  const UnixSeconds step = 60 * ((cycles + kMaxColumns - 1) / kMaxColumns);
  std::vector<std::vector<int>> history(probes->size());
  std::vector<int> last(probes->size(), -1);
  UnixSeconds last_cycle = 0;
  for (UnixSeconds c = from; c < to; c += step) {
    auto online = store.CycleProbeOnline(TestKind::kDns, c);
    const bool known = online.ok();
    if (!known && online.status().code() != StatusCode::kNotFound) return online.status();
    for (std::size_t p = 0; p < probes->size(); ++p) {
      const int v = !known ? -1 : p < online->size() && (*online)[p] ? 1 : 0;
      history[p].push_back(v);
      if (known) last[p] = v;
    }
    if (known) last_cycle = c;
  }
  nlohmann::json list = nlohmann::json::array();
  for (std::size_t p = 0; p < probes->size(); ++p) {
    const ProbeNode& n = (*probes)[p].node;
    int online_columns = 0, known_columns = 0;
    for (const int v : history[p]) {
      known_columns += v >= 0 ? 1 : 0;
      online_columns += v == 1 ? 1 : 0;
    }
    list.push_back({{"name", n.name},
                    {"enabled", (*probes)[p].enabled},
                    {"ipv4", n.ipv4},
                    {"ipv6", n.ipv6},
                    {"rdds", n.rdds},
                    {"rdap", n.rdap},
                    {"online", last[p] < 0 ? nlohmann::json(nullptr) : nlohmann::json(last[p] == 1)},
                    {"onlinePercent", known_columns == 0 ? nlohmann::json(nullptr)
                                                         : nlohmann::json(100.0 * online_columns / known_columns)},
                    {"history", history[p]}});
    if (const auto d = deliveries.find(n.name); d != deliveries.end())
      list.back()["delivery"] = {
          {"lastPush", d->second.last_push},
          {"lagSeconds", d->second.newest_cycle > 0 ? nlohmann::json(d->second.last_push - d->second.newest_cycle)
                                                    : nlohmann::json(nullptr)},
          {"outboxDepth", d->second.outbox_depth}};
  }
  return nlohmann::json{{"from", from}, {"to", to}, {"step", step}, {"lastCycle", last_cycle},
                        {"probes", std::move(list)}}
      .dump();
}

}  // namespace tldmon::web

#include "web/probe_rtt_view.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "web/rtt_columns.h"

namespace tldmon::web {

namespace {

// One probe (or all of them): a series per transport and the range's figures.
struct ProbeLine {
  std::array<RttSeries, 2> series;
  std::array<RttAcc, 2> range;
  explicit ProbeLine(std::size_t columns) : series{RttSeries(columns), RttSeries(columns)} {}
  void Add(std::size_t col, Transport t, const engine::RttSummary& r) {
    const auto i = static_cast<std::size_t>(t);
    series[i].Add(col, r);
    range[i].Add(r);
  }
};

// What "slowest" means for the table's order and the default chart: the
// higher of the probe's UDP and TCP range medians (-1: none).
int Slowness(ProbeLine& line) {
  int worst = -1;
  for (RttAcc& acc : line.range) {
    if (acc.p50.empty()) continue;
    std::vector<int> copy = acc.p50;
    worst = std::max(worst, engine::NearestRank(copy, 0.5));
  }
  return worst;
}

void AppendLine(std::string& out, ProbeLine& line) {
  out += "{\"udp\":";
  line.series[0].Close();
  AppendSeries(out, line.series[0]);
  out += ",\"tcp\":";
  line.series[1].Close();
  AppendSeries(out, line.series[1]);
  out += '}';
}

}  // namespace

Result<std::string> ProbeRttViewJson(const store::Store& store, const EntityId& entity, int days,
                                     const std::optional<std::string>& probe, UnixSeconds now) {
  const RttGrid grid = RttGrid::Of(now, days);
  auto probes = store.LoadProbes();
  if (!probes.ok()) return probes.status();
  std::optional<std::size_t> asked;
  if (probe) {
    for (std::size_t i = 0; i < probes->size(); ++i)
      if ((*probes)[i].node.name == *probe) asked = i;
    if (!asked) return NotFound("no probe named '" + *probe + "'");
  }
  std::vector<ProbeLine> lines(probes->size(), ProbeLine(grid.columns));
  // "All probes": per column the median of the probes' medians (and the
  // p95 of their p95s), as the NS-IP charts combine cycles.
  ProbeLine all(grid.columns);
  const Status read =
      store.ForEachProbeRtt(entity, grid.from, grid.to, [&](const store::ProbeCycleRtt& v) {
        const std::size_t col = grid.ColumnOf(v.cycle);
        if (col >= grid.columns) return;
        all.Add(col, v.rtt.transport, v.rtt.rtt);
        if (v.rtt.probe < lines.size()) lines[v.rtt.probe].Add(col, v.rtt.transport, v.rtt.rtt);
      });
  TLDMON_RETURN_IF_ERROR(read);

  // Slowest first; ties by name, so the order is stable.
  std::vector<std::pair<int, std::size_t>> order;
  for (std::size_t i = 0; i < lines.size(); ++i)
    if (lines[i].range[0].n > 0 || lines[i].range[1].n > 0) order.emplace_back(Slowness(lines[i]), i);
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return (*probes)[a.second].node.name < (*probes)[b.second].node.name;
  });
  nlohmann::json table = nlohmann::json::array();
  for (const auto& [slowness, i] : order) {
    ProbeLine& line = lines[i];
    // Summary() reorders the figures only; the series are separate.
    table.push_back({{"probe", (*probes)[i].node.name},
                     {"udp", line.range[0].Summary()},
                     {"tcp", line.range[1].Summary()}});
  }
  // lines.size(): nothing to chart.
  const std::size_t shown = asked ? *asked : order.empty() ? lines.size() : order.front().second;

  std::string out;
  out.reserve(grid.columns * 40 + 4096);
  out += "{\"entity\":" + nlohmann::json(entity.Path()).dump() + ",";
  AppendGrid(out, grid);
  out += ",\"probes\":" + table.dump() + ",\"probe\":";
  if (shown < lines.size()) {
    out += nlohmann::json((*probes)[shown].node.name).dump() + ",\"series\":";
    AppendLine(out, lines[shown]);
  } else {
    out += "null,\"series\":null";
  }
  out += ",\"all\":";
  AppendLine(out, all);
  out += '}';
  return out;
}

}  // namespace tldmon::web

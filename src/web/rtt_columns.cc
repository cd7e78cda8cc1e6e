#include "web/rtt_columns.h"

#include <algorithm>
#include <charconv>

namespace tldmon::web {

using engine::NearestRank;

RttGrid RttGrid::Of(UnixSeconds now, int days) {
  RttGrid g;
  g.to = now - now % 60;
  g.from = g.to - static_cast<UnixSeconds>(days) * 86400;
  const UnixSeconds minutes = std::max<UnixSeconds>(1, (g.to - g.from) / 60);
  g.step = 60 * ((minutes + kRttPoints - 1) / kRttPoints);
  g.columns = static_cast<std::size_t>((g.to - g.from + g.step - 1) / g.step);
  return g;
}

std::size_t RttGrid::ColumnOf(UnixSeconds cycle) const {
  if (cycle < from) return columns;
  return std::min(columns, static_cast<std::size_t>((cycle - from) / step));
}

void RttAcc::Add(const engine::RttSummary& s) {
  if (s.n == 0) return;
  p50.push_back(s.p50);
  p95.push_back(s.p95);
  n += s.n;
}

nlohmann::json RttAcc::Summary() {
  using nlohmann::json;
  return {{"p50", p50.empty() ? json(nullptr) : json(NearestRank(p50, 0.5))},
          {"p95", p95.empty() ? json(nullptr) : json(NearestRank(p95, 0.95))},
          {"n", n}};
}

void RttSeries::Close() {
  if (!open.p50.empty() && column < p50.size()) {
    p50[column] = NearestRank(open.p50, 0.5);
    p95[column] = NearestRank(open.p95, 0.95);
  }
  open.p50.clear();
  open.p95.clear();
}

void RttSeries::Add(std::size_t col, const engine::RttSummary& r) {
  if (col != column) {
    Close();
    column = col;
  }
  open.Add(r);
}

void AppendNumber(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void AppendFigures(std::string& out, const std::vector<int>& values) {
  out += '[';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    if (values[i] < 0) out += "null";
    else AppendNumber(out, values[i]);
  }
  out += ']';
}

void AppendGrid(std::string& out, const RttGrid& grid) {
  out += "\"from\":";
  AppendNumber(out, grid.from);
  out += ",\"to\":";
  AppendNumber(out, grid.to);
  out += ",\"step\":";
  AppendNumber(out, grid.step);
  out += ",\"t\":[";
  for (std::size_t i = 0; i < grid.columns; ++i) {
    if (i > 0) out += ',';
    AppendNumber(out, grid.from + static_cast<UnixSeconds>(i) * grid.step);
  }
  out += ']';
}

void AppendSeries(std::string& out, const RttSeries& series) {
  out += "{\"p50\":";
  AppendFigures(out, series.p50);
  out += ",\"p95\":";
  AppendFigures(out, series.p95);
  out += '}';
}

}  // namespace tldmon::web

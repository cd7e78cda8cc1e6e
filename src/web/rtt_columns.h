// The time grid and per-column RTT figures the dashboard's RTT charts share
// (rtt_view: per NS-IP; probe_rtt_view: per probe). A column covers `step`
// seconds (whole minutes, at most kRttPoints columns over the range); its
// median is the median of its cycles' medians, its p95 the 95th percentile
// (nearest rank) of its cycles' p95s, its n the sum of the cycles' counts.
// Columns without a cycle are null (a gap in the chart).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.h"
#include "engine/ns_ip_verdict.h"

namespace tldmon::web {

inline constexpr int kRttPoints = 720;

struct RttGrid {
  UnixSeconds from = 0, to = 0, step = 60;
  std::size_t columns = 0;
  // The last `days` days up to the whole minute of `now` (stable columns).
  static RttGrid Of(UnixSeconds now, int days);
  // The column of a cycle, or `columns` when outside the range.
  std::size_t ColumnOf(UnixSeconds cycle) const;
};

// The cycles of one column (or period): their medians, p95s and counts.
struct RttAcc {
  std::vector<int> p50, p95;
  long n = 0;
  void Add(const engine::RttSummary& s);
  nlohmann::json Summary();  // {"p50","p95","n"}, null figures when empty
};

// One chart line pair (median, p95) over the grid. Rows arrive in cycle
// order, so a column is finished when the next one starts: no allocation
// per column.
struct RttSeries {
  RttAcc open;
  std::size_t column = 0;
  std::vector<int> p50, p95;  // -1: no figure
  explicit RttSeries(std::size_t columns = 0) : p50(columns, -1), p95(columns, -1) {}
  void Add(std::size_t col, const engine::RttSummary& r);
  void Close();  // finishes the open column; call once before reading
};

// JSON written by hand: thousands of numbers, where a json tree costs more
// than everything else in these views.
void AppendNumber(std::string& out, std::int64_t v);
void AppendFigures(std::string& out, const std::vector<int>& values);  // -1 => null
// `"from":…,"to":…,"step":…,"t":[…]` (no braces).
void AppendGrid(std::string& out, const RttGrid& grid);
// `{"p50":[…],"p95":[…]}` of a closed series.
void AppendSeries(std::string& out, const RttSeries& series);

}  // namespace tldmon::web

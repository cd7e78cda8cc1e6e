#include "documents/render_listing.h"

#include <algorithm>
#include <functional>
#include <vector>

#include "documents/json_writer.h"

namespace tldmon::documents {
namespace {

// Zero-padded to `width` digits (SLAM's directory names: "2026", "01").
std::string Padded(int value, int width) {
  std::string digits;
  AppendInt(value, &digits);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<std::size_t>(width) - digits.size(), '0');
  }
  return digits;
}

std::string RenderCalendar(const Envelope& env, std::string_view key, std::span<const int> values,
                           int width) {
  std::vector<int> v(values.begin(), values.end());
  std::sort(v.begin(), v.end(), std::greater<>());  // newest first (§6.9 examples)
  v.erase(std::unique(v.begin(), v.end()), v.end());
  std::string out;
  JsonWriter w(&out);
  w.Reserve(64 + 6 * v.size());
  w.BeginObject();
  WriteEnvelope(w, env);
  w.Key(key);
  w.BeginArray();
  for (int x : v) w.String(Padded(x, width));
  w.EndArray();
  w.EndObject();
  w.Flush();
  return out;
}

}  // namespace

std::string MeasurementFileName(UnixSeconds cycle) {
  std::string name;
  AppendInt(cycle, &name);
  name.append(".json");
  return name;
}

std::string RenderYears(const Envelope& env, std::span<const int> years) {
  return RenderCalendar(env, "years", years, 4);
}

std::string RenderMonths(const Envelope& env, std::span<const int> months) {
  return RenderCalendar(env, "months", months, 2);
}

std::string RenderDays(const Envelope& env, std::span<const int> days) {
  return RenderCalendar(env, "days", days, 2);
}

std::string RenderDayMeasurements(const Envelope& env, std::span<const UnixSeconds> cycles) {
  std::vector<UnixSeconds> v(cycles.begin(), cycles.end());
  std::sort(v.begin(), v.end());  // oldest first (§6.9 example)
  v.erase(std::unique(v.begin(), v.end()), v.end());
  std::string out;
  JsonWriter w(&out);
  w.Reserve(64 + 20 * v.size());
  w.BeginObject();
  WriteEnvelope(w, env);
  w.Key("measurements");
  w.BeginArray();
  for (UnixSeconds c : v) w.String(MeasurementFileName(c));
  w.EndArray();
  w.EndObject();
  w.Flush();
  return out;
}

}  // namespace tldmon::documents

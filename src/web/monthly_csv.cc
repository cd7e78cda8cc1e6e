#include "web/monthly_csv.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace tldmon::web {
namespace {

std::string Field(const nlohmann::json& v) {
  std::string s = v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump();
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (const char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace

Result<std::string> MonthlyCsv(std::string_view entity, const nlohmann::json& m) {
  if (!m.is_object()) return InvalidArgument("not a monthly document");
  std::string out = "entity,figure,month,value,unit,limit,met\r\n";
  const auto line = [&](const std::string& figure, const nlohmann::json& month,
                        const nlohmann::json& value, std::string_view unit,
                        const nlohmann::json& limit, bool met) {
    out += fmt::format("{},{},{},{},{},{},{}\r\n", Field(std::string(entity)), Field(figure),
                       Field(month), Field(value), unit, Field(limit), met ? "yes" : "no");
  };
  for (const auto& s : m.value("services", nlohmann::json::array()))
    line(s.value("service", "") + " downtime", s["month"], s["downtime"], "min", s["downtimeSLR"],
         s.value("downtimeMet", false));
  for (const auto& r : m.value("rtt", nlohmann::json::array()))
    line("RTT " + r.value("kind", "") + " failed", r["month"], r["failedPercent"], "%",
         r["failedPercentAllowed"], r.value("met", false));
  for (const auto& n : m.value("nameServerIPs", nlohmann::json::array()))
    line(n.value("ns", "") + " " + n.value("ip", "") + " downtime", n["month"], n["downtime"],
         "min", n["downtimeSLR"], n.value("downtimeMet", false));
  return out;
}

}  // namespace tldmon::web

#include "rri/tld_settings.h"

#include <nlohmann/json.hpp>

#include "admin/date_text.h"
#include "core/text.h"

namespace tldmon::rri {
namespace {

using nlohmann::json;

std::optional<CivilDate> OptionalDate(const json& j, const char* name, bool& bad) {
  if (!j.contains(name) || j[name].is_null()) return std::nullopt;
  if (!j[name].is_string()) {
    bad = true;
    return std::nullopt;
  }
  std::optional<CivilDate> d = ParseDate(j[name].get<std::string>());
  if (!d) bad = true;
  return d;
}

}  // namespace

std::string_view DepositScheduleName(DepositSchedule s) {
  switch (s) {
    case DepositSchedule::kNone: return "None";
    case DepositSchedule::kWeekly: return "Weekly";
    case DepositSchedule::kDaily: return "Daily";
  }
  return "";
}

std::optional<DepositSchedule> ParseDepositSchedule(std::string_view name) {
  for (DepositSchedule s : {DepositSchedule::kNone, DepositSchedule::kWeekly, DepositSchedule::kDaily})
    if (EqualsIgnoreAsciiCase(DepositScheduleName(s), name)) return s;
  return std::nullopt;
}

std::optional<UnixSeconds> TldSettings::CreatedAt() const {
  if (!created) return std::nullopt;
  return FromCivilDate(*created);
}

std::string SerializeTldSettings(const TldSettings& s) {
  json j;
  j["tld"] = s.tld;
  j["created"] = s.created ? json(admin::FormatDate(*s.created)) : json(nullptr);
  json disabled = json::array();
  for (int i = 0; i < kReportTypeCount; ++i)
    if (s.disabled.test(static_cast<std::size_t>(i)))
      disabled.push_back(std::string(ReportTypeName(static_cast<ReportType>(i))));
  j["disabled"] = disabled;
  j["depositSchedule"] = std::string(DepositScheduleName(s.deposit_schedule));
  j["trackedFrom"] = s.tracked_from ? json(admin::FormatDate(*s.tracked_from)) : json(nullptr);
  return j.dump();
}

Result<TldSettings> ParseTldSettings(std::string_view bytes) {
  const json j = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("tld") || !j["tld"].is_string())
    return InvalidArgument("RRI settings: not an object with a tld");
  TldSettings s;
  s.tld = j["tld"].get<std::string>();
  bool bad = false;
  s.created = OptionalDate(j, "created", bad);
  s.tracked_from = OptionalDate(j, "trackedFrom", bad);
  if (j.contains("disabled")) {
    if (!j["disabled"].is_array()) bad = true;
    for (const json& d : j.value("disabled", json::array())) {
      std::optional<ReportType> t = d.is_string() ? ParseReportType(d.get<std::string>()) : std::nullopt;
      if (!t) {
        bad = true;
        continue;
      }
      s.disabled.set(static_cast<std::size_t>(*t));
    }
  }
  if (j.contains("depositSchedule")) {
    std::optional<DepositSchedule> ds =
        j["depositSchedule"].is_string() ? ParseDepositSchedule(j["depositSchedule"].get<std::string>())
                                         : std::nullopt;
    if (!ds) bad = true;
    else s.deposit_schedule = *ds;
  }
  if (bad) return InvalidArgument("RRI settings of " + s.tld + ": a field has a wrong value");
  return s;
}

}  // namespace tldmon::rri

#include "admin/maintenance_schedule.h"

#include <algorithm>

#include "admin/bounded_json.h"
#include "admin/json_fields.h"
#include "admin/maintenance_window_json.h"

namespace tldmon::admin {

Result<PutOutcome, ExtendedError> MaintenanceSchedule::Put(MaintenanceWindow window) {
  if (auto error = CheckMaintenanceWindow(window)) return *error;
  const auto it = windows_.find(window.schedule_id);
  if (it != windows_.end()) {
    it->second = std::move(window);
    return PutOutcome::kUpdated;
  }
  if (windows_.size() >= kMaxMaintenanceWindows) {
    return ExtendedError{ResultCode::kInvalidInput,
                         "at most " + std::to_string(kMaxMaintenanceWindows) +
                             " maintenance windows per entity; delete some first"};
  }
  std::string key = window.schedule_id;
  windows_.emplace(std::move(key), std::move(window));
  return PutOutcome::kCreated;
}

std::optional<MaintenanceWindow> MaintenanceSchedule::Remove(std::string_view schedule_id) {
  const auto it = windows_.find(schedule_id);
  if (it == windows_.end()) return std::nullopt;
  MaintenanceWindow removed = std::move(it->second);
  windows_.erase(it);
  return removed;
}

const MaintenanceWindow* MaintenanceSchedule::Find(std::string_view schedule_id) const {
  const auto it = windows_.find(schedule_id);
  return it == windows_.end() ? nullptr : &it->second;
}

std::vector<MaintenanceWindow> MaintenanceSchedule::NotEnded(UnixSeconds now) const {
  std::vector<MaintenanceWindow> out;
  for (const auto& [id, w] : windows_) {
    if (w.end_time > now) out.push_back(w);
  }
  // windows_ is ordered by scheduleID, so a stable sort keeps that as the tie-break.
  std::stable_sort(out.begin(), out.end(),
                   [](const MaintenanceWindow& a, const MaintenanceWindow& b) {
                     return a.start_time < b.start_time;
                   });
  return out;
}

bool MaintenanceSchedule::SuppressesEmergencyAlert(Service service, UnixSeconds t) const {
  // §6.7 / §9.3: the 10 % alert of RDDS (RDAP counted as part of it) and EPP.
  if (service != Service::kRdds && service != Service::kRdap && service != Service::kEpp) {
    return false;
  }
  return std::any_of(windows_.begin(), windows_.end(),
                     [t](const auto& entry) { return entry.second.Covers(t); });
}

std::size_t MaintenanceSchedule::PruneEndedBefore(UnixSeconds t) {
  return std::erase_if(windows_, [t](const auto& entry) { return entry.second.end_time <= t; });
}

std::string RenderMaintenanceWindowList(const std::vector<MaintenanceWindow>& windows) {
  nlohmann::ordered_json out;
  out["version"] = 2;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const MaintenanceWindow& w : windows) list.push_back(MaintenanceWindowObject(w));
  out["maintenanceWindows"] = std::move(list);
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string MaintenanceSchedule::Serialize() const {
  std::vector<MaintenanceWindow> all;
  all.reserve(windows_.size());
  for (const auto& [id, w] : windows_) all.push_back(w);
  return RenderMaintenanceWindowList(all);
}

Result<MaintenanceSchedule> MaintenanceSchedule::Deserialize(std::string_view bytes) {
  // Each window object is at most ~5 KiB (64 + 100 + 1000 code points of up
  // to 6 bytes escaped each); allow the full count with room to spare.
  constexpr std::size_t kMaxBytes = kMaxMaintenanceWindows * 8 * 1024;
  Result<Json> parsed = ParseBoundedJson(bytes, JsonLimits{kMaxBytes, /*max_depth=*/3});
  if (!parsed.ok()) return parsed.status();
  const Json& root = *parsed;
  TLDMON_RETURN_IF_ERROR(ExpectObject(root, "$"));
  TLDMON_RETURN_IF_ERROR(ExpectOnlyMembers(root, "$", {"version", "maintenanceWindows"}));
  Result<const Json*> version = RequiredMember(root, "$", "version");
  if (!version.ok()) return version.status();
  Result<std::int64_t> version_number = ReadInteger(**version, "$.version");
  if (!version_number.ok()) return version_number.status();
  if (*version_number != 2) return FieldError("$.version", "must be 2");
  Result<const Json*> list = RequiredMember(root, "$", "maintenanceWindows");
  if (!list.ok()) return list.status();
  TLDMON_RETURN_IF_ERROR(ExpectArray(**list, "$.maintenanceWindows"));
  MaintenanceSchedule schedule;
  for (std::size_t i = 0; i < (*list)->size(); ++i) {
    const std::string path = ElementPath("$.maintenanceWindows", i);
    Result<MaintenanceWindow> window =
        ReadMaintenanceWindow((**list)[i], path, /*path_schedule_id=*/std::nullopt);
    if (!window.ok()) return window.status();
    if (schedule.Find(window->schedule_id) != nullptr) {
      return FieldError(MemberPath(path, "scheduleID"),
                        "duplicate \"" + window->schedule_id + "\"");
    }
    Result<PutOutcome, ExtendedError> put = schedule.Put(std::move(*window));
    if (!put.ok()) return FieldError(path, put.error().description);
  }
  return schedule;
}

}  // namespace tldmon::admin

// Reading one maintenance-window object from parsed JSON; shared by the
// request parser and the schedule's storage blob. Internal to src/admin.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "admin/maintenance_window.h"
#include "core/status.h"

namespace tldmon::admin {

// Shape and type checks only (2001-class problems), plus the rules of
// CheckMaintenanceWindow except the time order. `path_schedule_id`: the id
// from the URL, or nullopt when scheduleID must be in the object (storage).
// Errors are "<json path>: <problem>".
Result<MaintenanceWindow> ReadMaintenanceWindow(const nlohmann::json& value, std::string_view path,
                                                std::optional<std::string_view> path_schedule_id);

nlohmann::ordered_json MaintenanceWindowObject(const MaintenanceWindow& window);

}  // namespace tldmon::admin

// The maintenance windows of one entity (mosapi-api.md §6.7, project
// default): create-or-update, delete, retrieve, list the windows not yet
// ended, and the one effect a window has — suppressing the 10 %
// emergency-threshold alert for RDDS, RDAP and EPP (§9.3). Downtime is never
// affected.
//
// A plain value: copyable, thread-compatible (the owner serializes access).
// Serialize/Deserialize give the store a lossless blob.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "admin/extended_error.h"
#include "admin/maintenance_window.h"
#include "core/service.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::admin {

// Windows kept per entity (ended ones included until pruned).
inline constexpr std::size_t kMaxMaintenanceWindows = 1000;

enum class PutOutcome { kCreated, kUpdated };

class MaintenanceSchedule {
 public:
  // Creates the window, or replaces the one with the same scheduleID. Fails
  // with CheckMaintenanceWindow's error, or 2001 when creating would exceed
  // kMaxMaintenanceWindows.
  Result<PutOutcome, ExtendedError> Put(MaintenanceWindow window);

  // The removed window (the DELETE answer), or nullopt if there was none (404).
  std::optional<MaintenanceWindow> Remove(std::string_view schedule_id);

  // nullptr if unknown. Valid until the next Put/Remove/Prune.
  const MaintenanceWindow* Find(std::string_view schedule_id) const;

  // The list endpoint's content: windows with endTime > now, ascending
  // startTime (ties: scheduleID).
  std::vector<MaintenanceWindow> NotEnded(UnixSeconds now) const;

  // True iff `service` is RDDS, RDAP or EPP and some window covers t
  // (startTime <= t < endTime). DNS and DNSSEC alerts are never suppressed.
  bool SuppressesEmergencyAlert(Service service, UnixSeconds t) const;

  // Removes windows with endTime <= t (housekeeping); returns how many.
  std::size_t PruneEndedBefore(UnixSeconds t);

  std::size_t size() const { return windows_.size(); }
  // All windows by scheduleID.
  const std::map<std::string, MaintenanceWindow, std::less<>>& windows() const { return windows_; }

  // {"version":2,"maintenanceWindows":[<window object>...]} with every window,
  // by scheduleID. Deserialize(Serialize()) == *this.
  std::string Serialize() const;
  static Result<MaintenanceSchedule> Deserialize(std::string_view bytes);

  friend bool operator==(const MaintenanceSchedule&, const MaintenanceSchedule&) = default;

 private:
  std::map<std::string, MaintenanceWindow, std::less<>> windows_;
};

// {"version":2,"maintenanceWindows":[<window object>...]} in the given order.
std::string RenderMaintenanceWindowList(const std::vector<MaintenanceWindow>& windows);

}  // namespace tldmon::admin

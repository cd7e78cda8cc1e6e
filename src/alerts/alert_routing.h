// Who gets which alert (docs/alerts.md "Who is told"): the per-entity alert
// settings (`tldmon admin alert set`, keyed records of kind "alert.entity")
// and the two defaults the issue asks for:
//   * ccTLDs: "results for ccTLDs are logged in SLAM, but no alerts or
//     actions follow a ccTLD failure" (mosapi-api.md §4.1), so by default a
//     ccTLD entity's alerts are muted; `--cctld send` turns them on;
//   * maintenance windows: an alert of an entity that starts inside one of
//     its maintenance windows is muted, for the services a window suppresses
//     ICANN's alert for (RDDS and RDAP, mosapi-api.md §6.7/§9.3: DNS and
//     DNSSEC alerts are never suppressed, because ICANN still calls about
//     them); `--maintenance send` turns that off.
// The decision looks at the alert's start, which its firing and its resolved
// event share, so an alert is muted or sent as a whole; a setting changed in
// between applies from the next event on. Probe alerts concern the operator
// and go to every channel. An entity may also be limited to some channels.
//
// Plain values; LoadAlertRouting reads the store once per delivery pass.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "admin/maintenance_schedule.h"
#include "alerts/alert_event_json.h"
#include "core/entity_id.h"
#include "core/status.h"
#include "store/store.h"

namespace tldmon::alerts {

inline constexpr std::string_view kEntityAlertSettingsKind = "alert.entity";

struct EntityAlertSettings {
  std::optional<std::vector<std::string>> channels;  // nullopt: every channel
  bool send_in_maintenance = false;
  bool send_for_cctld = false;
  friend bool operator==(const EntityAlertSettings&, const EntityAlertSettings&) = default;
};

// {"channels":[…]|null,"maintenance":"mute"|"send","cctld":"mute"|"send"}
std::string SerializeEntityAlertSettings(const EntityAlertSettings& s);
Result<EntityAlertSettings> ParseEntityAlertSettings(std::string_view bytes);

// The defaults when nothing was set.
Result<EntityAlertSettings> LoadEntityAlertSettings(const store::Store& store, const EntityId& entity);
Status SaveEntityAlertSettings(store::Store& store, const EntityId& entity,
                               const EntityAlertSettings& settings);

struct AlertRouting {
  std::map<EntityId, EntityAlertSettings> settings;
  std::map<EntityId, admin::MaintenanceSchedule> maintenance;
  std::set<EntityId> cctlds;

  // nullopt: send `event` on `channel`; otherwise why not, for the log.
  std::optional<std::string> MuteReason(const ParsedAlertEvent& event, std::string_view channel) const;
};

Result<AlertRouting> LoadAlertRouting(const store::Store& store);

}  // namespace tldmon::alerts

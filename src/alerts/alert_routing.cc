#include "alerts/alert_routing.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "admin/admin_repository.h"

namespace tldmon::alerts {

std::string SerializeEntityAlertSettings(const EntityAlertSettings& s) {
  nlohmann::json j = {{"channels", nullptr},
                      {"maintenance", s.send_in_maintenance ? "send" : "mute"},
                      {"cctld", s.send_for_cctld ? "send" : "mute"}};
  if (s.channels) j["channels"] = *s.channels;
  return j.dump();
}

Result<EntityAlertSettings> ParseEntityAlertSettings(std::string_view bytes) {
  const nlohmann::json j = nlohmann::json::parse(bytes, nullptr, false);
  if (!j.is_object()) return Internal("alert.entity record: not a JSON object");
  EntityAlertSettings s;
  if (j.contains("channels") && j["channels"].is_array()) {
    s.channels.emplace();
    for (const auto& c : j["channels"]) {
      if (!c.is_string()) return Internal("alert.entity record: a channel is not a string");
      s.channels->push_back(c.get<std::string>());
    }
  }
  s.send_in_maintenance = j.value("maintenance", "mute") == "send";
  s.send_for_cctld = j.value("cctld", "mute") == "send";
  return s;
}

Result<EntityAlertSettings> LoadEntityAlertSettings(const store::Store& store, const EntityId& entity) {
  auto bytes = store.GetRecord(kEntityAlertSettingsKind, entity.Path());
  if (!bytes.ok()) return bytes.status();
  if (!*bytes) return EntityAlertSettings{};
  return ParseEntityAlertSettings(**bytes);
}

Status SaveEntityAlertSettings(store::Store& store, const EntityId& entity,
                               const EntityAlertSettings& settings) {
  return store.PutRecord(kEntityAlertSettingsKind, entity.Path(),
                         SerializeEntityAlertSettings(settings));
}

std::optional<std::string> AlertRouting::MuteReason(const ParsedAlertEvent& event,
                                                    std::string_view channel) const {
  const engine::AlertKey& k = event.event.alert.key;
  if (!event.test && (k.kind == engine::AlertKind::kProbesBelowMinimum ||
                      k.kind == engine::AlertKind::kProbeOffline))
    return std::nullopt;
  const auto s = settings.find(k.entity);
  const EntityAlertSettings defaults;
  const EntityAlertSettings& set = s == settings.end() ? defaults : s->second;
  if (set.channels &&
      std::find(set.channels->begin(), set.channels->end(), channel) == set.channels->end())
    return fmt::format("{} is not routed to this channel (tldmon admin alert set {} --channels)",
                       k.entity.Path(), k.entity.Path());
  if (event.test) return std::nullopt;  // a test goes wherever the entity's alerts go
  if (cctlds.count(k.entity) != 0 && !set.send_for_cctld)
    return fmt::format("{} is a ccTLD: no alerts follow a ccTLD failure unless "
                       "`tldmon admin alert set {} --cctld send`",
                       k.entity.Path(), k.entity.Path());
  if (!set.send_in_maintenance) {
    const auto m = maintenance.find(k.entity);
    if (m != maintenance.end() &&
        m->second.SuppressesEmergencyAlert(k.service, event.event.alert.starts_at)) {
      for (const auto& [id, w] : m->second.windows())
        if (w.Covers(event.event.alert.starts_at))
          return fmt::format("started in maintenance window '{}' of {}", id, k.entity.Path());
    }
  }
  return std::nullopt;
}

Result<AlertRouting> LoadAlertRouting(const store::Store& store) {
  AlertRouting r;
  auto records = store.ListRecords(kEntityAlertSettingsKind);
  if (!records.ok()) return records.status();
  for (const store::KeyedRecord& rec : *records) {
    auto id = EntityId::Parse(rec.key);
    if (!id.ok()) continue;  // an entity path the store no longer takes: nothing to route
    auto s = ParseEntityAlertSettings(rec.bytes);
    if (!s.ok()) return s.status();
    r.settings.emplace(*id, std::move(*s));
  }
  // AdminRepository is const-correct only through a mutable reference.
  admin::AdminRepository repo(const_cast<store::Store&>(store));
  auto maintenance = repo.LoadAllMaintenance();
  if (!maintenance.ok()) return maintenance.status();
  r.maintenance = std::move(*maintenance);
  auto entities = store.LoadEntities();
  if (!entities.ok()) return entities.status();
  for (const EntityConfig& e : *entities)
    if (e.cctld) r.cctlds.insert(e.id);
  return r;
}

}  // namespace tldmon::alerts

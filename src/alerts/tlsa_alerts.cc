#include "alerts/tlsa_alerts.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace tldmon::alerts {

std::string EncodeTlsaAlertState(const TlsaAlertState& state) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [key, a] : state.firing) {
    nlohmann::json j = {{"entity", key.first.Path()},
                        {"name", key.second},
                        {"summary", a.summary},
                        {"startsAt", a.starts_at},
                        {"absentSince", nullptr}};
    if (a.absent_since) j["absentSince"] = *a.absent_since;
    list.push_back(std::move(j));
  }
  return nlohmann::json{{"version", 1}, {"firing", list}}.dump();
}

Result<TlsaAlertState> DecodeTlsaAlertState(std::string_view bytes) {
  const nlohmann::json j = nlohmann::json::parse(bytes, nullptr, false);
  if (!j.is_object() || j.value("version", 0) != 1 || !j.contains("firing") || !j["firing"].is_array())
    return Internal("tlsa alert state: not version 1");
  TlsaAlertState state;
  for (const nlohmann::json& f : j["firing"]) {
    if (!f.is_object() || !f.contains("entity") || !f["entity"].is_string() || !f.contains("name") ||
        !f["name"].is_string() || !f.contains("startsAt") || !f["startsAt"].is_number_integer())
      return Internal("tlsa alert state: a damaged entry");
    auto entity = EntityId::Parse(f["entity"].get<std::string>());
    if (!entity.ok()) return Internal("tlsa alert state: " + entity.status().message());
    engine::ActiveAlert a;
    a.key = {engine::AlertKind::kTlsa, *entity, Service::kDns, 0, f["name"].get<std::string>()};
    a.severity = engine::AlertSeverity::kCritical;
    a.summary = f.value("summary", "");
    a.starts_at = f["startsAt"].get<UnixSeconds>();
    if (f.contains("absentSince") && f["absentSince"].is_number_integer())
      a.absent_since = f["absentSince"].get<UnixSeconds>();
    state.firing.emplace(std::pair{*entity, a.key.subject}, std::move(a));
  }
  return state;
}

std::optional<std::string> TlsaProblem(const TlsaOwnerStatus& s) {
  if (s.fetched_at == 0) return std::nullopt;
  using dane::TlsaState;
  std::string what;
  switch (s.state) {
    case TlsaState::kSecure:
      return std::nullopt;
    case TlsaState::kBogus:
      what = "bogus (signatures do not validate)";
      break;
    case TlsaState::kInsecure:
      what = "insecure (not signed, or no trust anchor covers it)";
      break;
    case TlsaState::kSecureNoData:
      what = "gone (signed answer: no TLSA records)";
      break;
    case TlsaState::kSecureNxDomain:
      what = "gone (signed answer: the name does not exist)";
      break;
    case TlsaState::kError:
      // A failed lookup is tolerated while the last good records last (grace).
      if (s.records > 0) return std::nullopt;
      what = "not looked up successfully, and its grace period is over";
      break;
  }
  return what + (s.why.empty() ? "" : ": " + s.why);
}

std::vector<engine::AlertEvent> ObserveTlsa(TlsaAlertState* state,
                                            std::span<const TlsaOwnerStatus> owners,
                                            UnixSeconds now, int hold_down_seconds) {
  std::vector<engine::AlertEvent> fired, resolved;
  std::map<std::pair<EntityId, std::string>, const TlsaOwnerStatus*> present;
  for (const TlsaOwnerStatus& o : owners) present.emplace(std::pair{o.entity, o.name}, &o);
  for (const auto& [key, o] : present) {
    const auto problem = TlsaProblem(*o);
    auto it = state->firing.find(key);
    if (problem) {
      if (it == state->firing.end()) {
        engine::ActiveAlert a;
        a.key = {engine::AlertKind::kTlsa, key.first, Service::kDns, 0, key.second};
        a.severity = engine::AlertSeverity::kCritical;
        a.summary = fmt::format("TLS client certificates of {} refused: TLSA {} is {}", key.first.Path(),
                                key.second, *problem);
        a.starts_at = now;
        state->firing.emplace(key, a);
        fired.push_back({a, true, std::nullopt});
      } else {
        it->second.absent_since.reset();
      }
    } else if (it != state->firing.end() && o->fetched_at != 0) {
      if (!it->second.absent_since) it->second.absent_since = now;
    }
  }
  for (auto it = state->firing.begin(); it != state->firing.end();) {
    const bool removed = present.count(it->first) == 0;
    const auto& since = it->second.absent_since;
    if (removed || (since && now - *since >= hold_down_seconds)) {
      const UnixSeconds ended = removed ? now : *since;
      resolved.push_back({it->second, false, ended});
      it = state->firing.erase(it);
    } else {
      ++it;
    }
  }
  fired.insert(fired.end(), resolved.begin(), resolved.end());
  return fired;
}

}  // namespace tldmon::alerts

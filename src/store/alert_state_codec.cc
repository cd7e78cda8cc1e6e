#include "store/alert_state_codec.h"

#include "store/varint.h"

namespace tldmon::store {
namespace {

constexpr std::uint64_t kAlertStateVersion = 1;
constexpr std::uint64_t kMaxAlertText = 1 << 16;

}  // namespace

std::string EncodeAlertTracker(const engine::AlertTrackerState& state) {
  std::string out;
  ByteWriter w(out);
  w.Varint(kAlertStateVersion);
  w.Varint(state.active.size());
  for (const auto& [key, a] : state.active) {
    w.Varint(static_cast<std::uint64_t>(key.kind));
    w.Varint(static_cast<std::uint64_t>(key.entity.kind));
    w.Text(key.entity.id);
    w.Varint(static_cast<std::uint64_t>(key.service));
    w.Signed(key.step);
    w.Text(key.subject);
    w.Varint(static_cast<std::uint64_t>(a.severity));
    w.Text(a.summary);
    w.Signed(a.starts_at);
    w.Varint(a.absent_since ? 1 : 0);
    if (a.absent_since) w.Signed(*a.absent_since);
  }
  w.Varint(state.probe_last_online.size());
  for (const auto& [name, t] : state.probe_last_online) {
    w.Text(name);
    w.Signed(t);
  }
  return out;
}

Result<engine::AlertTrackerState> DecodeAlertTracker(std::string_view bytes) {
  const Status damaged = Internal("damaged alert tracker state");
  ByteReader r(bytes);
  std::uint64_t version = 0, n = 0;
  if (!r.Varint(version) || version != kAlertStateVersion || !r.Bounded(1 << 24, n)) return damaged;
  engine::AlertTrackerState state;
  for (std::uint64_t i = 0; i < n; ++i) {
    engine::ActiveAlert a;
    std::uint64_t kind = 0, entity_kind = 0, service = 0, severity = 0, absent = 0;
    std::int64_t step = 0, absent_since = 0;
    if (!r.Bounded(engine::kAlertKindCount - 1, kind) || !r.Bounded(1, entity_kind) ||
        !r.Text(kMaxAlertText, a.key.entity.id) || !r.Bounded(kServiceCount - 1, service) ||
        !r.Signed(step) || !r.Text(kMaxAlertText, a.key.subject) || !r.Bounded(2, severity) ||
        !r.Text(kMaxAlertText, a.summary) || !r.Signed(a.starts_at) || !r.Bounded(1, absent) ||
        (absent == 1 && !r.Signed(absent_since)))
      return damaged;
    a.key.kind = static_cast<engine::AlertKind>(kind);
    a.key.entity.kind = static_cast<EntityKind>(entity_kind);
    a.key.service = static_cast<Service>(service);
    a.key.step = static_cast<int>(step);
    a.severity = static_cast<engine::AlertSeverity>(severity);
    if (absent == 1) a.absent_since = absent_since;
    state.active.emplace(a.key, std::move(a));
  }
  if (!r.Bounded(1 << 24, n)) return damaged;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::string name;
    std::int64_t t = 0;
    if (!r.Text(kMaxAlertText, name) || !r.Signed(t)) return damaged;
    state.probe_last_online.emplace(std::move(name), t);
  }
  if (!r.done()) return damaged;
  return state;
}

}  // namespace tldmon::store

#include "documents/render_monthly.h"

#include <array>

#include "core/cycle_status.h"
#include "documents/json_writer.h"
#include "documents/render_common.h"

namespace tldmon::documents {
namespace {

// The RTT items each service's test measures (slam-algorithms.md §9).
std::vector<RttKind> RttKindsOf(Service s) {
  switch (s) {
    case Service::kDns:
      return {RttKind::kDnsUdp, RttKind::kDnsTcp};
    case Service::kRdds:
      return {RttKind::kRdds43, RttKind::kRdds80};
    case Service::kRdap:
      return {RttKind::kRdap};
    default:
      return {};
  }
}

void WriteMonth(JsonWriter& w, UnixSeconds month) {
  w.Key("month");
  if (month == 0) {
    w.Null();
  } else {
    w.String(MonthLabel(month));
  }
}

}  // namespace

std::string_view RttKindName(RttKind k) {
  switch (k) {
    case RttKind::kDnsUdp:
      return "dnsUdp";
    case RttKind::kDnsTcp:
      return "dnsTcp";
    case RttKind::kRdds43:
      return "rdds43";
    case RttKind::kRdds80:
      return "rdds80";
    case RttKind::kRdap:
      return "rdap";
    case RttKind::kEpp:
      return "epp";
  }
  return "";
}

std::string MonthlyPath(const EntityId& entity) { return "ui/api/" + entity.Path() + "/monthly"; }

std::string MonthLabel(UnixSeconds month_start) { return FormatIso8601(month_start).substr(0, 7); }

MonthlyReport CollectMonthly(const engine::Engine& engine, const EntityConfig& entity) {
  MonthlyReport r;
  r.entity = entity.id;
  r.rtt_failed_percent_allowed = engine.params().rtt_failed_percent_allowed;
  const auto& last_cycle = engine.state().last_cycle;
  for (Service s : kAllServices) {
    if (s == Service::kEpp || !entity.IsEnabled(s)) continue;  // EPP is never monitored
    r.services.push_back({s, engine.Monthly(entity.id, s)});
    for (RttKind k : RttKindsOf(s)) {
      const UnixSeconds last = last_cycle[static_cast<std::size_t>(TestKindOf(k))];
      r.rtt.push_back(
          {k, last == engine::kNever ? 0 : MonthStart(last), engine.MonthlyRtt(entity.id, k)});
    }
  }
  if (entity.IsEnabled(Service::kDns)) r.ns_ips = engine.MonthlyNsIp(entity.id);
  return r;
}

std::string RenderMonthly(UnixSeconds last_update, const MonthlyReport& report) {
  std::string out;
  JsonWriter w(&out);
  w.Reserve(256 + 160 * (report.services.size() + report.rtt.size() + report.ns_ips.size()));
  w.BeginObject();
  w.FieldInt("formatVersion", 1);
  w.FieldInt("lastUpdate", last_update);
  WriteEntityField(w, report.entity);

  w.Key("services");
  w.BeginArray();
  for (const MonthlyService& s : report.services) {
    w.BeginObject();
    w.Field("service", PathName(s.service));
    WriteMonth(w, s.figures.month);
    w.FieldInt("downtime", s.figures.downtime_minutes);
    w.FieldInt("downtimeSLR", s.figures.downtime_slr_minutes);
    w.Key("downtimeMet");
    w.Bool(s.figures.downtime_met);
    w.EndObject();
  }
  w.EndArray();

  w.Key("rtt");
  w.BeginArray();
  for (const MonthlyRtt& m : report.rtt) {
    w.BeginObject();
    w.Field("kind", RttKindName(m.kind));
    WriteMonth(w, m.month);
    w.FieldInt("performed", m.ratio.performed);
    w.FieldInt("failed", m.ratio.failed);
    w.FieldInt("expected", m.ratio.expected);
    w.FieldInt("cyclesLeft", m.ratio.cycles_left);
    // 3 decimals like every percentage tldmon publishes (mosapi-api.md §9.4).
    w.Key("failedPercent");
    w.Threshold(m.ratio.pfailed);
    w.Key("failedPercentAllowed");
    w.Threshold(report.rtt_failed_percent_allowed);
    w.Key("met");
    w.Bool(m.ratio.met);
    w.EndObject();
  }
  w.EndArray();

  w.Key("nameServerIPs");
  w.BeginArray();
  for (const engine::NsIpMonthly& n : report.ns_ips) {
    w.BeginObject();
    w.Field("ns", n.ns);
    w.Field("ip", n.ip);
    WriteMonth(w, n.month);
    w.FieldInt("downtime", n.downtime_minutes);
    w.FieldInt("downtimeSLR", n.downtime_slr_minutes);
    w.Key("downtimeMet");
    w.Bool(n.downtime_met);
    w.Field("status", StatusLabel(n.last_status, ApiVersion::kV2));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.Flush();
  return out;
}

}  // namespace tldmon::documents

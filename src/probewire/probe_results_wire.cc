#include "probewire/probe_results_wire.h"

#include "probewire/probe_config_wire.h"
#include "probewire/results_fast_parse.h"
#include "probewire/wire_json.h"
#include "probewire/wire_limits.h"

namespace tldmon::probewire {
namespace {

Json RenderReport(const NamedProbeReport& r) {
  Json metrics = Json::array();
  for (const NamedMetric& m : r.metrics)
    metrics.push_back({{"target", m.target},
                       {"ip", m.ip},
                       {"value", m.value},
                       {"time", m.test_time},
                       {"nsid", m.nsid}});
  return Json{{"entity", r.entity.Path()},
              {"test", TestKindName(r.test)},
              {"cycle", r.cycle},
              {"transport", r.transport == Transport::kTcp ? "tcp" : "udp"},
              {"tested_name", r.tested_name},
              {"metrics", std::move(metrics)}};
}

Result<NamedMetric> ParseMetric(const Json& j) {
  NamedMetric m;
  auto target = String(j, "target", kMaxTextBytes);
  if (!target.ok()) return target.status();
  m.target = *target;
  auto ip = String(j, "ip", 64);
  if (!ip.ok()) return ip.status();
  if (!ip->empty() && !IsValidIp(*ip)) return InvalidArgument("\"ip\" is not an IP address");
  m.ip = *ip;
  auto value = Integer(j, "value", kNoValue, 3600 * 1000);
  if (!value.ok()) return value.status();
  m.value = static_cast<std::int32_t>(*value);
  auto time = Integer(j, "time", 0, kMaxWireTime);
  if (!time.ok()) return time.status();
  m.test_time = *time;
  auto nsid = String(j, "nsid", kMaxNsidHexBytes);
  if (!nsid.ok()) return nsid.status();
  if (!IsHexBytes(*nsid)) return InvalidArgument("\"nsid\" is not hex");
  m.nsid = *nsid;
  return m;
}

// Reads as much of the key as it can, so that a refusal names the item.
std::string KeyOf(const Json& j) {
  std::string key;
  for (const char* k : {"entity", "test", "cycle"}) {
    if (!key.empty()) key += "/";
    if (!j.is_object() || !j.contains(k)) {
      key += "?";
    } else if (j[k].is_string()) {
      key += j[k].get<std::string>().substr(0, 64);
    } else if (j[k].is_number_integer()) {
      key += std::to_string(j[k].get<std::int64_t>());
    } else {
      key += "?";
    }
  }
  return key;
}

Result<NamedProbeReport> ParseReport(const Json& j) {
  NamedProbeReport r;
  auto entity = String(j, "entity", kMaxTextBytes);
  if (!entity.ok()) return entity.status();
  auto id = EntityId::Parse(*entity);
  if (!id.ok()) return InvalidArgument("\"entity\": " + id.status().message());
  r.entity = *id;
  auto test = String(j, "test", 16);
  if (!test.ok()) return test.status();
  auto kind = ParseTestKind(*test);
  if (!kind) return InvalidArgument("\"test\" \"" + *test + "\" is not dns, rdds, rdap or epp");
  r.test = *kind;
  auto cycle = Integer(j, "cycle", 0, kMaxWireTime);
  if (!cycle.ok()) return cycle.status();
  r.cycle = *cycle;
  auto transport = String(j, "transport", 8);
  if (!transport.ok()) return transport.status();
  if (*transport != "udp" && *transport != "tcp")
    return InvalidArgument("\"transport\" is not udp or tcp");
  r.transport = *transport == "tcp" ? Transport::kTcp : Transport::kUdp;
  auto name = String(j, "tested_name", kMaxTextBytes);
  if (!name.ok()) return name.status();
  r.tested_name = *name;
  auto metrics = Member(j, "metrics");
  if (!metrics.ok()) return metrics.status();
  if (!(*metrics)->is_array() || (*metrics)->size() > kMaxMetricsPerReport)
    return InvalidArgument("\"metrics\" is not an array of at most " +
                           std::to_string(kMaxMetricsPerReport));
  for (const Json& m : **metrics) {
    auto metric = ParseMetric(m);
    if (!metric.ok())
      return InvalidArgument("metric #" + std::to_string(r.metrics.size() + 1) + ": " +
                             metric.status().message());
    r.metrics.push_back(std::move(*metric));
  }
  return r;
}

}  // namespace

std::string ReportKey(const NamedProbeReport& r) {
  return r.entity.Path() + "/" + std::string(TestKindName(r.test)) + "/" + std::to_string(r.cycle);
}

std::string OnlineKey(UnixSeconds minute) { return "online/" + std::to_string(minute); }

std::string RenderResultsBatch(const ResultsBatch& b) {
  Json reports = Json::array();
  for (const NamedProbeReport& r : b.reports) reports.push_back(RenderReport(r));
  Json online = Json::array();
  for (const OnlineSample& s : b.online)
    online.push_back({{"minute", s.minute}, {"ok", s.check_ok}});
  return Json{{"version", b.version},
              {"probe", b.probe},
              {"outbox_depth", b.outbox_depth},
              {"reports", std::move(reports)},
              {"online", std::move(online)}}
      .dump();
}

Result<ParsedBatch> ParseResultsBatch(std::string_view json) {
  if (auto fast = ParseResultsBatchFast(json)) return std::move(*fast);
  return ParseResultsBatchDom(json);
}

Result<ParsedBatch> ParseResultsBatchDom(std::string_view json) {
  auto doc = ParseObject(json);
  if (!doc.ok()) return doc.status();
  ParsedBatch out;
  auto version = Integer(*doc, "version", 1, 1000);
  if (!version.ok()) return version.status();
  if (*version != kProtocolVersion)
    return InvalidArgument("results version " + std::to_string(*version) + " is not supported");
  auto probe = String(*doc, "probe", kMaxTextBytes);
  if (!probe.ok()) return probe.status();
  out.batch.probe = *probe;
  if (doc->contains("outbox_depth")) {
    auto depth = Integer(*doc, "outbox_depth", 0, 1LL << 40);
    if (!depth.ok()) return depth.status();
    out.batch.outbox_depth = *depth;
  }
  auto reports = Member(*doc, "reports");
  if (!reports.ok()) return reports.status();
  auto online = Member(*doc, "online");
  if (!online.ok()) return online.status();
  if (!(*reports)->is_array() || !(*online)->is_array())
    return InvalidArgument("\"reports\" and \"online\" must be arrays");
  if ((*reports)->size() + (*online)->size() > kMaxBatchItems)
    return InvalidArgument("a batch holds at most " + std::to_string(kMaxBatchItems) + " items");
  for (const Json& r : **reports) {
    auto report = ParseReport(r);
    if (report.ok()) {
      out.batch.reports.push_back(std::move(*report));
    } else {
      out.refused.push_back({KeyOf(r), report.status().message()});
    }
  }
  for (const Json& s : **online) {
    auto minute = Integer(s, "minute", 0, kMaxWireTime);
    auto ok = Boolean(s, "ok");
    if (minute.ok() && *minute % 60 != 0)
      minute = InvalidArgument("\"minute\" is not aligned to 60 s");
    if (minute.ok() && ok.ok()) {
      out.batch.online.push_back({*minute, *ok});
    } else {
      const std::string key =
          s.is_object() && s.contains("minute") && s["minute"].is_number_integer()
              ? OnlineKey(s["minute"].get<std::int64_t>())
              : "online/?";
      out.refused.push_back({key, (minute.ok() ? ok.status() : minute.status()).message()});
    }
  }
  return out;
}

std::string_view AckStatusName(AckStatus s) {
  switch (s) {
    case AckStatus::kStored:
      return "stored";
    case AckStatus::kDuplicate:
      return "duplicate";
    case AckStatus::kRefused:
      return "refused";
  }
  return "refused";
}

std::string RenderBatchAck(const BatchAck& ack) {
  Json items = Json::array();
  for (const ItemAck& i : ack.items) {
    Json item{{"key", i.key}, {"status", AckStatusName(i.status)}};
    if (!i.reason.empty()) item["reason"] = i.reason;
    items.push_back(std::move(item));
  }
  return Json{{"version", kProtocolVersion}, {"items", std::move(items)}}.dump();
}

Result<BatchAck> ParseBatchAck(std::string_view json) {
  auto doc = ParseObject(json);
  if (!doc.ok()) return doc.status();
  auto items = Member(*doc, "items");
  if (!items.ok()) return items.status();
  if (!(*items)->is_array()) return InvalidArgument("\"items\" is not an array");
  BatchAck ack;
  for (const Json& j : **items) {
    ItemAck i;
    auto key = String(j, "key", 1024);
    if (!key.ok()) return key.status();
    i.key = *key;
    auto status = String(j, "status", 16);
    if (!status.ok()) return status.status();
    if (*status == "stored")
      i.status = AckStatus::kStored;
    else if (*status == "duplicate")
      i.status = AckStatus::kDuplicate;
    else if (*status == "refused")
      i.status = AckStatus::kRefused;
    else
      return InvalidArgument("unknown item status \"" + *status + "\"");
    if (j.contains("reason")) {
      auto reason = String(j, "reason", 4096);
      if (!reason.ok()) return reason.status();
      i.reason = *reason;
    }
    ack.items.push_back(std::move(i));
  }
  return ack;
}

}  // namespace tldmon::probewire

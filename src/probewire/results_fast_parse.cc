#include "probewire/results_fast_parse.h"

#include <simdjson.h>

#include <bitset>

#include "probewire/probe_config_wire.h"
#include "probewire/wire_json.h"

namespace tldmon::probewire {
namespace {

namespace dom = simdjson::dom;

constexpr std::int64_t kMaxTime = 1LL << 40;

// Each reader returns false for anything the DOM parser would not take as
// it is; the caller then gives up on the fast path.
bool Text(dom::element v, std::size_t max_bytes, std::string* out) {
  std::string_view s;
  if (v.get_string().get(s) != simdjson::SUCCESS || s.size() > max_bytes) return false;
  out->assign(s);
  return true;
}

bool Int(dom::element v, std::int64_t lo, std::int64_t hi, std::int64_t* out) {
  std::int64_t i = 0;
  if (v.get_int64().get(i) != simdjson::SUCCESS || i < lo || i > hi) return false;
  *out = i;
  return true;
}

bool IsHex(std::string_view s) {
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return s.size() % 2 == 0;
}

bool Metric(dom::element v, NamedMetric* m) {
  dom::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  std::bitset<5> seen;
  for (dom::key_value_pair field : o) {
    const std::string_view key = field.key;
    const dom::element value = field.value;
    int bit = -1;
    bool ok = true;
    std::int64_t n = 0;
    if (key == "target") {
      bit = 0;
      ok = Text(value, kMaxTextBytes, &m->target);
    } else if (key == "ip") {
      bit = 1;
      ok = Text(value, 64, &m->ip) && (m->ip.empty() || IsValidIp(m->ip));
    } else if (key == "value") {
      bit = 2;
      ok = Int(value, kNoValue, 3600 * 1000, &n);
      m->value = static_cast<std::int32_t>(n);
    } else if (key == "time") {
      bit = 3;
      ok = Int(value, 0, kMaxTime, &m->test_time);
    } else if (key == "nsid") {
      bit = 4;
      ok = Text(value, kMaxNsidHexBytes, &m->nsid) && IsHex(m->nsid);
    } else {
      return false;  // unknown member: its value is not validated when skipped
    }
    if (!ok || (bit >= 0 && seen.test(static_cast<std::size_t>(bit)))) return false;
    if (bit >= 0) seen.set(static_cast<std::size_t>(bit));
  }
  return seen.all();
}

bool Report(dom::element v, NamedProbeReport* r) {
  dom::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  std::bitset<6> seen;
  for (dom::key_value_pair field : o) {
    const std::string_view key = field.key;
    const dom::element value = field.value;
    int bit = -1;
    bool ok = true;
    std::string text;
    if (key == "entity") {
      bit = 0;
      ok = Text(value, kMaxTextBytes, &text);
      if (ok) {
        auto id = EntityId::Parse(text);
        ok = id.ok();
        if (ok) r->entity = *id;
      }
    } else if (key == "test") {
      bit = 1;
      ok = Text(value, 16, &text);
      const auto kind = ok ? ParseTestKind(text) : std::nullopt;
      ok = kind.has_value();
      if (ok) r->test = *kind;
    } else if (key == "cycle") {
      bit = 2;
      ok = Int(value, 0, kMaxTime, &r->cycle);
    } else if (key == "transport") {
      bit = 3;
      ok = Text(value, 8, &text) && (text == "udp" || text == "tcp");
      r->transport = text == "tcp" ? Transport::kTcp : Transport::kUdp;
    } else if (key == "tested_name") {
      bit = 4;
      ok = Text(value, kMaxTextBytes, &r->tested_name);
    } else if (key == "metrics") {
      bit = 5;
      dom::array a;
      if (value.get_array().get(a) != simdjson::SUCCESS) return false;
      for (dom::element mv : a) {
        if (!ok) break;
        NamedMetric m;
        ok = r->metrics.size() < kMaxMetricsPerReport && Metric(mv, &m);
        if (ok) r->metrics.push_back(std::move(m));
      }
    } else {
      return false;
    }
    if (!ok || (bit >= 0 && seen.test(static_cast<std::size_t>(bit)))) return false;
    if (bit >= 0) seen.set(static_cast<std::size_t>(bit));
  }
  return seen.all();
}

bool Online(dom::element v, OnlineSample* s) {
  dom::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  std::bitset<2> seen;
  for (dom::key_value_pair field : o) {
    const std::string_view key = field.key;
    const dom::element value = field.value;
    int bit = -1;
    bool ok = true;
    if (key == "minute") {
      bit = 0;
      ok = Int(value, 0, kMaxTime, &s->minute) && s->minute % 60 == 0;
    } else if (key == "ok") {
      bit = 1;
      ok = value.get_bool().get(s->check_ok) == simdjson::SUCCESS;
    } else {
      return false;
    }
    if (!ok || (bit >= 0 && seen.test(static_cast<std::size_t>(bit)))) return false;
    if (bit >= 0) seen.set(static_cast<std::size_t>(bit));
  }
  return seen.all();
}

bool Batch(dom::element doc, ParsedBatch* out) {
  dom::object o;
  if (doc.get_object().get(o) != simdjson::SUCCESS) return false;
  std::bitset<5> seen;
  std::size_t items = 0;
  for (dom::key_value_pair field : o) {
    const std::string_view key = field.key;
    const dom::element value = field.value;
    int bit = -1;
    bool ok = true;
    std::int64_t n = 0;
    if (key == "version") {
      bit = 0;
      ok = Int(value, 1, 1000, &n) && n == kProtocolVersion;
      out->batch.version = static_cast<int>(n);
    } else if (key == "probe") {
      bit = 1;
      ok = Text(value, kMaxTextBytes, &out->batch.probe);
    } else if (key == "outbox_depth") {
      bit = 2;
      ok = Int(value, 0, 1LL << 40, &out->batch.outbox_depth);
    } else if (key == "reports" || key == "online") {
      const bool reports = key == "reports";
      bit = reports ? 3 : 4;
      dom::array a;
      if (value.get_array().get(a) != simdjson::SUCCESS) return false;
      for (dom::element item : a) {
        if (!ok) break;
        ok = ++items <= kMaxBatchItems;
        if (!ok) break;
        if (reports) {
          NamedProbeReport r;
          ok = Report(item, &r);
          if (ok) out->batch.reports.push_back(std::move(r));
        } else {
          OnlineSample s;
          ok = Online(item, &s);
          if (ok) out->batch.online.push_back(s);
        }
      }
    } else {
      return false;
    }
    if (!ok || (bit >= 0 && seen.test(static_cast<std::size_t>(bit)))) return false;
    if (bit >= 0) seen.set(static_cast<std::size_t>(bit));
  }
  // outbox_depth is optional; the rest are required.
  return seen.test(0) && seen.test(1) && seen.test(3) && seen.test(4);
}

}  // namespace

std::optional<ParsedBatch> ParseResultsBatchFast(std::string_view json) {
  // One parser per thread: it keeps its buffers between documents. The DOM
  // API validates the whole document (On-Demand would not: it accepted
  // stray bytes in places it skipped, found by the probe_wire fuzz target).
  thread_local dom::parser parser;
  dom::element doc;
  if (parser.parse(json.data(), json.size(), /*realloc_if_needed=*/true).get(doc) !=
      simdjson::SUCCESS)
    return std::nullopt;
  ParsedBatch out;
  if (!Batch(doc, &out)) return std::nullopt;
  return out;
}

}  // namespace tldmon::probewire

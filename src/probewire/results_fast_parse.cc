#include "probewire/results_fast_parse.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <bitset>

#include "probewire/probe_config_wire.h"
#include "probewire/wire_json.h"
#include "probewire/wire_limits.h"

namespace tldmon::probewire {
namespace {

namespace dom = simdjson::dom;

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

// The members of object `v`, each read by `read(i, value)`, where i is the
// position of its name in `names`. False for an unknown, repeated or missing
// member (unless its bit is in `optional`) and for a read that fails.
template <std::size_t N, typename Read>
bool Members(dom::element v, const std::array<std::string_view, N>& names, std::bitset<N> optional,
             Read&& read) {
  dom::object o;
  if (v.get_object().get(o) != simdjson::SUCCESS) return false;
  std::bitset<N> seen;
  for (dom::key_value_pair field : o) {
    const auto it = std::find(names.begin(), names.end(), field.key);
    if (it == names.end()) return false;
    const auto i = static_cast<std::size_t>(it - names.begin());
    if (seen.test(i) || !read(i, field.value)) return false;
    seen.set(i);
  }
  return (seen | optional).all();
}

bool Metric(dom::element v, NamedMetric* m) {
  static constexpr std::array<std::string_view, 5> kNames = {"target", "ip", "value", "time",
                                                             "nsid"};
  return Members(v, kNames, {}, [m](std::size_t i, dom::element value) {
    std::int64_t n = 0;
    switch (i) {
      case 0:
        return Text(value, kMaxTextBytes, &m->target);
      case 1:
        return Text(value, 64, &m->ip) && (m->ip.empty() || IsValidIp(m->ip));
      case 2:
        if (!Int(value, kNoValue, 3600 * 1000, &n)) return false;
        m->value = static_cast<std::int32_t>(n);
        return true;
      case 3:
        return Int(value, 0, kMaxWireTime, &m->test_time);
      default:
        return Text(value, kMaxNsidHexBytes, &m->nsid) && IsHexBytes(m->nsid);
    }
  });
}

bool Report(dom::element v, NamedProbeReport* r) {
  static constexpr std::array<std::string_view, 6> kNames = {"entity",    "test",        "cycle",
                                                             "transport", "tested_name", "metrics"};
  return Members(v, kNames, {}, [r](std::size_t i, dom::element value) {
    std::string text;
    switch (i) {
      case 0: {
        if (!Text(value, kMaxTextBytes, &text)) return false;
        auto id = EntityId::Parse(text);
        if (!id.ok()) return false;
        r->entity = *id;
        return true;
      }
      case 1: {
        const auto kind = Text(value, 16, &text) ? ParseTestKind(text) : std::nullopt;
        if (!kind) return false;
        r->test = *kind;
        return true;
      }
      case 2:
        return Int(value, 0, kMaxWireTime, &r->cycle);
      case 3:
        if (!Text(value, 8, &text) || (text != "udp" && text != "tcp")) return false;
        r->transport = text == "tcp" ? Transport::kTcp : Transport::kUdp;
        return true;
      case 4:
        return Text(value, kMaxTextBytes, &r->tested_name);
      default: {
        dom::array a;
        if (value.get_array().get(a) != simdjson::SUCCESS) return false;
        for (dom::element mv : a) {
          NamedMetric m;
          if (r->metrics.size() >= kMaxMetricsPerReport || !Metric(mv, &m)) return false;
          r->metrics.push_back(std::move(m));
        }
        return true;
      }
    }
  });
}

bool Online(dom::element v, OnlineSample* s) {
  static constexpr std::array<std::string_view, 2> kNames = {"minute", "ok"};
  return Members(v, kNames, {}, [s](std::size_t i, dom::element value) {
    if (i == 0) return Int(value, 0, kMaxWireTime, &s->minute) && s->minute % 60 == 0;
    return value.get_bool().get(s->check_ok) == simdjson::SUCCESS;
  });
}

bool Batch(dom::element doc, ParsedBatch* out) {
  static constexpr std::array<std::string_view, 5> kNames = {"version", "probe", "outbox_depth",
                                                             "reports", "online"};
  std::size_t items = 0;
  return Members(doc, kNames, std::bitset<5>().set(2), [&](std::size_t i, dom::element value) {
    std::int64_t n = 0;
    switch (i) {
      case 0:
        if (!Int(value, 1, 1000, &n) || n != kProtocolVersion) return false;
        out->batch.version = static_cast<int>(n);
        return true;
      case 1:
        return Text(value, kMaxTextBytes, &out->batch.probe);
      case 2:
        return Int(value, 0, 1LL << 40, &out->batch.outbox_depth);
      default: {
        dom::array a;
        if (value.get_array().get(a) != simdjson::SUCCESS) return false;
        for (dom::element item : a) {
          if (++items > kMaxBatchItems) return false;
          if (i == 3) {
            NamedProbeReport r;
            if (!Report(item, &r)) return false;
            out->batch.reports.push_back(std::move(r));
          } else {
            OnlineSample s;
            if (!Online(item, &s)) return false;
            out->batch.online.push_back(s);
          }
        }
        return true;
      }
    }
  });
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

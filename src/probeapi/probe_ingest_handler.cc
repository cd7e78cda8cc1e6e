#include "probeapi/probe_ingest_handler.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <openssl/evp.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cstring>

#include "http/gzip.h"
#include "ingest/named_report.h"
#include "probeapi/probe_config_builder.h"

namespace tldmon::probeapi {

using probewire::AckStatus;
using probewire::ItemAck;

struct ProbeIngestHandler::Snapshot {
  std::uint64_t generation = 0;
  std::vector<EntityConfig> entities;
  std::vector<store::ProbeRecord> probes;
  engine::SlaParams params;
  // Per probe: the rendered configuration and its ETag, built on first use.
  struct Rendered {
    std::string body;
    std::string etag;
  };
  mutable Mutex mu;
  mutable std::map<std::size_t, std::shared_ptr<const Rendered>> rendered GUARDED_BY(mu);
  UnixSeconds built = 0;
};

namespace {

constexpr std::string_view kConfigPath = "/probe/v1/config";
constexpr std::string_view kResultsPath = "/probe/v1/results";

void Error(http::Response& response, int status, std::string_view message) {
  nlohmann::json body{{"status", status}, {"error", message}};
  response.SetBody(status, "application/json", body.dump());
}

std::string Etag(std::string_view body) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int n = 0;
  EVP_Digest(body.data(), body.size(), md.data(), &n, EVP_sha256(), nullptr);
  std::string hex = "\"";
  for (unsigned int i = 0; i < 16 && i < n; ++i) hex += fmt::format("{:02x}", md[i]);
  return hex + "\"";
}

// Whether the peer is one of the node's listed source addresses (none
// listed: any source).
bool SourceAllowed(const ProbeNode& node, const http::PeerAddress& peer) {
  if (node.ipv4_addresses.empty() && node.ipv6_addresses.empty()) return true;
  for (const auto* list : {&node.ipv4_addresses, &node.ipv6_addresses}) {
    for (const std::string& text : *list) {
      std::array<std::uint8_t, 16> bytes{};
      if (peer.is_v4 && inet_pton(AF_INET, text.c_str(), bytes.data()) == 1 &&
          std::memcmp(bytes.data(), peer.bytes.data(), 4) == 0)
        return true;
      if (!peer.is_v4 && inet_pton(AF_INET6, text.c_str(), bytes.data()) == 1 &&
          bytes == peer.bytes)
        return true;
    }
  }
  return false;
}

// A refusal reason's class for the metrics ("unknown entity", ...): the text
// up to the first ':' or digit-free prefix, bounded so labels stay few.
std::string ReasonClass(std::string_view reason) {
  for (std::string_view c : {"malformed", "unknown entity", "future", "retention", "not aligned",
                             "configuration", "probe"})
    if (reason.find(c) != std::string_view::npos) return std::string(c);
  return "other";
}

}  // namespace

ProbeIngestHandler::ProbeIngestHandler(store::Store* store, IngestSink* sink, const Clock* clock,
                                       ProbeIngestOptions options)
    : store_(store), sink_(sink), clock_(clock), options_(options), tokens_(store) {}

std::optional<std::string> ProbeIngestHandler::SlowKey(const http::Request& request) const {
  // Store reads and the wait for the engine thread: never on a worker
  // thread. One share of the pool per credential.
  return "probe:" + std::string(request.authorization.value_or("").substr(0, 80));
}

std::size_t ProbeIngestHandler::MaxBodyBytes(std::string_view path) const {
  return path == kResultsPath ? (16u << 20) : 4096;
}

Result<std::shared_ptr<const ProbeIngestHandler::Snapshot>> ProbeIngestHandler::Current() {
  auto generation = store_->ChangeGeneration();
  if (!generation.ok()) return generation.status();
  {
    MutexLock lock(mu_);
    if (snapshot_ != nullptr && snapshot_->generation == *generation) return snapshot_;
  }
  auto snap = std::make_shared<Snapshot>();
  snap->generation = *generation;
  auto entities = store_->LoadEntities();
  if (!entities.ok()) return entities.status();
  snap->entities = std::move(*entities);
  auto probes = store_->LoadProbes();
  if (!probes.ok()) return probes.status();
  snap->probes = std::move(*probes);
  auto params = store_->LoadSlaParams();
  if (!params.ok()) return params.status();
  snap->params = *params;
  snap->built = clock_->Now();
  MutexLock lock(mu_);
  snapshot_ = snap;
  return std::shared_ptr<const Snapshot>(snap);
}

void ProbeIngestHandler::Handle(const http::Request& request, http::Response& response) {
  const bool config = request.path == kConfigPath;
  const bool results = request.path == kResultsPath;
  if (!config && !results) return Error(response, 404, "no such probe endpoint");
  const bool method_ok = config ? (request.method == http::Method::kGet ||
                                   request.method == http::Method::kHead)
                                : request.method == http::Method::kPost;
  if (!method_ok) {
    response.AddHeader("Allow", config ? "GET, HEAD" : "POST");
    return Error(response, 405, "method not allowed");
  }
  const std::string_view auth = request.authorization.value_or("");
  constexpr std::string_view kBearer = "Bearer ";
  if (!auth.starts_with(kBearer)) {
    ++unauthorized_;
    response.AddHeader("WWW-Authenticate", "Bearer realm=\"tldmon probe\"");
    return Error(response, 401, "a probe token is required (Authorization: Bearer <token>)");
  }
  auto probe_name = tokens_.Verify(auth.substr(kBearer.size()));
  if (!probe_name.ok()) return Error(response, 503, probe_name.status().message());
  if (!probe_name->has_value()) {
    ++unauthorized_;
    response.AddHeader("WWW-Authenticate", "Bearer realm=\"tldmon probe\", error=\"invalid_token\"");
    return Error(response, 401, "unknown or revoked probe token");
  }
  auto snap = Current();
  if (!snap.ok()) return Error(response, 503, snap.status().message());
  std::size_t index = 0;
  while (index < (*snap)->probes.size() && (*snap)->probes[index].node.name != **probe_name) ++index;
  if (index == (*snap)->probes.size()) {
    ++unauthorized_;
    return Error(response, 401, "the token's probe is no longer configured");
  }
  if (!SourceAllowed((*snap)->probes[index].node, request.peer)) {
    ++unauthorized_;
    return Error(response, 403,
                 fmt::format("probe {} may not connect from {}", **probe_name, request.peer.text));
  }
  if (config) return ServeConfig(request, **snap, index, response);
  ServeResults(request, **snap, index, response);
}

void ProbeIngestHandler::ServeConfig(const http::Request& request, const Snapshot& snap,
                                     std::size_t probe, http::Response& response) {
  std::shared_ptr<const Snapshot::Rendered> rendered;
  {
    MutexLock lock(snap.mu);
    auto& slot = snap.rendered[probe];
    if (slot == nullptr) {
      auto r = std::make_shared<Snapshot::Rendered>();
      r->body = probewire::RenderProbeConfig(
          BuildProbeConfig(snap.entities, snap.probes[probe], snap.params, snap.built));
      r->etag = Etag(r->body);
      slot = std::move(r);
    }
    rendered = slot;
  }
  response.AddHeader("ETag", rendered->etag);
  response.AddHeader("Cache-Control", "no-cache");
  if (request.if_none_match && request.if_none_match->find(rendered->etag) != std::string_view::npos)
    return response.SetEmpty(304);
  response.SetBody(200, "application/json", rendered->body);
}

void ProbeIngestHandler::ServeResults(const http::Request& request, const Snapshot& snap,
                                      std::size_t probe, http::Response& response) {
  std::string decoded;
  std::string_view body = request.body;
  const std::string_view coding = request.content_encoding.value_or("identity");
  if (coding == "gzip") {
    if (!http::GzipDecompress(request.body, decoded, options_.max_batch_bytes))
      return Error(response, 400, "the gzip body does not decode (or is larger than the limit)");
    body = decoded;
  } else if (coding != "identity") {
    response.AddHeader("Accept-Encoding", "gzip, identity");
    return Error(response, 415, "unsupported Content-Encoding (use gzip or identity)");
  }
  auto parsed = probewire::ParseResultsBatch(body);
  if (!parsed.ok()) {
    CountRefusal("malformed");
    return Error(response, 400, parsed.status().message());
  }
  const std::string& name = snap.probes[probe].node.name;
  if (parsed->batch.probe != name)
    return Error(response, 403,
                 fmt::format("the batch is for probe {}, the token is {}'s", parsed->batch.probe, name));
  std::vector<ItemAck> acks;
  const UnixSeconds now = clock_->Now();
  if (Status s = Ingest(snap, probe, parsed->batch, now, &acks); !s.ok()) {
    // Nothing of the batch is acknowledged; the probe sends it again.
    response.AddHeader("Retry-After", "5");
    return Error(response, 503, s.message());
  }
  for (const probewire::RefusedItem& r : parsed->refused) {
    CountRefusal("malformed");
    acks.push_back({r.key, AckStatus::kRefused, "malformed: " + r.reason});
  }
  ++batches_;
  {
    MutexLock lock(mu_);
    ProbeStats& st = stats_[name];
    st.last_push = now;
    st.outbox_depth = parsed->batch.outbox_depth;
    for (const NamedProbeReport& r : parsed->batch.reports) st.newest_cycle = std::max(st.newest_cycle, r.cycle);
  }
  response.SetBody(200, "application/json", probewire::RenderBatchAck({std::move(acks)}));
}

Status ProbeIngestHandler::Ingest(const Snapshot& snap, std::size_t probe,
                                  const probewire::ResultsBatch& batch, UnixSeconds now,
                                  std::vector<ItemAck>* acks) {
  const auto index = static_cast<ProbeIndex>(probe);
  // Checks that need no pipeline.
  std::vector<const NamedProbeReport*> candidates;
  std::vector<std::string> keys;
  for (const NamedProbeReport& r : batch.reports) {
    const std::string key = probewire::ReportKey(r);
    const int length = snap.params.CycleSeconds(r.test);
    std::string why;
    if (r.cycle % length != 0) {
      why = fmt::format("not aligned: a {} cycle starts at a multiple of {} s", TestKindName(r.test), length);
    } else if (r.cycle > now + options_.future_skew_seconds) {
      why = "future: the cycle starts after the central side's clock";
    } else if (options_.retention_seconds > 0 && r.cycle + length < now - options_.retention_seconds) {
      why = "retention: the cycle is older than the retention period";
    }
    if (!why.empty()) {
      CountRefusal(why);
      acks->push_back({key, AckStatus::kRefused, why});
      continue;
    }
    candidates.push_back(&r);
    keys.push_back(key);
  }
  std::vector<ItemAck> report_acks;
  std::vector<ItemAck> minute_acks;
  std::int64_t stored_metrics = 0;
  Status s = sink_->WithPipeline([&](ingest::CyclePipeline& pipeline) -> Status {
    report_acks.clear();
    minute_acks.clear();
    stored_metrics = 0;
    std::vector<ProbeReport> matched;
    std::vector<std::size_t> matched_item;  // index into candidates
    std::vector<int> ack_of(candidates.size(), -1);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      NamedProbeReport r = *candidates[i];
      r.probe = index;
      const EntityConfig* in_force = pipeline.engine().FindEntity(r.entity);
      ack_of[i] = static_cast<int>(report_acks.size());
      report_acks.push_back({keys[i], AckStatus::kStored, ""});
      if (in_force == nullptr) {
        report_acks.back().status = AckStatus::kRefused;
        report_acks.back().reason = "unknown entity: " + r.entity.Path() + " is not monitored";
        continue;
      }
      auto m = ingest::MatchReport(r, *in_force);
      if (!m.ok()) {
        report_acks.back().status = AckStatus::kRefused;
        report_acks.back().reason = "configuration: " + m.status().message();
        continue;
      }
      matched.push_back(std::move(*m));
      matched_item.push_back(i);
    }
    std::vector<bool> duplicate;
    if (!matched.empty()) {
      auto put = store_->PutReportsFirstWins(matched, &duplicate);
      if (!put.ok()) return put.status();
    }
    for (std::size_t k = 0; k < matched.size(); ++k) {
      ItemAck& a = report_acks[static_cast<std::size_t>(ack_of[matched_item[k]])];
      if (duplicate[k]) {
        a.status = AckStatus::kDuplicate;
      } else {
        stored_metrics += static_cast<std::int64_t>(matched[k].metrics.size());
        if (matched[k].cycle < pipeline.NextCycle(matched[k].test))
          a.reason = "late: the cycle was processed already; stored, but the verdict stands";
      }
    }
    // Online samples after the reports: each advances the watermark
    // (delivery_tracker.h) only once what came before it is stored.
    const bool in_service = snap.probes[probe].enabled;
    for (const probewire::OnlineSample& o : batch.online) {
      ItemAck a{probewire::OnlineKey(o.minute), AckStatus::kStored, ""};
      auto stored = store_->ProbeMinutes(o.minute);
      if (!stored.ok()) return stored.status();
      ProbeMinuteSample sample{index, o.check_ok, in_service, true};
      for (const ProbeMinuteSample& existing : *stored) {
        if (existing.probe != index) continue;
        sample = existing;  // the first copy wins; re-sent, it is a duplicate
        a.status = AckStatus::kDuplicate;
      }
      if (o.minute > now + options_.future_skew_seconds) {
        a = {a.key, AckStatus::kRefused, "future: the minute is after the central side's clock"};
      } else {
        auto put = pipeline.AcceptProbeMinutes(o.minute, std::span(&sample, 1));
        if (!put.ok()) return put.status();
      }
      minute_acks.push_back(std::move(a));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  for (ItemAck& a : report_acks) {
    if (a.status == AckStatus::kStored) ++reports_stored_;
    if (a.status == AckStatus::kDuplicate) ++duplicates_;
    if (a.status == AckStatus::kRefused) CountRefusal(a.reason);
    acks->push_back(std::move(a));
  }
  for (ItemAck& a : minute_acks) {
    if (a.status == AckStatus::kRefused) CountRefusal(a.reason);
    acks->push_back(std::move(a));
  }
  metrics_stored_ += stored_metrics;
  return Status::Ok();
}

void ProbeIngestHandler::CountRefusal(std::string_view reason) {
  MutexLock lock(mu_);
  ++refused_by_reason_[ReasonClass(reason)];
}

void ProbeIngestHandler::AppendMetrics(std::string& out) const {
  out += "# HELP tldmon_probe_batches_total Results batches accepted from probes.\n"
         "# TYPE tldmon_probe_batches_total counter\n";
  out += fmt::format("tldmon_probe_batches_total {}\n", batches_.load());
  out += "# HELP tldmon_probe_reports_stored_total Probe reports stored (first copies).\n"
         "# TYPE tldmon_probe_reports_stored_total counter\n";
  out += fmt::format("tldmon_probe_reports_stored_total {}\n", reports_stored_.load());
  out += "# HELP tldmon_probe_metrics_stored_total Metrics in the stored probe reports.\n"
         "# TYPE tldmon_probe_metrics_stored_total counter\n";
  out += fmt::format("tldmon_probe_metrics_stored_total {}\n", metrics_stored_.load());
  out += "# HELP tldmon_probe_duplicates_total Reports received again (already stored).\n"
         "# TYPE tldmon_probe_duplicates_total counter\n";
  out += fmt::format("tldmon_probe_duplicates_total {}\n", duplicates_.load());
  out += "# HELP tldmon_probe_unauthorized_total Probe requests refused: no or a bad token, or "
         "a source address not listed.\n# TYPE tldmon_probe_unauthorized_total counter\n";
  out += fmt::format("tldmon_probe_unauthorized_total {}\n", unauthorized_.load());
  MutexLock lock(mu_);
  out += "# HELP tldmon_probe_refused_items_total Items refused, by reason.\n"
         "# TYPE tldmon_probe_refused_items_total counter\n";
  for (const auto& [reason, n] : refused_by_reason_)
    out += fmt::format("tldmon_probe_refused_items_total{{reason=\"{}\"}} {}\n", reason, n);
  out += "# HELP tldmon_probe_last_push_seconds When each probe last pushed results (Unix time).\n"
         "# TYPE tldmon_probe_last_push_seconds gauge\n";
  for (const auto& [probe, st] : stats_)
    out += fmt::format("tldmon_probe_last_push_seconds{{probe=\"{}\"}} {}\n", probe, st.last_push);
  out += "# HELP tldmon_probe_lag_seconds Last push time minus the newest cycle it carried.\n"
         "# TYPE tldmon_probe_lag_seconds gauge\n";
  for (const auto& [probe, st] : stats_)
    if (st.newest_cycle > 0)
      out += fmt::format("tldmon_probe_lag_seconds{{probe=\"{}\"}} {}\n", probe, st.last_push - st.newest_cycle);
  out += "# HELP tldmon_probe_outbox_depth Items queued at the probe, as it reported.\n"
         "# TYPE tldmon_probe_outbox_depth gauge\n";
  for (const auto& [probe, st] : stats_)
    out += fmt::format("tldmon_probe_outbox_depth{{probe=\"{}\"}} {}\n", probe, st.outbox_depth);
}

}  // namespace tldmon::probeapi

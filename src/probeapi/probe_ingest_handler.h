// ProbeIngestHandler: the /probe/v1/ mount of `tldmon serve`
// (docs/formats/probe-protocol.md):
//
//   GET  /probe/v1/config    the probe's test configuration, with an ETag
//                            (If-None-Match -> 304); rebuilt when the
//                            store's change generation moves
//   POST /probe/v1/results   a results batch (gzip or identity), answered
//                            with a per-item ack: stored, duplicate (the
//                            key is stored already: the first copy wins)
//                            or refused with the reason
//
// Every request carries `Authorization: Bearer <token>` (probe_tokens.h);
// a probe whose node-list entry names source addresses must come from one
// of them. An item is refused, on its own, when it is malformed, names an
// unknown entity or a name server/address not in the configuration in force
// for its cycle, has a cycle not aligned to its test, in the future (beyond
// `future_skew_seconds`) or older than the retention. The batch's reports
// are stored in one transaction; its online samples then advance the
// probe's delivery watermark (ingest/delivery_tracker.h). A report for a
// cycle already processed is stored (its measurement object shows it) but
// no longer changes a verdict; its ack says so.
//
// Thread-safe: Handle runs on the server's slow pool (disk I/O, and waiting
// for the engine thread through the IngestSink).
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/thread_annotations.h"
#include "engine/sla_params.h"
#include "http/request_handler.h"
#include "probeapi/ingest_sink.h"
#include "probeapi/probe_tokens.h"
#include "probewire/probe_results_wire.h"
#include "store/store.h"

namespace tldmon::probeapi {

struct ProbeIngestOptions {
  // Results older than this are refused (serve's [storage] retention_days;
  // 0 = no limit).
  UnixSeconds retention_seconds = 90 * 86400;
  // How far in the future a cycle may start (probe clocks drift a little).
  UnixSeconds future_skew_seconds = 60;
  // Decoded body limit of a results batch.
  std::size_t max_batch_bytes = 64u << 20;
};

class ProbeIngestHandler final : public http::RequestHandler {
 public:
  // Every pointer must outlive the handler.
  ProbeIngestHandler(store::Store* store, IngestSink* sink, const Clock* clock,
                     ProbeIngestOptions options = {});

  void Handle(const http::Request& request, http::Response& response) override;
  std::optional<std::string> SlowKey(const http::Request& request) const override;
  std::size_t MaxBodyBytes(std::string_view path) const override;

  // tldmon_probe_* families for /metrics.
  void AppendMetrics(std::string& out) const;

  // What each probe's pushes since this serve started said (the dashboard's
  // probes page): when it last pushed, the newest cycle it carried, and the
  // outbox depth it reported. Probes that have not pushed are absent.
  struct ProbeStats {
    std::int64_t last_push = 0;
    std::int64_t outbox_depth = 0;
    std::int64_t newest_cycle = 0;
  };
  std::map<std::string, ProbeStats> Deliveries() const {
    MutexLock lock(mu_);
    return stats_;
  }

 private:
  struct Snapshot;  // configuration as of one change generation

  Result<std::shared_ptr<const Snapshot>> Current();
  void ServeConfig(const http::Request& request, const Snapshot& snap, std::size_t probe,
                   http::Response& response);
  void ServeResults(const http::Request& request, const Snapshot& snap, std::size_t probe,
                    http::Response& response);
  Status Ingest(const Snapshot& snap, std::size_t probe, const probewire::ResultsBatch& batch,
                UnixSeconds now, std::vector<probewire::ItemAck>* acks);
  void CountRefusal(std::string_view reason);

  store::Store* store_;
  IngestSink* sink_;
  const Clock* clock_;
  ProbeIngestOptions options_;
  ProbeTokenVerifier tokens_;

  mutable Mutex mu_;
  std::shared_ptr<const Snapshot> snapshot_ GUARDED_BY(mu_);
  std::map<std::string, ProbeStats> stats_ GUARDED_BY(mu_);
  std::map<std::string, std::int64_t> refused_by_reason_ GUARDED_BY(mu_);

  std::atomic<std::int64_t> batches_{0};
  std::atomic<std::int64_t> reports_stored_{0};
  std::atomic<std::int64_t> metrics_stored_{0};
  std::atomic<std::int64_t> duplicates_{0};
  std::atomic<std::int64_t> unauthorized_{0};
};

}  // namespace tldmon::probeapi

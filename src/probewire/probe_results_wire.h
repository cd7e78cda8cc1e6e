// The results a probe pushes (POST /probe/v1/results) and the central side's
// per-item acknowledgement (docs/formats/probe-protocol.md). An item is a
// report, keyed by (entity, test, cycle), or the online check of a minute,
// keyed by the minute; with the authenticated probe, that key is unique, so
// an item sent twice is stored once. A structurally bad item is refused on
// its own with a reason; the rest of the batch goes on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/named_probe_report.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::probewire {

// The automatic online check of one minute (slam-algorithms.md §3.1).
struct OnlineSample {
  UnixSeconds minute = 0;  // aligned to 60 s
  bool check_ok = false;
  friend bool operator==(const OnlineSample&, const OnlineSample&) = default;
};

struct ResultsBatch {
  int version = 1;
  std::string probe;            // must match the authenticated probe
  std::int64_t outbox_depth = 0;  // items still queued at the probe after this batch
  std::vector<NamedProbeReport> reports;  // NamedProbeReport::probe is not on the wire
  std::vector<OnlineSample> online;
  friend bool operator==(const ResultsBatch&, const ResultsBatch&) = default;
};

inline constexpr std::size_t kMaxBatchItems = 20000;
inline constexpr std::size_t kMaxMetricsPerReport = 2048;
inline constexpr std::size_t kMaxNsidHexBytes = 254;  // 127 bytes, hex-encoded

// "ry/example/dns/1767225600"; "online/1767225600".
std::string ReportKey(const NamedProbeReport& report);
std::string OnlineKey(UnixSeconds minute);

std::string RenderResultsBatch(const ResultsBatch& batch);

// A parsed batch: the good items, and the bad ones with their key (as far
// as it could be read) and reason.
struct RefusedItem {
  std::string key;
  std::string reason;
};
struct ParsedBatch {
  ResultsBatch batch;
  std::vector<RefusedItem> refused;
};
// InvalidArgument for a document that is not a batch at all (bad JSON,
// unknown version, no probe, too many items); item problems go to
// ParsedBatch::refused.
Result<ParsedBatch> ParseResultsBatch(std::string_view json);

enum class AckStatus { kStored, kDuplicate, kRefused };
std::string_view AckStatusName(AckStatus s);

struct ItemAck {
  std::string key;
  AckStatus status = AckStatus::kStored;
  std::string reason;  // kRefused: why; kStored: a note (e.g. "late: ...")
  friend bool operator==(const ItemAck&, const ItemAck&) = default;
};

struct BatchAck {
  std::vector<ItemAck> items;
  friend bool operator==(const BatchAck&, const BatchAck&) = default;
};

std::string RenderBatchAck(const BatchAck& ack);
Result<BatchAck> ParseBatchAck(std::string_view json);

}  // namespace tldmon::probewire

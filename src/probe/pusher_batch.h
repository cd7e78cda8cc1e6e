// The wire side of one push (docs/formats/probe-protocol.md): queued outbox
// items -> the ResultsBatch body, and the central side's BatchAck -> one
// verdict per item key. Kept apart from the Pusher so the algorithm does not
// know the JSON and the JSON does not know the algorithm.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "probe/outbox.h"
#include "probewire/probe_results_wire.h"

namespace tldmon::probe {

struct PushItemAck {
  enum class Verdict { kStored, kDuplicate, kRefused };
  std::string key;
  Verdict verdict = Verdict::kStored;
  std::string reason;  // kRefused: why
};

// Outbox items for one report / one minute's online check: the key is
// probewire's (ReportKey, OnlineKey), the payload a one-item ResultsBatch
// of `probe` (so a stored row is readable with the wire's own parser).
OutboxItem ReportOutboxItem(std::string_view probe, const NamedProbeReport& report);
OutboxItem OnlineOutboxItem(std::string_view probe, const probewire::OnlineSample& sample);

// The JSON body (before compression) of a batch of `items` from `probe`.
// Items whose payload cannot be read back (a corrupt row) are left out and
// their keys added to `unreadable`, so one bad row cannot block the queue.
// `outbox_depth` is reported to the central side (its metrics show a probe
// falling behind).
std::string RenderPushBatch(std::string_view probe, const std::vector<OutboxItem>& items,
                            std::vector<std::string>& unreadable, std::int64_t outbox_depth = 0);
// The acks of a BatchAck body; InvalidArgument when it is not one.
Result<std::vector<PushItemAck>> ParsePushAck(std::string_view body);

}  // namespace tldmon::probe

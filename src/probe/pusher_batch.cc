#include "probe/pusher_batch.h"

#include <utility>

namespace tldmon::probe {

OutboxItem ReportOutboxItem(std::string_view probe, const NamedProbeReport& report) {
  probewire::ResultsBatch one;
  one.probe = std::string(probe);
  one.reports.push_back(report);
  return OutboxItem{probewire::ReportKey(report), OutboxKind::kReport, report.cycle,
                    probewire::RenderResultsBatch(one)};
}

OutboxItem OnlineOutboxItem(std::string_view probe, const probewire::OnlineSample& sample) {
  probewire::ResultsBatch one;
  one.probe = std::string(probe);
  one.online.push_back(sample);
  return OutboxItem{probewire::OnlineKey(sample.minute), OutboxKind::kMinute, sample.minute,
                    probewire::RenderResultsBatch(one)};
}

std::string RenderPushBatch(std::string_view probe, const std::vector<OutboxItem>& items,
                            std::vector<std::string>& unreadable, std::int64_t outbox_depth) {
  probewire::ResultsBatch batch;
  batch.probe = std::string(probe);
  batch.outbox_depth = outbox_depth;
  for (const OutboxItem& item : items) {
    auto one = probewire::ParseResultsBatch(item.payload);
    if (!one.ok() || !one->refused.empty()) {
      unreadable.push_back(item.key);
      continue;
    }
    for (auto& r : one->batch.reports) batch.reports.push_back(std::move(r));
    for (auto& s : one->batch.online) batch.online.push_back(s);
  }
  return probewire::RenderResultsBatch(batch);
}

Result<std::vector<PushItemAck>> ParsePushAck(std::string_view body) {
  auto ack = probewire::ParseBatchAck(body);
  if (!ack.ok()) return ack.status();
  std::vector<PushItemAck> out;
  out.reserve(ack->items.size());
  for (auto& item : ack->items) {
    PushItemAck a;
    a.key = std::move(item.key);
    a.reason = std::move(item.reason);
    switch (item.status) {
      case probewire::AckStatus::kStored:
        a.verdict = PushItemAck::Verdict::kStored;
        break;
      case probewire::AckStatus::kDuplicate:
        a.verdict = PushItemAck::Verdict::kDuplicate;
        break;
      case probewire::AckStatus::kRefused:
        a.verdict = PushItemAck::Verdict::kRefused;
        break;
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace tldmon::probe

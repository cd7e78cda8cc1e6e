#include "probe/pusher.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <unordered_set>
#include <utility>

#include "probe/agent_gzip.h"
#include "probe/pusher_batch.h"

namespace tldmon::probe {

Pusher::Pusher(Outbox& outbox, CentralHttp& http, PusherOptions options, const Clock& clock,
               PushBackoff backoff)
    : outbox_(outbox),
      http_(http),
      options_(std::move(options)),
      clock_(clock),
      backoff_(std::move(backoff)),
      batch_items_(std::max<std::size_t>(1, options_.batch_items)) {}

std::chrono::milliseconds Pusher::Step() {
  ExpireIfDue();
  last_ = PushOnce();
  switch (last_.outcome) {
    case PushAttempt::Outcome::kEmpty:
      return options_.idle_wait;
    case PushAttempt::Outcome::kAcked:
      backoff_.Reset();
      Record(last_);
      return last_.sent >= batch_items_ ? std::chrono::milliseconds(0) : options_.idle_wait;
    case PushAttempt::Outcome::kFailed: {
      Record(last_);
      const auto delay = backoff_.NextDelay();
      spdlog::warn("probe push failed ({}); retry {} in {} ms", last_.error, backoff_.failures(),
                   delay.count());
      return delay;
    }
  }
  return options_.idle_wait;
}

PushAttempt Pusher::PushOnce() {
  PushAttempt attempt;
  auto items = outbox_.Peek(batch_items_);
  if (!items.ok()) {
    attempt.outcome = PushAttempt::Outcome::kFailed;
    attempt.error = "outbox: " + items.status().ToString();
    return attempt;
  }
  if (items->empty()) return attempt;
  attempt.sent = items->size();
  attempt.outcome = PushAttempt::Outcome::kFailed;

  std::vector<std::string> unreadable;
  auto depth = outbox_.Depth();
  const std::string body = RenderPushBatch(options_.probe_name, *items, unreadable,
                                           depth.ok() ? static_cast<std::int64_t>(*depth - items->size()) : 0);
  if (!unreadable.empty()) {
    spdlog::error("probe outbox: {} unreadable items dropped (first: {})", unreadable.size(),
                  unreadable.front());
    if (auto dropped = outbox_.Ack(unreadable); !dropped.ok()) {
      attempt.error = "outbox: " + dropped.status().ToString();
      return attempt;
    }
    if (unreadable.size() == items->size()) {
      attempt.outcome = PushAttempt::Outcome::kAcked;
      attempt.refused = unreadable.size();
      return attempt;
    }
  }
  auto packed = GzipCompress(body);
  if (!packed.ok()) {
    attempt.error = packed.status().ToString();
    return attempt;
  }
  HttpRequest request;
  request.method = "POST";
  request.path = "/probe/v1/results";
  request.headers = {{"Content-Type", "application/json"}, {"Content-Encoding", "gzip"}};
  request.body = std::move(*packed);
  auto reply = http_.Send(request);
  if (!reply.ok()) {
    attempt.error = reply.status().message();
    return attempt;
  }
  if (reply->status == 413 && batch_items_ > 1) {
    // The central side's body limit is below our batch: smaller batches.
    batch_items_ = std::max<std::size_t>(1, batch_items_ / 2);
    spdlog::warn("probe push: central refused a {}-item batch as too large; now {} items",
                 attempt.sent, batch_items_);
  }
  if (reply->status != 200) {
    attempt.error = "HTTP " + std::to_string(reply->status) + ": " + reply->body.substr(0, 200);
    return attempt;
  }
  auto acks = ParsePushAck(reply->body);
  if (!acks.ok()) {
    attempt.error = "ack: " + acks.status().message();
    return attempt;
  }

  std::unordered_set<std::string> sent_keys;
  for (const OutboxItem& item : *items) sent_keys.insert(item.key);
  for (const std::string& key : unreadable) sent_keys.erase(key);
  std::vector<std::string> done;
  for (const PushItemAck& ack : *acks) {
    if (!sent_keys.erase(ack.key)) continue;  // not ours (or named twice): ignore
    switch (ack.verdict) {
      case PushItemAck::Verdict::kStored:
        ++attempt.stored;
        break;
      case PushItemAck::Verdict::kDuplicate:
        ++attempt.duplicate;
        break;
      case PushItemAck::Verdict::kRefused:
        ++attempt.refused;
        spdlog::error("probe push: central refused {}: {} (dropped from the outbox)", ack.key,
                      ack.reason);
        break;
    }
    done.push_back(ack.key);
  }
  attempt.kept = sent_keys.size();
  if (done.empty()) {
    // A 200 that settles nothing must not become a tight loop.
    attempt.error = "the ack named none of the " + std::to_string(attempt.sent) + " items sent";
    return attempt;
  }
  auto deleted = outbox_.Ack(done);
  if (!deleted.ok()) {
    // The central side has them; they will be sent again and come back as
    // duplicates.
    attempt.error = "outbox ack: " + deleted.status().ToString();
    return attempt;
  }
  attempt.outcome = PushAttempt::Outcome::kAcked;
  if (attempt.kept > 0) {
    spdlog::warn("probe push: {} of {} items not acknowledged; they stay queued", attempt.kept,
                 attempt.sent);
  }
  return attempt;
}

void Pusher::ExpireIfDue() {
  const UnixSeconds now = clock_.Now();
  if (last_expire_ != 0 && now - last_expire_ < options_.expire_every_seconds) return;
  last_expire_ = now;
  auto expired = outbox_.Expire(now, options_.max_age_seconds, options_.max_rows);
  if (!expired.ok()) {
    spdlog::error("probe outbox expiry failed: {}", expired.status().ToString());
  } else if (*expired > 0) {
    spdlog::warn("probe outbox: {} results expired unsent (older than {} s or beyond {} rows)",
                 *expired, options_.max_age_seconds, options_.max_rows);
  }
}

void Pusher::Record(const PushAttempt& attempt) {
  const std::string now = std::to_string(clock_.Now());
  std::string result;
  if (attempt.outcome == PushAttempt::Outcome::kAcked) {
    result = "ok: " + std::to_string(attempt.sent) + " sent, " + std::to_string(attempt.stored) +
             " stored, " + std::to_string(attempt.duplicate) + " duplicate, " +
             std::to_string(attempt.refused) + " refused, " + std::to_string(attempt.kept) +
             " kept";
  } else {
    result = "error: " + attempt.error;
  }
  // Status bookkeeping must not stop the pushing: failures are logged only.
  Status s = outbox_.SetState(kStateLastPushTime, now);
  if (s.ok()) s = outbox_.SetState(kStateLastPushResult, result);
  if (s.ok() && attempt.outcome == PushAttempt::Outcome::kAcked) {
    s = outbox_.SetState(kStateLastPushOkTime, now);
  }
  if (!s.ok()) spdlog::warn("probe status not recorded: {}", s.ToString());
}

void Pusher::Wake() {
  {
    std::lock_guard lock(wake_mu_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

void Pusher::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    const auto delay = Step();
    if (last_.outcome == PushAttempt::Outcome::kAcked) {
      spdlog::debug("probe push: {} sent, {} stored, {} duplicate, {} refused", last_.sent,
                    last_.stored, last_.duplicate, last_.refused);
    }
    std::unique_lock lock(wake_mu_);
    // A Wake during a backoff does not cut the backoff short: new results
    // do not make an unreachable central side reachable.
    if (last_.outcome == PushAttempt::Outcome::kFailed) {
      wake_cv_.wait_for(lock, stop, delay, [] { return false; });
    } else {
      wake_cv_.wait_for(lock, stop, delay, [this] { return woken_; });
    }
    woken_ = false;
  }
}

}  // namespace tldmon::probe

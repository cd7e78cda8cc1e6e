// Pusher: drains the outbox to the central side (issue 9 "Outbox"):
// `POST <central>/probe/v1/results` with the oldest queued items as one
// gzip-compressed ResultsBatch, `Authorization: Bearer <token>`. The per-item
// ack decides each item's fate:
//   stored, duplicate -> deleted (the central side has it; a result sent
//                        twice is stored once there);
//   refused           -> deleted and logged with the reason: a refusal is
//                        about the item (unknown entity, a cycle outside the
//                        retention, a name server not in the configuration),
//                        so sending it again would be refused again, forever;
//   not named         -> kept and sent again.
// No reply, a non-200 status or an unreadable ack keep every item and back off
// (PushBackoff: full jitter, 1 s doubling to 5 min), so an outage of hours
// loses nothing; the oldest items go first when it ends.
//
// Threading: Step() is the whole algorithm and never sleeps — tests drive it
// with a fake clock and random source. Run() is the pusher's own thread
// (libcurl's easy interface blocks): it calls Step() and waits for the delay
// it returns, or until Wake() (new results) or the stop request. The Pusher
// owns its own Outbox connection and CentralHttp; nothing else touches them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <stop_token>
#include <string>

#include "core/clock.h"
#include "probe/agent_http.h"
#include "probe/outbox.h"
#include "probe/pusher_backoff.h"

namespace tldmon::probe {

struct PusherOptions {
  std::string probe_name{};
  std::size_t batch_items = 1000;  // items per POST (halved after a 413)
  // How long to wait when the outbox is empty (Wake() cuts it short).
  std::chrono::milliseconds idle_wait{5000};
  // Outbox expiry (issue 9: default 7 days; 0 rows = no row bound), checked
  // at most once per `expire_every`.
  std::int64_t max_age_seconds = kDefaultOutboxMaxAgeSeconds;
  std::size_t max_rows = 0;
  std::int64_t expire_every_seconds = 60;
};

// What one Step did (for tests and logs).
struct PushAttempt {
  enum class Outcome { kEmpty, kAcked, kFailed };
  Outcome outcome = Outcome::kEmpty;
  std::size_t sent = 0;
  std::size_t stored = 0;
  std::size_t duplicate = 0;
  std::size_t refused = 0;
  std::size_t kept = 0;  // sent but not named in the ack
  std::string error;     // kFailed: why
};

// agent_state names the pusher writes (read by `tldmon probe status`).
inline constexpr std::string_view kStateLastPushTime = "push.last_time";
inline constexpr std::string_view kStateLastPushResult = "push.last_result";
inline constexpr std::string_view kStateLastPushOkTime = "push.last_ok_time";

class Pusher {
 public:
  Pusher(Outbox& outbox, CentralHttp& http, PusherOptions options, const Clock& clock,
         PushBackoff backoff);

  // One push attempt (and, when due, an expiry pass). Returns the delay
  // before the next Step: 0 when a full batch was acked (more may be
  // queued), idle_wait when the outbox is empty or drained, the backoff's
  // delay after a failure.
  std::chrono::milliseconds Step();
  const PushAttempt& last_attempt() const { return last_; }

  // The pusher thread's body: Step, wait, repeat, until `stop`.
  void Run(std::stop_token stop);
  // Ends the current wait (results were queued). Thread-safe.
  void Wake();

 private:
  PushAttempt PushOnce();
  void ExpireIfDue();
  void Record(const PushAttempt& attempt);

  Outbox& outbox_;
  CentralHttp& http_;
  PusherOptions options_;
  const Clock& clock_;
  PushBackoff backoff_;
  std::size_t batch_items_;
  UnixSeconds last_expire_ = 0;
  PushAttempt last_;

  std::mutex wake_mu_;
  std::condition_variable_any wake_cv_;
  bool woken_ = false;  // guarded by wake_mu_
};

}  // namespace tldmon::probe

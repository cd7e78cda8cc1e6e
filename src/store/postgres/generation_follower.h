// GenerationFollower: how a follower host learns that the engine leader
// published a new cycle (issue 13: "within 1 s of the leader's commit";
// ../shared/spec/scale.md §3). The leader calls PublishGeneration inside
// its fenced commit transaction: the counter rises and NOTIFY tldmon_cycle
// is sent, both at the commit or neither. The follower keeps its own
// connection on its own thread, LISTENs, and waits on the socket; on a
// notification, on every `poll_every` (the safety net: a notification sent
// while it was disconnected is lost), and right after every (re)connect it
// reads the counter and calls `on_generation` when it rose.
//
// Thread-safe: generation() from any thread; the callback runs on the
// follower's thread, one call at a time.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_listener.h"

namespace tldmon::store::postgres {

inline constexpr const char kCycleChannel[] = "tldmon_cycle";

// Inside the leader's (fenced) transaction: generation + 1, and the NOTIFY
// that goes out with the commit. Returns the new generation.
Result<std::int64_t> PublishGeneration(PgConn& conn, std::int64_t epoch);
// The published generation now.
Result<std::int64_t> PublishedGeneration(PgConn& conn);

struct FollowerOptions {
  std::string conninfo;
  std::chrono::milliseconds poll_every{5000};
  std::chrono::milliseconds reconnect_every{1000};
};

class GenerationFollower {
 public:
  using OnGeneration = std::function<void(std::int64_t generation)>;
  GenerationFollower(FollowerOptions options, OnGeneration on_generation);
  GenerationFollower(const GenerationFollower&) = delete;
  GenerationFollower& operator=(const GenerationFollower&) = delete;

  void Start() { listener_.Start(); }
  void Stop() { listener_.Stop(); }

  // The newest generation seen (0 before the first read).
  std::int64_t generation() const { return generation_.load(); }
  // Notifications received, polls that found a change, reconnects (metrics).
  std::uint64_t notifications() const { return listener_.notifications(); }
  std::uint64_t poll_catches() const { return poll_catches_.load(); }
  std::uint64_t reconnects() const { return listener_.reconnects(); }

 private:
  // Reads the counter; calls back when it rose. False if the read failed.
  bool Check(PgConn& conn);

  OnGeneration on_generation_;
  std::atomic<std::int64_t> generation_{0};
  std::atomic<std::uint64_t> poll_catches_{0};
  // Last: its thread calls Check, so it stops (is destroyed) first.
  PgListener listener_;
};

}  // namespace tldmon::store::postgres

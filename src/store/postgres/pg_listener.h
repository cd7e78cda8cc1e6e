// PgListener: a connection of its own, on a thread of its own, that LISTENs
// to one channel and hands what arrives to callbacks. It reconnects
// forever (every `reconnect_every`) until Stop(). A notification sent while
// it was disconnected is lost, so on_connected runs after every
// (re)connect, once LISTEN is in place: a reader can re-read or forget what
// it may have missed. on_poll runs every `poll_every` for the same reason.
//
// Used by GenerationFollower (the engine leader's publishes) and
// auth::SharedSessionStore (sessions ended on other hosts).
//
// Callbacks run on the listener's thread, one at a time; one returning
// false drops the connection (then on_lost, and a reconnect).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/pg_conn.h"

namespace tldmon::store::postgres {

struct PgListenerOptions {
  std::string conninfo;
  std::string channel;
  std::string application_name = "tldmon-listener";
  std::chrono::milliseconds poll_every{5000};
  std::chrono::milliseconds reconnect_every{1000};
};

struct PgListenerCallbacks {
  std::function<bool(PgConn&)> on_connected;
  // The payloads of the notifications that arrived together.
  std::function<bool(PgConn&, const std::vector<std::string>& payloads)> on_notifications;
  std::function<bool(PgConn&)> on_poll;
  // The connection is gone (or could not be made after a success).
  std::function<void()> on_lost;
};

class PgListener {
 public:
  PgListener(PgListenerOptions options, PgListenerCallbacks callbacks);
  ~PgListener();  // Stop()
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;

  void Start();
  void Stop();

  // Batches of notifications received, and reconnects after the first
  // connection (metrics).
  std::uint64_t notifications() const { return notifications_.load(); }
  std::uint64_t reconnects() const { return reconnects_.load(); }

 private:
  void Run();
  // Serves one connection until it is lost or Stop().
  void Serve(PgConn& conn);

  PgListenerOptions options_;
  PgListenerCallbacks callbacks_;
  std::thread thread_;
  int wake_[2] = {-1, -1};  // a pipe: Stop() writes to end the wait
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> notifications_{0}, reconnects_{0};
};

}  // namespace tldmon::store::postgres

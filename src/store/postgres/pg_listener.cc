#include "store/postgres/pg_listener.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace tldmon::store::postgres {

using SteadyClock = std::chrono::steady_clock;

PgListener::PgListener(PgListenerOptions options, PgListenerCallbacks callbacks)
    : options_(std::move(options)), callbacks_(std::move(callbacks)) {
  if (pipe(wake_) != 0) wake_[0] = wake_[1] = -1;
}

PgListener::~PgListener() {
  Stop();
  if (wake_[0] >= 0) close(wake_[0]);
  if (wake_[1] >= 0) close(wake_[1]);
}

void PgListener::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void PgListener::Stop() {
  if (!thread_.joinable()) return;
  stop_ = true;
  const char byte = 1;
  if (wake_[1] >= 0) (void)!write(wake_[1], &byte, 1);
  thread_.join();
  char drain[16];
  while (wake_[0] >= 0) {
    pollfd p{wake_[0], POLLIN, 0};
    if (poll(&p, 1, 0) <= 0 || read(wake_[0], drain, sizeof drain) <= 0) break;
  }
}

void PgListener::Run() {
  const std::vector<std::pair<std::string, std::string>> connection_options = {
      {"connect_timeout", "5"},  {"keepalives", "1"},
      {"keepalives_idle", "5"},  {"keepalives_interval", "2"},
      {"keepalives_count", "2"}, {"application_name", options_.application_name},
  };
  // Waits before the next attempt (or until Stop()).
  const auto pause = [this] {
    pollfd p{wake_[0], POLLIN, 0};
    poll(&p, 1, static_cast<int>(options_.reconnect_every.count()));
  };
  bool first = true;
  while (!stop_) {
    auto c = PgConn::Connect(options_.conninfo, connection_options);
    // The channel is a constant of ours, never client input.
    if (!c.ok() || !(*c)->ExecScript("LISTEN " + options_.channel).ok()) {
      pause();
      continue;
    }
    if (!first) ++reconnects_;
    first = false;
    // Listening before on_connected reads: what changes after its read is
    // notified, what changed before it is read there.
    if (!callbacks_.on_connected || callbacks_.on_connected(**c)) Serve(**c);
    if (callbacks_.on_lost) callbacks_.on_lost();
    if (!stop_) pause();
  }
}

void PgListener::Serve(PgConn& conn) {
  SteadyClock::time_point next_poll = SteadyClock::now() + options_.poll_every;
  while (!stop_ && conn.ok()) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(next_poll - SteadyClock::now());
    pollfd fds[2] = {{PQsocket(conn.raw()), POLLIN, 0}, {wake_[0], POLLIN, 0}};
    const int n = poll(fds, 2, static_cast<int>(std::max<std::int64_t>(0, left.count())));
    if (stop_) return;
    std::vector<std::string> payloads;
    if (n > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) != 0) {
      if (PQconsumeInput(conn.raw()) == 0) return;  // connection lost
      while (PGnotify* note = PQnotifies(conn.raw())) {
        payloads.emplace_back(note->extra != nullptr ? note->extra : "");
        PQfreemem(note);
      }
    }
    if (!payloads.empty()) {
      ++notifications_;
      if (callbacks_.on_notifications && !callbacks_.on_notifications(conn, payloads)) return;
    } else if (SteadyClock::now() >= next_poll) {
      if (callbacks_.on_poll && !callbacks_.on_poll(conn)) return;
      next_poll = SteadyClock::now() + options_.poll_every;
    }
  }
}

}  // namespace tldmon::store::postgres

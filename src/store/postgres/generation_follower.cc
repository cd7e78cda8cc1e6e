#include "store/postgres/generation_follower.h"

#include <poll.h>
#include <unistd.h>

#include <utility>

namespace tldmon::store::postgres {

using Clock = std::chrono::steady_clock;

Result<std::int64_t> PublishGeneration(PgConn& conn, std::int64_t epoch) {
  auto r = conn.Exec(
      "UPDATE publish_state SET generation = generation + 1, epoch = $1,"
      " published_at = clock_timestamp() WHERE id = 1 RETURNING generation",
      {epoch});
  if (!r.ok()) return r.status();
  if (r->rows() != 1) return Internal("publish_state has no row (migration 2 not applied?)");
  const std::int64_t generation = r->Int(0, 0);
  TLDMON_RETURN_IF_ERROR(
      conn.Exec("SELECT pg_notify($1, $2)", {kCycleChannel, std::to_string(generation)}).status());
  return generation;
}

Result<std::int64_t> PublishedGeneration(PgConn& conn) {
  auto r = conn.Exec("SELECT generation FROM publish_state WHERE id = 1");
  if (!r.ok()) return r.status();
  if (r->rows() != 1) return Internal("publish_state has no row (migration 2 not applied?)");
  return r->Int(0, 0);
}

GenerationFollower::GenerationFollower(FollowerOptions options, OnGeneration on_generation)
    : options_(std::move(options)), on_generation_(std::move(on_generation)) {
  if (pipe(wake_) != 0) wake_[0] = wake_[1] = -1;
}

GenerationFollower::~GenerationFollower() {
  Stop();
  if (wake_[0] >= 0) close(wake_[0]);
  if (wake_[1] >= 0) close(wake_[1]);
}

void GenerationFollower::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void GenerationFollower::Stop() {
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

bool GenerationFollower::Check(PgConn& conn) {
  auto g = PublishedGeneration(conn);
  if (!g.ok()) return false;
  std::int64_t seen = generation_.load();
  if (*g > seen) {
    generation_ = *g;
    if (on_generation_) on_generation_(*g);
  }
  return true;
}

void GenerationFollower::Run() {
  const std::vector<std::pair<std::string, std::string>> connection_options = {
      {"connect_timeout", "5"},
      {"keepalives", "1"},
      {"keepalives_idle", "5"},
      {"keepalives_interval", "2"},
      {"keepalives_count", "2"},
      {"application_name", "tldmon-follower"},
  };
  // Waits before the next attempt (or until Stop()).
  const auto pause = [this] {
    pollfd p{wake_[0], POLLIN, 0};
    poll(&p, 1, static_cast<int>(options_.reconnect_every.count()));
  };
  bool first = true;
  while (!stop_) {
    auto c = PgConn::Connect(options_.conninfo, connection_options);
    if (!c.ok() || !(*c)->ExecScript(std::string("LISTEN ") + kCycleChannel).ok()) {
      pause();
      continue;
    }
    if (!first) ++reconnects_;
    first = false;
    PgConn& conn = **c;
    // Listening before this read: a publish after it is notified, one
    // before it is read here.
    if (!Check(conn)) {
      pause();
      continue;
    }
    Clock::time_point next_poll = Clock::now() + options_.poll_every;
    while (!stop_ && conn.ok()) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(next_poll - Clock::now());
      pollfd fds[2] = {{PQsocket(conn.raw()), POLLIN, 0}, {wake_[0], POLLIN, 0}};
      const int n = poll(fds, 2, static_cast<int>(std::max<std::int64_t>(0, left.count())));
      if (stop_) break;
      bool notified = false;
      if (n > 0 && (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) != 0) {
        if (PQconsumeInput(conn.raw()) == 0) break;  // connection lost
        while (PGnotify* note = PQnotifies(conn.raw())) {
          notified = true;
          PQfreemem(note);
        }
      }
      if (notified) {
        ++notifications_;
        if (!Check(conn)) break;
      } else if (Clock::now() >= next_poll) {
        const std::int64_t before = generation_.load();
        if (!Check(conn)) break;
        if (generation_.load() != before) ++poll_catches_;
        next_poll = Clock::now() + options_.poll_every;
      }
    }
  }
}

}  // namespace tldmon::store::postgres

#include "store/postgres/generation_follower.h"

#include <utility>

namespace tldmon::store::postgres {

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
    : on_generation_(std::move(on_generation)),
      listener_(PgListenerOptions{options.conninfo, kCycleChannel, "tldmon-follower",
                                  options.poll_every, options.reconnect_every},
                PgListenerCallbacks{
                    [this](PgConn& conn) { return Check(conn); },
                    [this](PgConn& conn, const std::vector<std::string>&) { return Check(conn); },
                    [this](PgConn& conn) {
                      const std::int64_t before = generation_.load();
                      if (!Check(conn)) return false;
                      if (generation_.load() != before) ++poll_catches_;
                      return true;
                    },
                    nullptr}) {}

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

}  // namespace tldmon::store::postgres

// PgPool: a few PgConn of the same server, lent out one caller at a time.
//
// Why: PostgresStore's own connection carries the engine's and the
// ingest's write transactions under the store's mutex. API reads that
// queued behind it waited for a leader's whole cycle commit, and ran one
// at a time on every host. Reads that need no store state take a pooled
// connection instead (postgres_store_reads.cc), so they run side by side
// and never wait for a writer.
//
// Connections open on first need, up to `capacity`, with the options of
// the store's own connection, and reconnect after a PostgreSQL restart
// (PgConn::set_reconnect); a read that met the lost connection is sent again
// on the new one (PgConn::set_retry_reads), so a restart costs no request. One that is lost for good when handed back is
// closed and its place freed. When all are lent, Acquire waits up to
// `wait`, then answers Unavailable (the API's documented 503): a bounded
// queue, not an unbounded one.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/thread_annotations.h"
#include "store/postgres/pg_conn.h"

namespace tldmon::store::postgres {

class PgPool {
 public:
  using Options = std::vector<std::pair<std::string, std::string>>;

  PgPool(std::string conninfo, Options options, std::size_t capacity,
         std::chrono::milliseconds wait);
  ~PgPool();
  PgPool(const PgPool&) = delete;
  PgPool& operator=(const PgPool&) = delete;

  // A lent connection; back to the pool when destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept
        : pool_(std::exchange(other.pool_, nullptr)), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConn& operator*() const { return *conn_; }
    PgConn* operator->() const { return conn_.get(); }

   private:
    friend class PgPool;
    Lease(PgPool* pool, std::unique_ptr<PgConn> conn) : pool_(pool), conn_(std::move(conn)) {}
    PgPool* pool_;
    std::unique_ptr<PgConn> conn_;
  };

  Result<Lease> Acquire() EXCLUDES(mu_);

  // For tests and /metrics.
  struct Stats {
    std::size_t capacity = 0;
    std::size_t open = 0;  // lent or idle
    std::size_t lent = 0;
    std::uint64_t timeouts = 0;  // Acquire calls that gave up (Unavailable)
  };
  Stats stats() const EXCLUDES(mu_);

 private:
  void Return(std::unique_ptr<PgConn> conn) EXCLUDES(mu_);

  const std::string conninfo_;
  const Options options_;
  const std::size_t capacity_;
  const std::chrono::milliseconds wait_;
  mutable Mutex mu_;
  std::condition_variable_any returned_;
  std::vector<std::unique_ptr<PgConn>> idle_ GUARDED_BY(mu_);
  std::size_t open_ GUARDED_BY(mu_) = 0;  // idle + lent + being opened
  std::uint64_t timeouts_ GUARDED_BY(mu_) = 0;
};

}  // namespace tldmon::store::postgres

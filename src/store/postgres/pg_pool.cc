#include "store/postgres/pg_pool.h"

namespace tldmon::store::postgres {

PgPool::PgPool(std::string conninfo, Options options, std::size_t capacity,
               std::chrono::milliseconds wait)
    : conninfo_(std::move(conninfo)),
      options_(std::move(options)),
      capacity_(capacity == 0 ? 1 : capacity),
      wait_(wait) {}

PgPool::~PgPool() = default;

PgPool::Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Return(std::move(conn_));
}

Result<PgPool::Lease> PgPool::Acquire() {
  {
    MutexLock lock(mu_);
    const auto deadline = std::chrono::steady_clock::now() + wait_;
    while (idle_.empty() && open_ >= capacity_) {
      if (returned_.wait_until(lock, deadline) == std::cv_status::timeout &&
          idle_.empty() && open_ >= capacity_) {
        ++timeouts_;
        return Unavailable("all " + std::to_string(capacity_) +
                           " PostgreSQL read connections are busy");
      }
    }
    if (!idle_.empty()) {
      std::unique_ptr<PgConn> conn = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(conn));
    }
    ++open_;  // this caller opens one; its place is taken while it connects
  }
  auto conn = PgConn::Connect(conninfo_, options_);
  if (!conn.ok()) {
    MutexLock lock(mu_);
    --open_;
    returned_.notify_one();
    return conn.status();
  }
  (*conn)->set_reconnect(true);
  (*conn)->set_retry_reads(true);
  return Lease(this, std::move(*conn));
}

void PgPool::Return(std::unique_ptr<PgConn> conn) {
  MutexLock lock(mu_);
  if (conn->ok()) {
    idle_.push_back(std::move(conn));
  } else {
    --open_;  // lost for good (its reconnect failed too): the next caller opens anew
  }
  returned_.notify_one();
}

PgPool::Stats PgPool::stats() const {
  MutexLock lock(mu_);
  return {capacity_, open_, open_ - idle_.size(), timeouts_};
}

}  // namespace tldmon::store::postgres

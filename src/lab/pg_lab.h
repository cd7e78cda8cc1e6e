// PgLab: a throwaway PostgreSQL cluster for tests and benchmarks (issue 13;
// ../shared/spec/scale.md §1.3, recipe A): initdb into a temp dir, then the
// `postgres` server itself as a child process, listening on a Unix socket in
// that dir and on 127.0.0.1 at a free port (the partition and reconnect
// tests need TCP), fsync off. Stopped (fast shutdown) and removed by the
// destructor; the server also gets SIGINT if this process dies, so a
// crashed test leaves no cluster behind.
//
// initdb refuses to run as root: as root, initdb and the server run as the
// `postgres` user (Debian's postgresql-15 package creates it) and the temp
// dir is given to it. The binaries are found in /usr/lib/postgresql/<N>/bin,
// the newest N (Debian keeps them off PATH).
//
// Not thread-safe. Start() is Unavailable when PostgreSQL is not installed
// (scripts/install-deps installs postgresql-15).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"
#include "lab/child_process.h"

namespace tldmon::lab {

class PgLab {
 public:
  // Creates and starts a cluster (about 2 s, most of it initdb).
  static Result<std::unique_ptr<PgLab>> Start();
  ~PgLab();
  PgLab(const PgLab&) = delete;
  PgLab& operator=(const PgLab&) = delete;

  // A libpq connection string for database `db`, over the Unix socket or
  // over TCP to 127.0.0.1.
  std::string ConnInfo(const std::string& db = "postgres") const;
  std::string TcpConnInfo(const std::string& db = "postgres") const;
  // CREATE DATABASE with a fresh name ("t1", "t2", ...); returns the name.
  Result<std::string> CreateDatabase();

  // Fast shutdown (clients are disconnected), then start again on the same
  // port and data: a PostgreSQL restart as a test wants it.
  Status Restart();
  // SIGKILL of the server (a crash); Restart() brings it back.
  void Kill();
  bool running() const { return server_.running(); }

  std::uint16_t port() const { return port_; }
  const std::string& dir() const { return dir_; }

 private:
  PgLab() = default;
  Status Launch();
  void Shutdown();

  std::string dir_, bin_;
  std::uint16_t port_ = 0;
  ChildProcess server_;
  uid_t uid_ = 0;  // the server's user (this process's when not root)
  gid_t gid_ = 0;
  int next_db_ = 0;
};

}  // namespace tldmon::lab

// Outbox: the probe's local SQLite queue of results not yet acknowledged by
// the central side (DESIGN.md "Probe protocol", probe-agent.md §5.2). Every
// result is Put here BEFORE it is sent and deleted only by Ack (the central
// side stored it, already had it, or refused it for good) or by Expire (too
// old, or the queue over its row bound). A restart finds every unacknowledged
// result again; Put of a key already queued is a no-op, so a re-run cycle
// cannot queue a result twice.
//
// The database also holds `agent_state`, small name/value pairs the agent
// writes for `tldmon probe status` (last config, last push, online state,
// last cycle per service), so status can read them while the probe runs.
//
// Durability: WAL with synchronous=NORMAL. A commit is a write() into the
// WAL, so a killed process (kill -9) loses nothing that was committed; only
// an operating-system crash or power loss can lose the commits since the last
// WAL sync. FULL would fsync on every Put, and Puts run on the scheduler's
// event loop, where a multi-millisecond fsync would inflate the RTTs of the
// tests in flight (slam-algorithms.md §4: RTT is measured to the reply's
// arrival, which the loop timestamps). A probe whose host lost power was not
// measuring anyway; the central side treats those minutes as the probe's.
//
// Thread-safety: one Outbox object per thread. Several Outbox objects (the
// scheduler's, the pusher's, a status reader's) may use one database file
// at once; SQLite's locking with a busy timeout serialises the writers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"

struct sqlite3;

namespace tldmon::probe {

// What an outbox row carries.
enum class OutboxKind : std::uint8_t {
  kReport = 0,  // a NamedProbeReport, as the wire JSON of one report
  kMinute = 1,  // an online sample of one minute, as the wire JSON of one sample
};

struct OutboxItem {
  // Unique per result: probewire's ReportKey for reports (probe, entity,
  // test, cycle), and the analogous key of a minute sample. The central
  // side's ack names items by this key.
  std::string key;
  OutboxKind kind = OutboxKind::kReport;
  // The measured cycle (report) or minute (sample): what Expire's age is
  // measured from.
  UnixSeconds time = 0;
  std::string payload;  // the wire JSON of the item
  friend bool operator==(const OutboxItem&, const OutboxItem&) = default;
};

struct OutboxOptions {
  // Milliseconds a statement waits for another connection's write lock.
  int busy_timeout_ms = 5000;
  // Open read-only (`tldmon probe status`): no schema creation, no writes.
  bool read_only = false;
};

class Outbox {
 public:
  // "<data_dir>/outbox.db".
  static std::string PathIn(const std::string& data_dir);

  // Opens (creating if needed, unless read_only) the outbox database at
  // `path`; its directory must exist. IoError when SQLite cannot open it,
  // NotFound for a read-only open of a missing file.
  static Result<std::unique_ptr<Outbox>> Open(const std::string& path, OutboxOptions options = {});
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Queues `item` durably (see the header comment). Returns true when it was
  // queued now, false when its key was already queued (the queued item is
  // kept as it is: the first measurement of a key is the one sent).
  Result<bool> Put(const OutboxItem& item);
  // Queues several items in one transaction; returns how many were new.
  Result<std::size_t> PutAll(const std::vector<OutboxItem>& items);

  // Up to `max_items` oldest queued items (in Put order). Leaves them queued.
  Result<std::vector<OutboxItem>> Peek(std::size_t max_items);

  // Deletes the items with these keys (unknown keys are ignored); returns how
  // many were deleted. One transaction.
  Result<std::size_t> Ack(const std::vector<std::string>& keys);

  // Deletes items measured before `now - max_age_seconds`, then the oldest
  // items beyond `max_rows` (0 = no row bound). Returns how many were
  // deleted, for the caller to log: an expired result is a result lost.
  Result<std::size_t> Expire(UnixSeconds now, std::int64_t max_age_seconds,
                             std::size_t max_rows);

  // Number of queued items.
  Result<std::size_t> Depth();

  // agent_state: small name/value pairs for `tldmon probe status`.
  Status SetState(std::string_view name, std::string_view value);
  // nullopt when the name was never set.
  Result<std::optional<std::string>> GetState(std::string_view name);
  // Every pair, ordered by name.
  Result<std::vector<std::pair<std::string, std::string>>> AllState();

 private:
  explicit Outbox(sqlite3* db) : db_(db) {}
  Status Exec(const char* sql);
  sqlite3* db_;
};

inline constexpr std::int64_t kDefaultOutboxMaxAgeSeconds = 7 * 24 * 3600;

}  // namespace tldmon::probe

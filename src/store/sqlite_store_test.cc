// SqliteStore: runs the Store contract suite on a temporary database file and
// tests what is specific to SQLite (file handling, pragmas, migrations,
// sharing the file between connections).
#include "store/sqlite/sqlite_store.h"

#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store_contract.h"

namespace tldmon::store::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A fresh directory under the test temp dir, removed at the end.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name =
        std::string("tldmon_store_") + info->name() + "_" + std::to_string(counter++);
    for (char& ch : name)
      if (ch == '/') ch = '_';
    path_ = fs::path(::testing::TempDir()) / name;
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

class SqliteHarness : public StoreHarness {
 public:
  Result<std::unique_ptr<Store>> Open() override {
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(dir_.File("tldmon.db"));
    if (!s.ok()) return s.status();
    return std::unique_ptr<Store>(std::move(s).value());
  }

 private:
  TempDir dir_;
};

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContractTest,
                         ::testing::Values(StoreBackend{
                             "Sqlite", [] { return std::make_unique<SqliteHarness>(); }}),
                         BackendName);

// Runs one statement on its own connection, outside the store.
std::string QueryOnce(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
    while (sqlite3_step(st) == SQLITE_ROW) {
      if (!out.empty()) out += ",";
      const unsigned char* t = sqlite3_column_text(st, 0);
      out += t != nullptr ? reinterpret_cast<const char*>(t) : "NULL";
    }
  } else {
    ADD_FAILURE() << sqlite3_errmsg(db);
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST(SqliteStore, OpeningAPathInAMissingDirectoryIsAClearIoError) {
  TempDir dir;
  const std::string path = dir.File("no/such/dir/tldmon.db");
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIoError);
  EXPECT_THAT(s.status().message(), HasSubstr("directory"));
  EXPECT_THAT(s.status().message(), HasSubstr("no/such/dir"));
  EXPECT_FALSE(fs::exists(dir.File("no")));
}

TEST(SqliteStore, AFileThatIsNotADatabaseIsAnIoError) {
  TempDir dir;
  const std::string path = dir.File("notes.txt");
  std::ofstream(path) << "this is not an SQLite database, just some text that is long enough\n";
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIoError);
  EXPECT_THAT(s.status().message(), HasSubstr(path));
}

TEST(SqliteStore, UsesWalAndRecordsEveryMigration) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  ASSERT_TRUE(SqliteStore::Open(path).ok());
  // journal_mode=WAL is persistent: a new connection sees it.
  EXPECT_EQ(QueryOnce(path, "PRAGMA journal_mode"), "wal");
  std::string versions;
  for (const sqlite::Migration& m : sqlite::Migrations()) {
    if (!versions.empty()) versions += ",";
    versions += std::to_string(m.version);
  }
  EXPECT_EQ(versions, "1,2,3,4,5,6,7,8,9,10,11,12");
  EXPECT_EQ(QueryOnce(path, "SELECT version FROM schema_version ORDER BY version"), versions);
  EXPECT_EQ(QueryOnce(path, "SELECT name FROM schema_version WHERE version = 1"),
            "0001_config_and_probe_data");
}

TEST(SqliteStore, MigratesAnExistingOlderFileKeepingItsData) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  {
    // The file as a tldmon knowing only migration 1 left it, with a probe.
    Result<std::unique_ptr<sqlite::SqliteDb>> db = sqlite::SqliteDb::Open(path, 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    Result<int> before = sqlite::MigrateTo(**db, 1);
    ASSERT_TRUE(before.ok()) << before.status().ToString();
    EXPECT_EQ(*before, 0);
    ASSERT_TRUE((*db)
                    ->Exec("INSERT INTO probe (idx, name, enabled, ipv4, ipv6, rdds, rdap)"
                           " VALUES (0, 'Probe1-Server1', 1, 1, 0, 1, 1)")
                    .ok());
  }
  EXPECT_EQ(QueryOnce(path, "SELECT max(version) FROM schema_version"), "1");
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(QueryOnce(path, "SELECT max(version) FROM schema_version"),
            std::to_string(sqlite::LatestSchemaVersion()));
  Result<std::vector<ProbeRecord>> probes = (*s)->LoadProbes();
  ASSERT_TRUE(probes.ok());
  ProbeNode want;
  want.name = "Probe1-Server1";
  want.ipv6 = false;
  EXPECT_EQ(*probes, (std::vector<ProbeRecord>{{want, true}}));
  // Migration 2's tables work.
  TLDMON_ASSERT_OK((*s)->PutEntities(std::vector{DnsOnlyTld()}));
  engine::EngineState state;
  state.last_cycle[0] = kT0;
  engine::CycleOutput out;
  out.cycle = kT0;
  TLDMON_ASSERT_OK((*s)->CommitCycle(out, state));
  EXPECT_EQ(*(*s)->LoadEngineState(), state);
}

TEST(SqliteStore, ReopeningAnUpToDateFileAppliesNothing) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  ASSERT_TRUE(SqliteStore::Open(path).ok());
  ASSERT_TRUE(SqliteStore::Open(path).ok());
  EXPECT_EQ(QueryOnce(path, "SELECT count(*) FROM schema_version"),
            std::to_string(sqlite::LatestSchemaVersion()));
}

TEST(SqliteStore, AFileFromANewerTldmonIsRefusedUntouched) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  ASSERT_TRUE(SqliteStore::Open(path).ok());
  const std::string future = std::to_string(sqlite::LatestSchemaVersion() + 1);
  QueryOnce(path, "INSERT INTO schema_version (version, name) VALUES (" + future + ", 'future')");
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.status().message(), HasSubstr("schema version " + future));
  EXPECT_THAT(s.status().message(), HasSubstr("newer"));
  EXPECT_EQ(QueryOnce(path, "SELECT group_concat(version) FROM schema_version"),
            "1,2,3,4,5,6,7,8,9,10,11,12," + future);
}

// `tldmon admin status` reads a store it may not write to.
TEST(SqliteStore, AReadOnlyStoreReadsEverythingAndWritesNothing) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  {
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    TLDMON_ASSERT_OK((*s)->PutEntities(std::vector{DnsOnlyTld()}));
    TLDMON_ASSERT_OK((*s)->AddProbe(ThreeProbes()[0]));
    TLDMON_ASSERT_OK((*s)->PutReports(std::vector{DnsReport(0, kT0, DnsOnlyTld().id)}));
  }
  SqliteStore::Options options;
  options.read_only = true;
  Result<std::unique_ptr<SqliteStore>> ro = SqliteStore::Open(path, options);
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  EXPECT_EQ((*ro)->LoadEntities()->size(), 1u);
  EXPECT_EQ((*ro)->StorageByDay()->size(), 1u);
  EXPECT_EQ((*ro)->CycleReports(TestKind::kDns, kT0)->size(), 1u);
  EXPECT_FALSE((*ro)->PutEntities(std::vector{ExampleTld()}).ok());
  EXPECT_FALSE((*ro)->AddProbe(ThreeProbes()[1]).ok());
  ro->reset();
  EXPECT_EQ(QueryOnce(path, "SELECT count(*) FROM entity"), "1");

  Result<std::unique_ptr<SqliteStore>> missing = SqliteStore::Open(dir.File("none.db"), options);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir.File("none.db")));
}

TEST(SqliteStore, AReadOnlyStoreRefusesAnOlderSchemaItCannotMigrate) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  {
    Result<std::unique_ptr<sqlite::SqliteDb>> db = sqlite::SqliteDb::Open(path, 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(sqlite::MigrateTo(**db, sqlite::LatestSchemaVersion() - 1).ok());
  }
  SqliteStore::Options options;
  options.read_only = true;
  Result<std::unique_ptr<SqliteStore>> ro = SqliteStore::Open(path, options);
  ASSERT_FALSE(ro.ok());
  EXPECT_EQ(ro.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(ro.status().message(), HasSubstr("open it once with write access"));
  EXPECT_EQ(QueryOnce(path, "SELECT max(version) FROM schema_version"),
            std::to_string(sqlite::LatestSchemaVersion() - 1));
}

// The probe_data_day migration adds the per-day storage counters; a store
// that already holds reports (raw and compacted) gets them counted on its
// next writable open. The migration is found by name: its number depends on
// the migrations merged before it.
TEST(SqliteStore, TheProbeDataDayMigrationCountsTheStorageOfExistingReports) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  std::vector<DayStorage> want;
  {
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    TLDMON_ASSERT_OK((*s)->PutEntities(std::vector{DnsOnlyTld()}));
    for (const ProbeNode& p : ThreeProbes()) TLDMON_ASSERT_OK((*s)->AddProbe(p));
    for (ProbeIndex p = 0; p < 3; ++p)
      for (UnixSeconds c : {kT0, kT0 + 960, kT0 + 86400 + 60})
        TLDMON_ASSERT_OK((*s)->PutReports(std::vector{DnsReport(p, c, DnsOnlyTld().id)}));
    engine::EngineState state;
    state.last_cycle[0] = kT0 + 86400 + 60;
    engine::CycleOutput out;
    out.cycle = kT0 + 86400 + 60;
    TLDMON_ASSERT_OK((*s)->CommitCycle(out, state));
    TLDMON_ASSERT_OK((*s)->CompactDay(kT0));
    want = *(*s)->StorageByDay();
  }
  ASSERT_EQ(want.size(), 2u);
  EXPECT_EQ(want[0].compacted_reports, 6);
  EXPECT_EQ(want[1].raw_reports, 3);
  // The file as migration 4 left it: no counters.
  QueryOnce(path, "DROP TABLE probe_data_day");
  QueryOnce(path, "DROP TABLE probe_data_day_rebuild");
  const std::string version =
      QueryOnce(path, "SELECT version FROM schema_version WHERE name LIKE '%_probe_data_day'");
  ASSERT_FALSE(version.empty());
  QueryOnce(path, "DELETE FROM schema_version WHERE version = " + version);
  // Migrations run in order above the file's latest version, so the ones
  // after it are undone too (they are re-applied on the open below).
  QueryOnce(path, "DROP TABLE entity_config_version");
  QueryOnce(path, "DROP TABLE ns_ip_rtt");
  QueryOnce(path, "DROP TABLE probe_rtt");
  QueryOnce(path, "DROP TABLE nsid_sighting");
  QueryOnce(path, "DROP TABLE monthly_figures");
  QueryOnce(path, "DROP TABLE alert_tracker");
  QueryOnce(path, "DROP TABLE alert_event");
  QueryOnce(path, "DROP TABLE alert_cursor");
  QueryOnce(path, "DROP TABLE alert_delivery");
  QueryOnce(path, "DROP TABLE alert_source_state");
  QueryOnce(path, "DELETE FROM schema_version WHERE version > " + version);
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*(*s)->StorageByDay(), want);
  EXPECT_EQ(QueryOnce(path, "SELECT count(*) FROM probe_data_day_rebuild"), "0");
}

// CompactDay commits one chunk of one test kind at a time. A run that stops
// half-way — here a damaged row makes it fail at noon; a SIGKILL stops it
// the same way, after its last commit — leaves every report readable exactly
// once and the counters exact, and the next run finishes the day.
TEST(SqliteStore, ACompactionStoppedHalfWayLeavesAConsistentStore) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  TLDMON_ASSERT_OK((*s)->PutEntities(std::vector{DnsOnlyTld()}));
  for (const ProbeNode& p : ThreeProbes()) TLDMON_ASSERT_OK((*s)->AddProbe(p));
  const std::vector<UnixSeconds> cycles = {kT0, kT0 + 6 * 3600, kT0 + 18 * 3600};
  for (UnixSeconds c : cycles)
    for (ProbeIndex p = 0; p < 3; ++p)
      TLDMON_ASSERT_OK((*s)->PutReports(std::vector{DnsReport(p, c, DnsOnlyTld().id)}));
  engine::EngineState state;
  state.last_cycle[0] = kT0 + 86400;
  engine::CycleOutput out;
  out.cycle = kT0 + 86400;
  TLDMON_ASSERT_OK((*s)->CommitCycle(out, state));
  std::vector<std::vector<ProbeReport>> before;
  for (UnixSeconds c : cycles) before.push_back(*(*s)->CycleReports(TestKind::kDns, c));

  const std::string noon = std::to_string(kT0 + 12 * 3600);
  QueryOnce(path, "INSERT INTO report_batch (test, cycle, probe, seq, reports) VALUES (0, " + noon +
                      ", 0, 0, X'FF')");
  const Result<CompactionOutcome> stopped = (*s)->CompactDay(kT0);
  ASSERT_FALSE(stopped.ok());
  EXPECT_THAT(stopped.status().message(), HasSubstr("damaged"));
  // Half-way indeed: the morning is compacted, the evening is not.
  EXPECT_EQ(QueryOnce(path, "SELECT count(*) FROM compacted_chunk"), "2");
  EXPECT_EQ(QueryOnce(path, "SELECT count(*) FROM report_batch WHERE cycle > " + noon), "3");
  s->reset();
  s = SqliteStore::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  for (std::size_t i = 0; i < cycles.size(); ++i)
    EXPECT_EQ(*(*s)->CycleReports(TestKind::kDns, cycles[i]), before[i]) << cycles[i];
  Result<std::vector<DayStorage>> days = (*s)->StorageByDay();
  TLDMON_ASSERT_OK(days);
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ((*days)[0].compacted_reports, 6);
  EXPECT_EQ((*days)[0].raw_reports, 3);
  EXPECT_EQ((*days)[0].raw_metrics + (*days)[0].compacted_metrics, 9);

  QueryOnce(path, "DELETE FROM report_batch WHERE cycle = " + noon);
  const Result<CompactionOutcome> finished = (*s)->CompactDay(kT0);
  TLDMON_ASSERT_OK(finished);
  EXPECT_EQ(finished->reports, 3u);
  for (std::size_t i = 0; i < cycles.size(); ++i)
    EXPECT_EQ(*(*s)->CycleReports(TestKind::kDns, cycles[i]), before[i]) << cycles[i];
  EXPECT_EQ((*(*s)->StorageByDay())[0].compacted_reports, 9);
}

// `tldmon admin` may change configuration in the file while `tldmon serve`
// holds a store on it: the running store must see the change.
TEST(SqliteStore, SeesConfigurationCommittedByAnotherConnection) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  Result<std::unique_ptr<SqliteStore>> serve = SqliteStore::Open(path);
  Result<std::unique_ptr<SqliteStore>> admin = SqliteStore::Open(path);
  ASSERT_TRUE(serve.ok() && admin.ok());
  EXPECT_TRUE((*serve)->LoadEntities()->empty());
  TLDMON_ASSERT_OK((*admin)->PutEntities(std::vector{ExampleTld()}));
  TLDMON_ASSERT_OK((*admin)->AddProbe(ThreeProbes()[0]));
  EXPECT_EQ(*(*serve)->LoadEntities(), std::vector{ExampleTld()});
  // ... and accepts reports validated against it.
  Result<PutOutcome> put = (*serve)->PutReports(std::vector{DnsReport(0, kT0)});
  TLDMON_ASSERT_OK(put);
  EXPECT_EQ(put->inserted, 1u);
  EXPECT_EQ(*(*admin)->CycleReports(TestKind::kDns, kT0), std::vector{DnsReport(0, kT0)});
}

TEST(SqliteStore, ABusyDatabaseIsUnavailableNotAnError) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path, SqliteStore::Options{0});
  ASSERT_TRUE(s.ok());
  // Another connection holds the write lock.
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ((*s)->PutEntities(std::vector{ExampleTld()}).code(), StatusCode::kUnavailable);
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  TLDMON_ASSERT_OK((*s)->PutEntities(std::vector{ExampleTld()}));
}

// Migration 3 adds keyed records to a file an older tldmon left, keeping the
// rest; the records work right away.
TEST(SqliteStore, MigratesAVersionTwoFileToKeyedRecords) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  {
    Result<std::unique_ptr<sqlite::SqliteDb>> db = sqlite::SqliteDb::Open(path, 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(sqlite::MigrateTo(**db, 2).ok());
  }
  EXPECT_EQ(QueryOnce(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'keyed_record'"), "0");
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(QueryOnce(path, "SELECT name FROM schema_version WHERE version = 3"),
            "0003_keyed_records");
  TLDMON_ASSERT_OK((*s)->PutRecord("auth.account", "example_ry", "bytes"));
  EXPECT_EQ(QueryOnce(path, "SELECT kind || ' ' || record_key FROM keyed_record"),
            "auth.account example_ry");
}

// Migration 6 moves the change generation from the keyed record
// app.changes/generation (bumped by `tldmon admin` in a second transaction)
// into its own table; the count goes on from the record's value.
TEST(SqliteStore, MigratesTheOldGenerationRecordIntoTheStore) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  {
    Result<std::unique_ptr<sqlite::SqliteDb>> db = sqlite::SqliteDb::Open(path, 1000);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(sqlite::MigrateTo(**db, 4).ok());
    ASSERT_TRUE((*db)
                    ->Exec("INSERT INTO keyed_record (kind, record_key, bytes)"
                           " VALUES ('app.changes', 'generation', CAST('41' AS BLOB))")
                    .ok());
  }
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*(*s)->ChangeGeneration(), 41u);
  EXPECT_EQ(*(*s)->GetRecord("app.changes", "generation"), std::nullopt);
  TLDMON_ASSERT_OK((*s)->PutEntities(std::vector{ExampleTld()}));
  EXPECT_EQ(*(*s)->ChangeGeneration(), 42u);
}

// An edit through one connection moves the generation another connection
// reads (serve polls it while `tldmon admin` edits).
TEST(SqliteStore, SeesTheGenerationRaisedByAnotherConnection) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  Result<std::unique_ptr<SqliteStore>> serve = SqliteStore::Open(path);
  Result<std::unique_ptr<SqliteStore>> admin = SqliteStore::Open(path);
  ASSERT_TRUE(serve.ok() && admin.ok());
  const std::uint64_t before = *(*serve)->ChangeGeneration();
  TLDMON_ASSERT_OK((*admin)->PutEntities(std::vector{ExampleTld()}));
  EXPECT_EQ(*(*serve)->ChangeGeneration(), before + 1);
  EXPECT_EQ(*(*serve)->LoadEntities(), std::vector{ExampleTld()});
}

// `tldmon admin` changes records in the file while `tldmon serve` has it
// open: the serving store reads the change, and a multi-kind read is one
// consistent state.
TEST(SqliteStore, SeesRecordsCommittedByAnotherConnection) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  Result<std::unique_ptr<SqliteStore>> serve = SqliteStore::Open(path);
  Result<std::unique_ptr<SqliteStore>> admin = SqliteStore::Open(path);
  ASSERT_TRUE(serve.ok() && admin.ok());
  EXPECT_EQ(*(*serve)->GetRecord("maintenance", "ry/example"), std::nullopt);
  const std::vector<RecordChange> both = {RecordChange::Put("auth.entity", "ry/example", "e"),
                                          RecordChange::Put("auth.account", "example_ry", "a")};
  TLDMON_ASSERT_OK((*admin)->WriteRecords(both));
  const std::vector<RecordQuery> queries = {{"auth.entity", ""}, {"auth.account", ""}};
  Result<std::vector<std::vector<KeyedRecord>>> read = (*serve)->ReadRecords(queries);
  TLDMON_ASSERT_OK(read);
  EXPECT_EQ((*read)[0], (std::vector<KeyedRecord>{{"ry/example", "e"}}));
  EXPECT_EQ((*read)[1], (std::vector<KeyedRecord>{{"example_ry", "a"}}));
  // A read leaves no transaction open: the other connection can still write.
  TLDMON_ASSERT_OK((*admin)->DeleteRecord("auth.entity", "ry/example"));
  EXPECT_EQ(*(*serve)->GetRecord("auth.entity", "ry/example"), std::nullopt);
}

// While another connection holds the write lock, record writes are
// Unavailable (not a half-applied batch) and reads still work (WAL).
TEST(SqliteStore, RecordWritesOnABusyDatabaseAreUnavailable) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path, SqliteStore::Options{0});
  ASSERT_TRUE(s.ok());
  TLDMON_ASSERT_OK((*s)->PutRecord("k", "a", "1"));
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ((*s)->PutRecord("k", "a", "2").code(), StatusCode::kUnavailable);
  EXPECT_EQ(*(*s)->GetRecord("k", "a"), "1");
  const std::vector<RecordQuery> queries = {{"k", ""}, {"k", "a"}};
  TLDMON_ASSERT_OK((*s)->ReadRecords(queries));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  TLDMON_ASSERT_OK((*s)->PutRecord("k", "a", "2"));
  EXPECT_EQ(*(*s)->GetRecord("k", "a"), "2");
}

// RTT rows are varint records: a truncated or out-of-range one is reported
// as damage with the cycle, never misread.
TEST(SqliteStore, DamagedRttRowsAreReportedNotMisread) {
  TempDir dir;
  const std::string path = dir.File("tldmon.db");
  {
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    TLDMON_ASSERT_OK((*s)->PutEntities(std::vector{ExampleTld()}));
  }
  const std::string id = QueryOnce(path, "SELECT id FROM entity");
  QueryOnce(path, "INSERT INTO probe_rtt VALUES (" + id + ", 60, x'0102')");  // 2 of 5 varints
  QueryOnce(path, "INSERT INTO probe_rtt VALUES (" + id + ", 120, x'0002010203')");  // transport 2
  QueryOnce(path, "INSERT INTO ns_ip_rtt VALUES (" + id + ", 60, x'ffffffff0f')");
  Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path);
  ASSERT_TRUE(s.ok());
  for (UnixSeconds at : {60, 120}) {
    const auto probes = (*s)->ProbeRtts(ExampleTld().id, at, at + 60);
    EXPECT_EQ(probes.status().code(), StatusCode::kInternal);
    EXPECT_THAT(probes.status().message(),
                HasSubstr("damaged row of ry/example at cycle " + std::to_string(at)));
  }
  EXPECT_EQ((*s)->NsIpRtts(ExampleTld().id, 0, 120).status().code(), StatusCode::kInternal);
  EXPECT_TRUE((*s)->ProbeRtts(ExampleTld().id, 180, 240)->empty());
}

}  // namespace
}  // namespace tldmon::store::testing

#include "store/store_migration.h"

#include <algorithm>
#include <memory>

#include "store/sla_param_codec.h"
#include "store/sqlite/sqlite_table_reader.h"

namespace tldmon::store {
namespace {

constexpr std::int64_t kProgressEvery = 5000;
constexpr std::size_t kDifferencesPerTable = 5;

bool SameValue(const SlaParamValue& a, const SlaParamValue& b) {
  return a.name == b.name && a.value == b.value;
}

// One comparison of a read on both stores: the same status code, and equal
// values when both succeed.
template <typename T>
void Compare(VerifyReport& report, const std::string& what, const Result<T>& sqlite,
             const Result<T>& pg) {
  ++report.checks;
  if (sqlite.ok() != pg.ok() || (!sqlite.ok() && sqlite.status().code() != pg.status().code())) {
    ++report.differing;
    report.differences.push_back(
        what + ": SQLite says " + (sqlite.ok() ? std::string("ok") : sqlite.status().ToString()) +
        ", PostgreSQL says " + (pg.ok() ? std::string("ok") : pg.status().ToString()));
    return;
  }
  if (sqlite.ok() && !(*sqlite == *pg)) {
    ++report.differing;
    report.differences.push_back(what + " differ");
  }
}

// -1, 0, 1 as a's key sorts before, with or after b's (the order both
// stores read in: integers by value, text bytewise).
int CompareKeys(const CopiedTable& table, const CopyRow& a, const CopyRow& b) {
  for (std::string_view k : table.key)
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].name != k) continue;
      const Cell& x = a[c];
      const Cell& y = b[c];
      if (x.null != y.null) return x.null ? -1 : 1;
      if (x.i != y.i) return x.i < y.i ? -1 : 1;
      if (const int d = x.s.compare(y.s); d != 0) return d < 0 ? -1 : 1;
    }
  return 0;
}

// Walks a table on both sides in step, as a merge of two sorted lists: a
// row only one side has is named as such, a row both have is compared.
Status CompareTable(const CopiedTable& table, SqliteTableReader& reader, const PostgresStore& to,
                    VerifyReport& report, const MigrationProgress& progress) {
  auto total = reader.Count(table);
  if (!total.ok()) return total.status();
  TLDMON_RETURN_IF_ERROR(reader.Start(table));
  const std::string name(table.name);
  std::size_t differences = 0;
  std::int64_t done = 0;
  auto differ = [&](const std::string& what) {
    ++report.differing;
    if (differences++ < kDifferencesPerTable) report.differences.push_back(name + ": " + what);
  };
  CopyRow mine;
  bool have_mine = false;  // `mine` holds the SQLite row not yet matched
  auto advance = [&]() -> Status {
    auto more = reader.Next(mine);
    if (!more.ok()) return more.status();
    have_mine = *more;
    if (have_mine && ++done % kProgressEvery == 0 && progress) progress(table.name, done, *total);
    return Status::Ok();
  };
  TLDMON_RETURN_IF_ERROR(advance());
  const RowVisitor compare = [&](const CopyRow& theirs) -> Status {
    while (have_mine && CompareKeys(table, mine, theirs) < 0) {
      differ("SQLite has a row PostgreSQL has not (" + DescribeKey(table, mine) + ")");
      TLDMON_RETURN_IF_ERROR(advance());
    }
    if (!have_mine || CompareKeys(table, mine, theirs) > 0) {
      differ("PostgreSQL has a row SQLite has not (" + DescribeKey(table, theirs) + ")");
      return Status::Ok();
    }
    if (mine != theirs) differ("row (" + DescribeKey(table, mine) + ") differs");
    return advance();
  };
  TLDMON_RETURN_IF_ERROR(to.ReadTableRows(table, compare));
  while (have_mine) {
    differ("SQLite has a row PostgreSQL has not (" + DescribeKey(table, mine) + ")");
    TLDMON_RETURN_IF_ERROR(advance());
  }
  if (differences > kDifferencesPerTable)
    report.differences.push_back(name + ": " + std::to_string(differences - kDifferencesPerTable) +
                                 " more differences");
  if (progress) progress(table.name, done, *total);
  report.rows_compared += done;
  return Status::Ok();
}

}  // namespace

Result<std::vector<TableCount>> MigrateSqliteToPostgres(const std::string& sqlite_path,
                                                        const SqliteStore& from, PostgresStore& to,
                                                        const MigrationProgress& progress) {
  auto reader = SqliteTableReader::Open(sqlite_path);
  if (!reader.ok()) return reader.status();
  PostgresStore::ImportSource source;
  auto params = from.LoadSlaParams();
  if (!params.ok()) return params.status();
  source.params = *params;
  auto probes = from.LoadProbes();
  if (!probes.ok()) return probes.status();
  source.probes = std::move(*probes);
  auto entities = from.EntityRows();
  if (!entities.ok()) return entities.status();
  source.entities = std::move(*entities);
  auto state = from.LoadEngineState();
  if (state.ok())
    source.state = std::move(*state);
  else if (state.status().code() != StatusCode::kNotFound)
    return state.status();
  auto generation = from.ChangeGeneration();
  if (!generation.ok()) return generation.status();
  source.change_generation = *generation;

  std::vector<TableCount> counts;
  source.days = [&](const CopiedTable& t) { return (*reader)->Days(t); };
  source.rows = [&](const CopiedTable& t, const RowVisitor& visit) -> Status {
    auto total = (*reader)->Count(t);
    if (!total.ok()) return total.status();
    TLDMON_RETURN_IF_ERROR((*reader)->Start(t));
    TableCount count{std::string(t.name)};
    CopyRow row;
    for (;;) {
      auto more = (*reader)->Next(row);
      if (!more.ok()) return more.status();
      if (!*more) break;
      for (const Cell& c : row) count.bytes += static_cast<std::int64_t>(c.s.size());
      TLDMON_RETURN_IF_ERROR(visit(row));
      if (++count.rows % kProgressEvery == 0 && progress) progress(t.name, count.rows, *total);
    }
    if (progress) progress(t.name, count.rows, *total);
    counts.push_back(std::move(count));
    return Status::Ok();
  };
  TLDMON_RETURN_IF_ERROR(to.Import(source));
  return counts;
}

Result<VerifyReport> VerifyMigration(const std::string& sqlite_path, const SqliteStore& from,
                                     const PostgresStore& to, const MigrationProgress& progress) {
  auto reader = SqliteTableReader::Open(sqlite_path);
  if (!reader.ok()) return reader.status();
  VerifyReport report;
  for (const CopiedTable& t : CopiedTables())
    TLDMON_RETURN_IF_ERROR(CompareTable(t, **reader, to, report, progress));

  // The parts each store encodes its own way, read through the Store.
  {
    auto a = from.LoadSlaParams();
    auto b = to.LoadSlaParams();
    ++report.checks;
    if (!a.ok()) return a.status();
    if (!b.ok()) return b.status();
    const auto fa = FlattenSlaParams(*a), fb = FlattenSlaParams(*b);
    if (!std::equal(fa.begin(), fa.end(), fb.begin(), fb.end(), SameValue)) {
      ++report.differing;
      report.differences.push_back("SLA parameters differ");
    }
  }
  Compare(report, "probes", from.LoadProbes(), to.LoadProbes());
  Compare(report, "active entities", from.LoadEntities(), to.LoadEntities());
  Compare(report, "change generation", from.ChangeGeneration(), to.ChangeGeneration());
  const auto state = from.LoadEngineState();
  Compare(report, "engine state", state, to.LoadEngineState());
  const auto days = from.StorageByDay();
  Compare(report, "storage per day", days, to.StorageByDay());
  Compare(report, "alert tracker", from.LoadAlertTracker(), to.LoadAlertTracker());
  Compare(report, "last alert event", from.LastAlertEventId(), to.LastAlertEventId());

  auto entities = from.EntityRows();
  if (!entities.ok()) return entities.status();
  for (const EntityRowCopy& e : *entities) {
    const EntityId& id = e.config.id;
    for (int s = 0; s < kServiceCount; ++s) {
      const auto service = static_cast<Service>(s);
      const std::string what = id.Path() + " " + std::string(JsonKey(service));
      Compare(report, what + " incidents", from.Incidents(id, service), to.Incidents(id, service));
      Compare(report, what + " false-positive history", from.FalsePositiveHistory(id, service),
              to.FalsePositiveHistory(id, service));
    }
    Compare(report, id.Path() + " monthly figures", from.KeptMonthlyFigures(id),
            to.KeptMonthlyFigures(id));
  }

  // Decoded reports: the first cycle of each stored day and the last
  // processed one, per test kind (the dictionary and both encodings).
  auto params = from.LoadSlaParams();
  if (!params.ok()) return params.status();
  for (int k = 0; k < kTestKindCount; ++k) {
    const auto test = static_cast<TestKind>(k);
    std::vector<UnixSeconds> cycles;
    if (days.ok())
      for (const DayStorage& d : *days)
        cycles.push_back(CycleStart(d.day, params->CycleSeconds(test)));
    if (state.ok() && state->last_cycle[static_cast<std::size_t>(k)] != engine::kNever) {
      const UnixSeconds last = state->last_cycle[static_cast<std::size_t>(k)];
      cycles.push_back(last);
      Compare(
          report,
          "probes online in " + std::string(TestKindName(test)) + " cycle " + std::to_string(last),
          from.CycleProbeOnline(test, last), to.CycleProbeOnline(test, last));
    }
    for (UnixSeconds c : cycles)
      Compare(report, std::string(TestKindName(test)) + " reports of cycle " + std::to_string(c),
              from.CycleReports(test, c), to.CycleReports(test, c));
  }
  return report;
}

}  // namespace tldmon::store

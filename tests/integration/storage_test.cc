// Storage upkeep through the real binary (docs/operations.md "Storage
// upkeep"): `tldmon serve` compacts the finished days a simulation left in
// the recent form; a SIGKILL in the middle of that loses and duplicates no
// report (every step is one transaction), and the next start finishes the
// work. `admin status --storage --json` shows the forms and counts.
// `tldmon admin migrate` moves a data directory to PostgreSQL: refused
// while a serve runs on it, then copied and verified, after which
// `admin status` reads the same figures from either store.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lab/pg_lab.h"
#include "subprocess.h"
#include "test_paths.h"

namespace tldmon::integration {
namespace {

constexpr auto kStorageBound = std::chrono::seconds(600);
constexpr std::int64_t kDay = 86400;

std::string DateOf(std::int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

struct DayRow {
  std::string form;
  std::int64_t reports = 0;
  std::int64_t metrics = 0;
};

std::map<std::string, DayRow> Storage(const std::string& data) {
  const RunResult r =
      RunToEnd({kBinary, "admin", "status", "--storage", "--json", "--data", data}, kStorageBound);
  EXPECT_EQ(r.exit_code(), 0) << r.output;
  std::map<std::string, DayRow> out;
  const nlohmann::json rows = nlohmann::json::parse(r.output, nullptr, false);
  EXPECT_TRUE(rows.is_array()) << r.output;
  if (!rows.is_array()) return out;
  for (const auto& row : rows)
    out[row["day"].get<std::string>()] = {row["form"].get<std::string>(),
                                          row["reports"].get<std::int64_t>(),
                                          row["metrics"].get<std::int64_t>()};
  return out;
}

// Reads `serve` output until a line contains `text`.
bool WaitFor(Subprocess& serve, const std::string& text, std::string& output) {
  const Deadline deadline = In(std::chrono::seconds(300));
  std::string line;
  while (serve.ReadLine(&line, deadline)) {
    output += line + "\n";
    if (line.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(StorageTest, ServeCompactsFinishedDaysAndASigkillMidWayLosesNothing) {
  TempDir tmp;
  const std::string data = tmp / "d";
  std::ofstream(tmp / "fast.toml") << "[engine]\ntick_seconds = 1\n";
  // Two and a half days of probe data that ended two days ago: the first two
  // days are finished for the engine as soon as serve starts.
  const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
  const std::int64_t first = now - now % kDay - 4 * kDay;
  const RunResult sim =
      RunToEnd({kBinary, "simulate", "--tlds", "3", "--probes", "20", "--days", "2.5", "--start",
                DateOf(first), "--data", data, "--no-documents"},
               kStorageBound);
  ASSERT_EQ(sim.exit_code(), 0) << sim.output;
  const std::map<std::string, DayRow> before = Storage(data);
  ASSERT_EQ(before.size(), 3u);
  for (const auto& [day, row] : before) EXPECT_EQ(row.form, "raw") << day;
  const std::string d0 = DateOf(first), d1 = DateOf(first + kDay);

  // Killed right after the first day is compacted: the second is likely
  // half-way.
  std::string output;
  {
    Subprocess serve(
        {kBinary, "serve", "--data", data, "--config", tmp / "fast.toml", "--http", "127.0.0.1:0"});
    ASSERT_TRUE(serve.started());
    ASSERT_TRUE(WaitFor(serve, "storage: compacted " + d0, output)) << output;
    serve.Kill(SIGKILL);
    serve.Wait();
  }
  const std::map<std::string, DayRow> killed = Storage(data);
  ASSERT_EQ(killed.size(), before.size());
  for (const auto& [day, row] : before) {
    EXPECT_EQ(killed.at(day).reports, row.reports) << day;
    EXPECT_EQ(killed.at(day).metrics, row.metrics) << day;
  }
  EXPECT_EQ(killed.at(d0).form, "compacted");

  // The next start finishes what the killed one left.
  {
    Subprocess serve(
        {kBinary, "serve", "--data", data, "--config", tmp / "fast.toml", "--http", "127.0.0.1:0"});
    ASSERT_TRUE(serve.started());
    if (killed.at(d1).form != "compacted") {
      ASSERT_TRUE(WaitFor(serve, "storage: compacted " + d1, output)) << output;
    }
    serve.Kill(SIGTERM);
    output += serve.ReadAll(In(std::chrono::seconds(120)));
    const int status = serve.Wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  }
  const std::map<std::string, DayRow> after = Storage(data);
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [day, row] : before) {
    EXPECT_EQ(after.at(day).reports, row.reports) << day;
    EXPECT_EQ(after.at(day).metrics, row.metrics) << day;
  }
  EXPECT_EQ(after.at(d0).form, "compacted");
  EXPECT_EQ(after.at(d1).form, "compacted");
}

}  // namespace
}  // namespace tldmon::integration

namespace tldmon::integration {
namespace {

TEST(StorageTest, MigrateMovesADataDirectoryToPostgresAndVerifiesIt) {
  TempDir tmp;
  const std::string data = tmp / "d";
  const RunResult sim =
      RunToEnd({kBinary, "simulate", "--tlds", "3", "--probes", "22", "--days", "0.5", "--data",
                data, "--no-documents", "--fault", "ns-down entity=* from=+2h for=40m"},
               kStorageBound);
  ASSERT_EQ(sim.exit_code(), 0) << sim.output;
  auto lab = lab::PgLab::Start();
  ASSERT_TRUE(lab.ok()) << lab.status().ToString();
  auto db = (*lab)->CreateDatabase();
  ASSERT_TRUE(db.ok());
  const std::string url = (*lab)->ConnInfo(*db);
  const std::vector<std::string> migrate{kBinary,          "admin", "migrate", "--from",
                                         "sqlite:" + data, "--to",  url};
  {
    Subprocess serve({kBinary, "serve", "--data", data, "--http", "127.0.0.1:0"});
    ASSERT_TRUE(serve.started());
    std::string line, output;
    bool listening = false;
    while (!listening && serve.ReadLine(&line, In(std::chrono::seconds(60)))) {
      output += line + "\n";
      listening = line.find("listening on ") != std::string::npos;
    }
    ASSERT_TRUE(listening) << output;
    const RunResult refused = RunToEnd(migrate, kStorageBound);
    EXPECT_EQ(refused.exit_code(), 1) << refused.output;
    EXPECT_NE(refused.output.find("stop it first"), std::string::npos) << refused.output;
    serve.Kill(SIGTERM);
    serve.Wait();
  }
  const RunResult moved = RunToEnd(migrate, kStorageBound);
  ASSERT_EQ(moved.exit_code(), 0) << moved.output;
  EXPECT_NE(moved.output.find("verified: "), std::string::npos) << moved.output;
  EXPECT_NE(moved.output.find("migrate: copied report_batch"), std::string::npos) << moved.output;

  const RunResult again = RunToEnd(migrate, kStorageBound);
  EXPECT_EQ(again.exit_code(), 1);
  EXPECT_NE(again.output.find("not empty"), std::string::npos) << again.output;

  const RunResult a = RunToEnd({kBinary, "admin", "status", "--json", "--data", data}, kStorageBound);
  const RunResult b = RunToEnd({kBinary, "admin", "status", "--json", "--store", url}, kStorageBound);
  ASSERT_EQ(a.exit_code(), 0) << a.output;
  ASSERT_EQ(b.exit_code(), 0) << b.output;
  const auto ja = nlohmann::json::parse(a.output, nullptr, false);
  const auto jb = nlohmann::json::parse(b.output, nullptr, false);
  ASSERT_TRUE(ja.is_array() && !ja.empty()) << a.output;
  EXPECT_EQ(ja, jb);
  bool some_downtime = false;
  for (const auto& row : ja)
    some_downtime |= row.dump().find("\"downtime\":0,") == std::string::npos;
  EXPECT_TRUE(some_downtime) << a.output;
}

}  // namespace
}  // namespace tldmon::integration

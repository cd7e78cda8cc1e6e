// End-to-end checks of the tldmon subcommands through the real binary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "subprocess.h"
#include "test_paths.h"

namespace tldmon::integration {
namespace {

constexpr auto kCliBound = std::chrono::seconds(300);

TEST(ScenarioCliTest, ExitStatusTellsWhetherEveryExpectationHolds) {
  const RunResult pass = RunToEnd({kBinary, "scenario", kDataDir + "/passing.scn"}, kCliBound);
  EXPECT_EQ(pass.exit_code(), 0) << pass.output;
  const RunResult fail = RunToEnd({kBinary, "scenario", kDataDir + "/failing.scn"}, kCliBound);
  EXPECT_TRUE(fail.exited()) << fail.output;
  EXPECT_NE(fail.exit_code(), 0) << fail.output;
  EXPECT_NE(fail.output.find("FAIL"), std::string::npos) << fail.output;
  // One failing file fails the whole run.
  const RunResult both =
      RunToEnd({kBinary, "scenario", kDataDir + "/passing.scn", kDataDir + "/failing.scn"}, kCliBound);
  EXPECT_NE(both.exit_code(), 0) << both.output;
  const RunResult missing = RunToEnd({kBinary, "scenario", kDataDir + "/no-such-file.scn"}, kCliBound);
  EXPECT_NE(missing.exit_code(), 0) << missing.output;
}

TEST(VersionCliTest, PrintsTheVersion) {
  const RunResult r = RunToEnd({kBinary, "version"}, kCliBound);
  EXPECT_EQ(r.exit_code(), 0);
  EXPECT_EQ(r.output.rfind("tldmon ", 0), 0u) << r.output;
}

std::vector<std::string> ShortSimulation(const std::string& data, const std::string& summary,
                                         const std::string& tlds = "3") {
  return {kBinary, "simulate", "--tlds", tlds, "--probes", "20", "--days", "0.05",
          "--fault", "ns-down entity=* from=+10m for=20m", "--data", data, "--summary-json", summary};
}

TEST(SimulateCliTest, CompleteRunIsNotRepeatedAndAdminStatusReadsIt) {
  TempDir tmp;
  const RunResult first = RunToEnd(ShortSimulation(tmp / "d", tmp / "1.json"), kCliBound);
  ASSERT_EQ(first.exit_code(), 0) << first.output;
  EXPECT_NE(first.output.find("progress: "), std::string::npos) << first.output;

  // Same arguments on a finished directory: nothing left to do, same figures.
  const RunResult again = RunToEnd(ShortSimulation(tmp / "d", tmp / "2.json"), kCliBound);
  ASSERT_EQ(again.exit_code(), 0) << again.output;
  EXPECT_NE(again.output.find("already complete"), std::string::npos) << again.output;
  EXPECT_EQ(ReadFile(tmp / "1.json"), ReadFile(tmp / "2.json"));

  // Every TLD lost every name server for 20 minutes: each has one DNS
  // incident (opened at the third Down cycle, slam-algorithms.md §7).
  const auto sum = nlohmann::json::parse(ReadFile(tmp / "1.json"));
  ASSERT_EQ(sum["entities"].size(), 3u);
  for (const auto& [path, e] : sum["entities"].items()) {
    const auto& dns = e["services"]["DNS"];
    ASSERT_EQ(dns["incidents"].size(), 1u) << path;
    EXPECT_EQ(dns["incidents"][0]["downCycles"], 18) << path;  // 20 Down minutes - 2 before opening
    EXPECT_EQ(dns["downtime"], 18) << path;
  }

  const RunResult status = RunToEnd({kBinary, "admin", "status", "--data", tmp / "d", "--json"}, kCliBound);
  ASSERT_EQ(status.exit_code(), 0) << status.output;
  const auto rows = nlohmann::json::parse(status.output);
  ASSERT_EQ(rows.size(), 3u * 4u);  // DNS, DNSSEC, RDDS, RDAP per TLD
  for (const auto& row : rows) {
    if (row["service"] == "DNS") {
      EXPECT_EQ(row["incidents"], 1);
      EXPECT_EQ(row["downtime"], 18);
      EXPECT_EQ(row["emergencyThreshold"], 7.5);  // round3(18 * 100 / 240)
      EXPECT_EQ(row["alarmed"], "No");
    }
  }
  const RunResult table = RunToEnd({kBinary, "admin", "status", "--data", tmp / "d"}, kCliBound);
  ASSERT_EQ(table.exit_code(), 0) << table.output;
  EXPECT_NE(table.output.find("ENTITY"), std::string::npos) << table.output;

  // --month (docs/formats/monthly-figures.md): only the latest cycle's month
  // has figures; the refusal names it.
  const RunResult bad =
      RunToEnd({kBinary, "admin", "status", "--data", tmp / "d", "--month", "26-1"}, kCliBound);
  EXPECT_EQ(bad.exit_code(), 2) << bad.output;
  const RunResult other =
      RunToEnd({kBinary, "admin", "status", "--data", tmp / "d", "--month", "1999-12"}, kCliBound);
  ASSERT_EQ(other.exit_code(), 1) << other.output;
  const std::size_t open = other.output.find("only (");
  ASSERT_NE(open, std::string::npos) << other.output;
  const std::string month = other.output.substr(open + 6, 7);
  const RunResult monthly = RunToEnd(
      {kBinary, "admin", "status", "--data", tmp / "d", "--month", month, "--json"}, kCliBound);
  ASSERT_EQ(monthly.exit_code(), 0) << monthly.output;
  const auto docs = nlohmann::json::parse(monthly.output);
  ASSERT_EQ(docs.size(), 3u);
  for (const auto& doc : docs) {
    ASSERT_EQ(doc["services"][0]["service"], "dns");
    EXPECT_EQ(doc["services"][0]["month"], month);
    EXPECT_EQ(doc["services"][0]["downtime"], 18);        // the same incident, all in one month
    EXPECT_EQ(doc["services"][0]["downtimeMet"], false);  // DNS SLR: 0 minutes
  }
  const RunResult month_table =
      RunToEnd({kBinary, "admin", "status", "--data", tmp / "d", "--month", month}, kCliBound);
  ASSERT_EQ(month_table.exit_code(), 0) << month_table.output;
  EXPECT_NE(month_table.output.find("downtime"), std::string::npos) << month_table.output;
}

// The --summary-json format (docs/formats/simulate-summary.md), pinned on a
// small quiet run: 2 TLDs, 20 probes, 25 minutes, every name server of both
// TLDs silent and kalo's RDAP failing for 10 minutes.
TEST(SimulateCliTest, SummaryMatchesGolden) {
  TempDir tmp;
  const RunResult r = RunToEnd({kBinary, "simulate", "--tlds", "2", "--probes", "20", "--days", "0.02",
                                "--quiet-network", "--fault", "ns-down entity=* from=+5m for=10m",
                                "--fault", "rdap-error entity=ry/kalo from=+5m for=10m",
                                "--summary-json", tmp / "s.json"},
                               kCliBound);
  ASSERT_EQ(r.exit_code(), 0) << r.output;
  const std::string golden_path = kDataDir + "/summary_golden.json";
  const std::string actual = ReadFile(tmp / "s.json");
  if (getenv("TLDMON_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(golden_path, std::ios::binary) << actual;
  }
  EXPECT_TRUE(actual == ReadFile(golden_path)) << "actual:\n" << actual;
}

TEST(SimulateCliTest, RefusesADataDirectoryOfAnotherSimulation) {
  TempDir tmp;
  ASSERT_EQ(RunToEnd(ShortSimulation(tmp / "d", tmp / "1.json"), kCliBound).exit_code(), 0);
  const RunResult other = RunToEnd(ShortSimulation(tmp / "d", tmp / "2.json", "4"), kCliBound);
  EXPECT_TRUE(other.exited());
  EXPECT_NE(other.exit_code(), 0) << other.output;
  EXPECT_NE(other.output.find("different simulation"), std::string::npos) << other.output;
  EXPECT_FALSE(Exists(tmp / "2.json"));
}

TEST(SimulateCliTest, RejectsBadArguments) {
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {kBinary, "simulate", "--tlds", "0"},
           {kBinary, "simulate", "--days", "0"},
           {kBinary, "simulate", "--start", "yesterday"},
           {kBinary, "simulate", "--fault", "ns-down entity=ry/x frm=+1h"},
       }) {
    const RunResult r = RunToEnd(args, kCliBound);
    EXPECT_TRUE(r.exited()) << r.output;
    EXPECT_NE(r.exit_code(), 0) << args.back() << ": " << r.output;
  }
  const RunResult admin = RunToEnd({kBinary, "admin", "status", "--data", "/nonexistent/tldmon"}, kCliBound);
  EXPECT_NE(admin.exit_code(), 0) << admin.output;
}

}  // namespace
}  // namespace tldmon::integration

// The crash test: a simulation SIGKILLed mid-run and restarted with the same
// arguments must end with exactly the counters of an uninterrupted run
// (DESIGN.md "Storage": a committed cycle survives a crash of the process;
// CyclePipeline resumes from the store). Byte-for-byte equal --summary-json
// files are the proof; the kills are checked to have really interrupted the
// run (killed by the signal, no summary written, the restart resumed from a
// point strictly inside the simulated span).
#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "subprocess.h"
#include "test_paths.h"

namespace tldmon::integration {
namespace {

constexpr std::int64_t kStart = 1769860800;         // 2026-01-31T12:00:00Z
constexpr std::int64_t kEnd = kStart + 86400;       // one simulated day
constexpr std::int64_t kFebruary = 1769904000;      // 2026-02-01T00:00:00Z
constexpr auto kRunBound = std::chrono::seconds(300);

std::vector<std::string> SimulateArgs(const std::string& data, const std::string& summary) {
  return {kBinary,        "simulate",
          "--tlds",       "12",
          "--probes",     "25",
          "--days",       "1",
          "--start",      "2026-01-31T12:00:00Z",
          "--seed",       "7",
          "--fault-file", kDataDir + "/crash_faults.txt",
          "--data",       data,
          "--summary-json", summary,
          "--progress-ms", "200"};
}

// "progress: simulated 2026-01-31T17:10:00Z  21.5% done  134 cycles/s" -> 21.5
std::optional<double> ProgressPercent(const std::string& line) {
  if (line.rfind("progress: ", 0) != 0) return std::nullopt;
  const std::size_t pct = line.find("% done");
  if (pct == std::string::npos) return std::nullopt;
  const std::size_t begin = line.rfind(' ', pct);
  return std::stod(line.substr(begin + 1, pct - begin - 1));
}

// "simulate: resuming from 2026-01-31T20:00:00Z" -> Unix seconds of that time.
std::optional<std::int64_t> ResumedAt(const std::string& line) {
  const std::string prefix = "simulate: resuming from ";
  if (line.rfind(prefix, 0) != 0) return std::nullopt;
  std::tm tm{};
  if (strptime(line.c_str() + prefix.size(), "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr) return std::nullopt;
  return static_cast<std::int64_t>(timegm(&tm));
}

TEST(CrashTest, KilledAndResumedRunEqualsUninterruptedRun) {
  TempDir tmp;
  ASSERT_FALSE(tmp.path().empty());
  const std::string a_json = tmp / "A.json";
  const std::string b_json = tmp / "B.json";

  const RunResult a = RunToEnd(SimulateArgs(tmp / "a", a_json), kRunBound);
  ASSERT_EQ(a.exit_code(), 0) << a.output;
  const std::string a_bytes = ReadFile(a_json);
  ASSERT_FALSE(a_bytes.empty());

  // The faults really produced what the test is about: incidents, one of
  // them across the month boundary, and a run that ends at the last cycle.
  const nlohmann::json sum = nlohmann::json::parse(a_bytes);
  EXPECT_EQ(sum["lastCycles"]["dns"], kEnd - 60);
  EXPECT_EQ(sum["lastCycles"]["rdap"], kEnd - 300);
  ASSERT_GE(sum["entities"]["ry/kaka"]["services"]["DNS"]["incidents"].size(), 1u);
  const auto& dnssec = sum["entities"]["ry/kalo"]["services"]["DNSSEC"]["incidents"];
  ASSERT_EQ(dnssec.size(), 1u);
  EXPECT_LT(dnssec[0]["start"].get<std::int64_t>(), kFebruary);
  EXPECT_GT(dnssec[0]["end"].get<std::int64_t>(), kFebruary);
  EXPECT_GE(sum["entities"]["ry/kami"]["services"]["RDAP"]["incidents"].size(), 2u);
  EXPECT_EQ(sum["entities"]["ry/kalo"]["services"]["DNSSEC"]["monthly"]["month"], kFebruary);

  // B: killed at >= 25 % of the run, killed again at >= 60 % after the first
  // restart, then restarted until it finishes (bounded number of restarts).
  const std::vector<double> kill_at = {25, 60};
  int kills = 0;
  bool finished = false;
  std::int64_t last_resume = kStart;
  for (std::size_t attempt = 0; attempt < 6 && !finished; ++attempt) {
    Subprocess p(SimulateArgs(tmp / "b", b_json));
    ASSERT_TRUE(p.started());
    const double target = attempt < kill_at.size() ? kill_at[attempt] : 1000;
    const Deadline deadline = std::chrono::steady_clock::now() + kRunBound;
    std::string line, output;
    bool killed = false, resumed = false;
    while (p.ReadLine(&line, deadline)) {
      output += line + "\n";
      if (auto t = ResumedAt(line)) {
        // The restart continues strictly inside the span, after the previous one.
        EXPECT_GT(*t, last_resume) << output;
        EXPECT_LT(*t, kEnd) << output;
        last_resume = *t;
        resumed = true;
      }
      const auto pct = ProgressPercent(line);
      if (pct && *pct >= target && *pct < 100) {
        p.Kill(SIGKILL);
        killed = true;
        break;
      }
    }
    const int status = p.Wait();
    if (attempt > 0) {
      EXPECT_TRUE(resumed) << "restart " << attempt << " did not resume:\n" << output;
    }
    if (killed) {
      ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << output;
      EXPECT_FALSE(Exists(b_json)) << "a killed run must not have finished";
      ++kills;
    } else {
      ASSERT_TRUE(WIFEXITED(status)) << output;
      ASSERT_EQ(WEXITSTATUS(status), 0) << output;
      finished = true;
    }
  }
  ASSERT_TRUE(finished);
  EXPECT_EQ(kills, 2) << "the run was not interrupted as planned";

  EXPECT_TRUE(ReadFile(b_json) == a_bytes) << "summaries differ:\n--- A\n"
                                           << a_bytes << "\n--- B\n" << ReadFile(b_json);
}

}  // namespace
}  // namespace tldmon::integration

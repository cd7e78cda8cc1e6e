#include "sim/scenario_runner.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sim/scenario_parser.h"

namespace tldmon::sim {
namespace {

using ::testing::HasSubstr;

// A cycle where every probe answers is Up with no downtime
// (slam-algorithms.md §5, §8); the scenario below expects wrong values on
// purpose and the runner must say where and what.
constexpr const char* kScenario =
    "title runner test\n"
    "start 2026-01-01T00:00:00Z\n"
    "probes 20\n"
    "entity ry/example services=dns\n"
    "dns up\n"                                          // 5
    "expect dns status=Up downtime=0\n"                 // 6: holds
    "expect dns downtime=7 alarmed=Yes\n"               // 7: both wrong
    "expect dns incident 1767225600.1 state=Active\n";  // 8: no such incident

TEST(ScenarioRunner, ReportsEveryMismatchWithFileLineExpectedAndActual) {
  auto sc = ParseScenario(kScenario, "r.scn");
  ASSERT_TRUE(sc.ok()) << sc.status().ToString();
  const ScenarioOutcome o = RunScenario(*sc, /*verbose=*/true);
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.checks, 5);
  EXPECT_EQ(o.failed, 3);
  ASSERT_EQ(o.failures.size(), 3u);
  EXPECT_EQ(o.failures[0], "r.scn:7: ry/example dns downtime: expected 7, actual 0");
  EXPECT_EQ(o.failures[1], "r.scn:7: ry/example dns alarmed: expected Yes, actual No");
  EXPECT_THAT(o.failures[2], HasSubstr("r.scn:8: ry/example dns incident 1767225600.1 state: "
                                       "expected Active, actual no incident"));
  ASSERT_EQ(o.passed.size(), 2u);
  EXPECT_EQ(o.passed[0], "r.scn:6: ry/example dns status=Up");
}

TEST(ScenarioRunner, ParseErrorFailsTheFile) {
  std::ostringstream out;
  const std::vector<std::string> none = {"/nonexistent/x.scn"};
  EXPECT_EQ(RunScenarioFiles(none, out), 1);
  EXPECT_THAT(out.str(), HasSubstr("FAIL /nonexistent/x.scn (error)"));
  EXPECT_THAT(out.str(), HasSubstr("0 passed, 1 failed"));
}

// A step written below a `reconfigure` edit is written for the new
// configuration; if the edit's at= puts the change after the step's cycle,
// the runner refuses rather than read the step against the old list.
TEST(ScenarioRunner, AStepRunUnderAnotherConfigurationThanWrittenForFails) {
  auto sc = ParseScenario(
      "title version check\n"
      "start 2026-01-01T00:00:00Z\n"
      "probes 20\n"
      "entity ry/example services=dns\n"
      "dns up\n"
      "reconfigure at=+10m ns=ns9.nic.example=192.0.2.9 ns=ns1.nic.example=192.0.2.1\n"  // 6
      "dns raw\n"                                                                        // 7
      "  * ns9=40 ns1=40\n"
      "end\n"
      "expect dns status=Up\n",
      "v.scn");
  ASSERT_TRUE(sc.ok()) << sc.status().ToString();
  const ScenarioOutcome o = RunScenario(*sc);
  EXPECT_FALSE(o.ok);
  ASSERT_FALSE(o.failures.empty());
  EXPECT_THAT(o.failures[0], HasSubstr("v.scn:7: the step is written for configuration version 1"));
  EXPECT_THAT(o.failures[0], HasSubstr("runs under the header's configuration"));
}

}  // namespace
}  // namespace tldmon::sim

// Runs every tests/scenarios/*.scn through the scenario library: the engine's
// specified behaviour (DESIGN.md "The engine is pure"). One test per file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario_runner.h"

#ifndef TLDMON_SCENARIO_DIR
#error "TLDMON_SCENARIO_DIR must name tests/scenarios"
#endif

namespace tldmon::sim {
namespace {

std::vector<std::string> ScenarioFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(TLDMON_SCENARIO_DIR, ec))
    if (entry.path().extension() == ".scn") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

class ScenarioFile : public ::testing::TestWithParam<std::string> {};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ScenarioFile);  // TheSuiteIsThere fails instead

TEST_P(ScenarioFile, EveryExpectationHolds) {
  const ScenarioOutcome o = RunScenarioFile(GetParam());
  std::ostringstream failures;
  for (const std::string& f : o.failures) failures << "\n  " << f;
  EXPECT_TRUE(o.ok) << GetParam() << failures.str();
  EXPECT_GT(o.checks, 0);
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioFile, ::testing::ValuesIn(ScenarioFiles()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name =
                               std::filesystem::path(param_info.param).stem().string();
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

TEST(ScenarioFiles, TheSuiteIsThere) {
  // The spec's worked examples and boundaries need well over 40 files.
  EXPECT_GE(ScenarioFiles().size(), 50u);
}

TEST(ScenarioFiles, RunnerPrintsOneLinePerFileAndATotal) {
  const std::vector<std::string> files = ScenarioFiles();
  ASSERT_FALSE(files.empty());
  std::ostringstream out;
  const std::vector<std::string> two = {files.front(),
                                        std::string(TLDMON_SCENARIO_DIR) + "/missing.scn"};
  EXPECT_EQ(RunScenarioFiles(two, out), 1);
  const std::string text = out.str();
  EXPECT_NE(text.find("FAIL " + two[1]), std::string::npos) << text;
  EXPECT_NE(text.find("passed, 1 failed\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace tldmon::sim

// Deterministic mutation fuzzing of every parser of untrusted admin input
// (DESIGN.md house rule 11): seeded byte flips, insertions, deletions and
// splices of valid inputs must give a value or an error — never a crash, an
// exception or an empty error message — and every accepted value must survive
// its storage round trip unchanged.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "admin/maintenance_schedule.h"
#include "admin/maintenance_window.h"
#include "admin/metrica_import.h"
#include "admin/rdap_base_urls_import.h"

namespace tldmon::admin {
namespace {

constexpr int kIterations = 1500;

std::string Mutate(std::string input, std::mt19937& rng) {
  static constexpr std::string_view kTokens[] = {
      "{",          "}",   "[",   "]",        ",",    ":",       "\"",
      "-1",         "0",   "2.0", "1e400",    "null", "\\u0000", "\xFF",
      "\xC3",       ".",   "-",   "https://", "\n",   "#",       "99999999999999999999",
      "\"count\":", "true"};
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits; ++e) {
    const std::size_t pos = input.empty() ? 0 : rng() % input.size();
    switch (rng() % 4) {
      case 0:  // flip a byte
        if (!input.empty()) input[pos] = static_cast<char>(rng() & 0xFF);
        break;
      case 1:  // delete a run
        if (!input.empty()) input.erase(pos, 1 + rng() % 8);
        break;
      case 2:  // insert a token
        input.insert(pos, kTokens[rng() % std::size(kTokens)]);
        break;
      default:  // duplicate a slice
        if (!input.empty()) {
          const std::size_t from = rng() % input.size();
          input.insert(pos, input.substr(from, 1 + rng() % 16));
        }
        break;
    }
  }
  return input;
}

template <typename Check>
void Fuzz(const std::vector<std::string>& seeds, unsigned seed, Check check) {
  std::mt19937 rng(seed);
  for (int i = 0; i < kIterations; ++i) {
    const std::string input = Mutate(seeds[static_cast<std::size_t>(i) % seeds.size()], rng);
    SCOPED_TRACE(testing::PrintToString(input));
    check(input);
  }
}

TEST(MutationFuzzTest, MetricaImport) {
  const EntityId target{EntityKind::kRegistry, "example"};
  const std::vector<std::string> seeds = {
      R"({"version":2,"tld":"example","domainListDate":"2025-01-01","uniqueAbuseDomains":14,)"
      R"("domainListData":[{"threatType":"spam","count":2,"domains":["a.example","b.example"]},)"
      R"({"threatType":"malware","count":-1,"domains":[]}]})",
      R"([{"version":2,"tld":"example","domainListDate":"2025-01-02","domainListGenerationDate":)"
      R"("2025-01-03T00:00:00.5+01:00","uniqueAbuseDomains":1,"domainListData":[]}])"};
  int accepted = 0;
  Fuzz(seeds, 1, [&](const std::string& input) {
    Result<std::vector<MetricaReport>> r = ParseMetricaImport(input, target, 1767225600);
    if (!r.ok()) {
      EXPECT_FALSE(r.status().message().empty());
      return;
    }
    ++accepted;
    for (const MetricaReport& report : *r) {
      Result<MetricaReport> back = ParseStoredMetricaReport(SerializeMetricaReport(report));
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_EQ(*back, report);
    }
  });
  EXPECT_GT(accepted, 0);  // the mutations do not only produce garbage
}

TEST(MutationFuzzTest, RdapBaseUrlImport) {
  const std::vector<std::string> seeds = {
      "ianaId,url\n81,https://rdap.gandi.net\n1448,https://rdap.blacknight.com/,https://b.ie/\n",
      R"({"publication":"2019-06-04T13:02:06Z","services":[[["81","82"],["https://rdap.gandi.net"]],)"
      R"([["1448"],["https://[2001:db8::1]:8443/rdap/"]]],"version":"1.0"})"};
  int accepted = 0;
  Fuzz(seeds, 2, [&](const std::string& input) {
    Result<RdapBaseUrlList> r = ParseRdapBaseUrlImport(input, 1767225600);
    if (!r.ok()) {
      EXPECT_FALSE(r.status().message().empty());
      return;
    }
    ++accepted;
    ASSERT_TRUE(ValidateRdapBaseUrlList(*r).ok());
    Result<RdapBaseUrlList> back = ParseStoredRdapBaseUrlList(RenderRdapBaseUrlList(*r));
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, *r);
  });
  EXPECT_GT(accepted, 0);
}

TEST(MutationFuzzTest, MaintenanceWindowRequest) {
  const std::vector<std::string> seeds = {
      R"({"version":2,"scheduleID":"q1","name":"RDDS upgrade","description":"x\ny",)"
      R"("startTime":1767225600,"endTime":1767232800})",
      R"({"name":"n","description":"","startTime":0,"endTime":1})"};
  int accepted = 0;
  Fuzz(seeds, 3, [&](const std::string& input) {
    Result<MaintenanceWindow, ExtendedError> r = ParseMaintenanceWindowRequest(input, "q1");
    if (!r.ok()) {
      const int code = r.error().result_code();
      EXPECT_TRUE(code == 2001 || code == 2007) << code;
      EXPECT_FALSE(r.error().description.empty());
      return;
    }
    ++accepted;
    EXPECT_FALSE(CheckMaintenanceWindow(*r).has_value());
    MaintenanceSchedule schedule;
    ASSERT_TRUE(schedule.Put(*r).ok());
    Result<MaintenanceSchedule> back = MaintenanceSchedule::Deserialize(schedule.Serialize());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, schedule);
  });
  EXPECT_GT(accepted, 0);
}

}  // namespace
}  // namespace tldmon::admin

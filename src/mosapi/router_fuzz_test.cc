// Runs the router fuzz target (tests/fuzz/router_fuzz.cc) under the normal
// build: the seed corpus, then a bounded, deterministic mutation loop. An
// invariant violation inside the target traps and fails this test binary.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace tldmon::mosapi {
namespace {

int RunTarget(const std::string& input) {
  return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::vector<std::string> LoadCorpus() {
  std::vector<std::string> seeds;
  for (const auto& entry : std::filesystem::directory_iterator(TLDMON_ROUTER_CORPUS_DIR)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    seeds.push_back(s.str());
  }
  return seeds;
}

TEST(RouterFuzz, SeedCorpus) {
  const auto seeds = LoadCorpus();
  ASSERT_GE(seeds.size(), 20u);
  for (const std::string& s : seeds) EXPECT_EQ(RunTarget(s), 0) << s;
}

// Tokens that matter to the grammar, spliced in by the mutator.
constexpr std::array<std::string_view, 24> kTokens = {
    "/",      "//",        "%",        "%2F",         "%00",      "%2D",  "?",     "&",
    "=",      "+",         "#",        ".json",       ".",        "..",   "ry",    "rr",
    "v1",     "v2",        "state",    "incidents",   "startDate", "endDate", "W/\"", "2024-02-29"};

std::string Mutate(std::string s, std::mt19937_64& rng, const std::vector<std::string>& seeds) {
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % (n == 0 ? 1 : n)); };
  const int rounds = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < rounds; ++i) {
    const std::size_t pos = pick(s.size() + 1);
    switch (rng() % 7) {
      case 0:  // flip a byte
        if (!s.empty()) s[pick(s.size())] ^= static_cast<char>(1u << (rng() % 8));
        break;
      case 1:  // insert a random byte
        s.insert(pos, 1, static_cast<char>(rng() % 256));
        break;
      case 2:  // insert a grammar token
        s.insert(pos, kTokens[pick(kTokens.size())]);
        break;
      case 3:  // delete a range
        if (!s.empty()) s.erase(pick(s.size()), 1 + pick(8));
        break;
      case 4:  // duplicate a range
        if (!s.empty()) {
          const std::size_t from = pick(s.size());
          s.insert(pos, s.substr(from, 1 + pick(16)));
        }
        break;
      case 5: {  // splice with another seed
        const std::string& other = seeds[pick(seeds.size())];
        s = s.substr(0, pos) + other.substr(pick(other.size() + 1));
        break;
      }
      default:  // replace a digit run boundary with a digit
        s.insert(pos, 1, static_cast<char>('0' + rng() % 10));
        break;
    }
  }
  if (s.size() > 4096) s.resize(4096);
  return s;
}

TEST(RouterFuzz, DeterministicMutations) {
  const auto seeds = LoadCorpus();
  ASSERT_FALSE(seeds.empty());
  std::mt19937_64 rng(20261122);  // fixed: failures reproduce
  constexpr int kInputs = 20'000;
  for (int i = 0; i < kInputs; ++i) {
    const std::string input = Mutate(seeds[rng() % seeds.size()], rng, seeds);
    ASSERT_EQ(RunTarget(input), 0);
  }
}

}  // namespace
}  // namespace tldmon::mosapi

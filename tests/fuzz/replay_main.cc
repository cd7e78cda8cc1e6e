// Standalone driver for the libFuzzer targets in this folder, so that the
// normal GCC build runs every target in `make test` without clang (DESIGN.md
// house rule 11). Linked with one target's LLVMFuzzerTestOneInput; runs
//   1. every file of the corpus directories (and any file given directly),
//   2. then a bounded, deterministic mutation loop: a fixed number of inputs
//      derived from the corpus by a seeded PRNG (byte flips, insertions,
//      deletions, duplications, splices, and tokens of the target's
//      libFuzzer dictionary). The same seed gives the same inputs, so a
//      failure reproduces: rerun with `--crash-dir DIR` and the input being
//      run is kept in DIR/last-input (for libFuzzer or a debugger).
// A target reports a broken invariant by aborting (fuzz_check.h), which
// fails the process and hence the ctest.
//
//   fuzz_replay_<target> [--iterations N] [--seed S] [--dict FILE]
//                        [--min-corpus N] [--crash-dir DIR] CORPUS_DIR_OR_FILE...
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

constexpr std::size_t kMaxInput = 16 * 1024;

struct Options {
  long iterations = 2000;
  std::uint64_t seed = 20261203;
  std::string dict;
  long min_corpus = 1;
  std::string crash_dir;
  std::vector<std::string> inputs;
};

[[noreturn]] void Usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--iterations N] [--seed S] [--dict FILE] [--min-corpus N] "
               "[--crash-dir DIR] CORPUS_DIR_OR_FILE...\n",
               argv0);
  std::exit(2);
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(argv[0]);
      return argv[++i];
    };
    if (a == "--iterations")
      o.iterations = std::stol(value());
    else if (a == "--seed")
      o.seed = std::stoull(value());
    else if (a == "--dict")
      o.dict = value();
    else if (a == "--min-corpus")
      o.min_corpus = std::stol(value());
    else if (a == "--crash-dir")
      o.crash_dir = value();
    else if (a.starts_with("--"))
      Usage(argv[0]);
    else
      o.inputs.emplace_back(a);
  }
  if (o.inputs.empty() || o.iterations < 0) Usage(argv[0]);
  return o;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Files of the directories (sorted: the mutation loop must not depend on the
// order the file system lists them in) and the files given directly.
std::vector<std::string> LoadCorpus(const std::vector<std::string>& inputs) {
  std::vector<std::string> seeds;
  for (const std::string& input : inputs) {
    const std::filesystem::path p(input);
    if (!std::filesystem::is_directory(p)) {
      seeds.push_back(ReadFile(p));
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(p))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) seeds.push_back(ReadFile(f));
  }
  return seeds;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// libFuzzer dictionary: lines `name="value"` or `"value"`, '#' comments,
// escapes \\ \" \xNN.
std::vector<std::string> LoadDictionary(const std::string& path) {
  std::vector<std::string> tokens;
  if (path.empty()) return tokens;
  std::istringstream lines(ReadFile(path));
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    const std::size_t open = line.find('"');
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    const std::size_t close = line.rfind('"');
    if (open == std::string::npos || close == open) {
      std::fprintf(stderr, "%s:%d: not a dictionary entry\n", path.c_str(), number);
      std::exit(2);
    }
    std::string token;
    for (std::size_t i = open + 1; i < close; ++i) {
      if (line[i] != '\\' || i + 1 >= close) {
        token.push_back(line[i]);
      } else if (line[i + 1] == 'x' && i + 3 < close && HexDigit(line[i + 2]) >= 0 &&
                 HexDigit(line[i + 3]) >= 0) {
        token.push_back(static_cast<char>(HexDigit(line[i + 2]) * 16 + HexDigit(line[i + 3])));
        i += 3;
      } else {
        token.push_back(line[++i]);
      }
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

class Mutator {
 public:
  Mutator(std::uint64_t seed, const std::vector<std::string>& seeds,
          const std::vector<std::string>& tokens)
      : rng_(seed), seeds_(seeds), tokens_(tokens) {}

  std::string Next() {
    std::string s = seeds_[Pick(seeds_.size())];
    const int rounds = 1 + static_cast<int>(Pick(6));
    for (int i = 0; i < rounds; ++i) MutateOnce(s);
    if (s.size() > kMaxInput) s.resize(kMaxInput);
    return s;
  }

 private:
  std::size_t Pick(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

  void MutateOnce(std::string& s) {
    const std::size_t pos = Pick(s.size() + 1);
    switch (Pick(8)) {
      case 0:  // flip one bit
        if (!s.empty()) s[Pick(s.size())] ^= static_cast<char>(1u << Pick(8));
        break;
      case 1:  // overwrite a byte
        if (!s.empty()) s[Pick(s.size())] = static_cast<char>(Pick(256));
        break;
      case 2:  // insert a byte
        s.insert(pos, 1, static_cast<char>(Pick(256)));
        break;
      case 3:  // delete a range
        if (!s.empty()) s.erase(Pick(s.size()), 1 + Pick(16));
        break;
      case 4:  // duplicate a range
        if (!s.empty()) {
          const std::size_t from = Pick(s.size());
          s.insert(pos, s.substr(from, 1 + Pick(32)));
        }
        break;
      case 5: {  // splice with another seed
        const std::string& other = seeds_[Pick(seeds_.size())];
        s = s.substr(0, pos) + other.substr(Pick(other.size() + 1));
        break;
      }
      case 6:  // insert an ASCII digit run (lengths, counts, dates)
        s.insert(pos, std::to_string(rng_() >> Pick(64)));
        break;
      default:  // insert a dictionary token
        if (!tokens_.empty()) s.insert(pos, tokens_[Pick(tokens_.size())]);
        break;
    }
  }

  std::mt19937_64 rng_;
  const std::vector<std::string>& seeds_;
  const std::vector<std::string>& tokens_;
};

// Saved before running, so that an abort leaves the input behind.
void SaveForCrash(const Options& o, const std::string& input) {
  if (o.crash_dir.empty()) return;
  std::filesystem::create_directories(o.crash_dir);
  std::ofstream(std::filesystem::path(o.crash_dir) / "last-input", std::ios::binary) << input;
}

int Run(const std::string& input) {
  return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = ParseArgs(argc, argv);
  const std::vector<std::string> seeds = LoadCorpus(o.inputs);
  if (static_cast<long>(seeds.size()) < o.min_corpus) {
    std::fprintf(stderr, "corpus has %zu inputs, expected at least %ld\n", seeds.size(),
                 o.min_corpus);
    return 1;
  }
  const std::vector<std::string> tokens = LoadDictionary(o.dict);
  // libFuzzer targets return 0; anything else is reported as a failure.
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    SaveForCrash(o, seeds[i]);
    if (const int rc = Run(seeds[i]); rc != 0) {
      std::fprintf(stderr, "target returned %d on corpus input %zu\n", rc, i);
      return 1;
    }
  }
  Mutator mutator(o.seed, seeds, tokens);
  for (long i = 0; i < o.iterations; ++i) {
    const std::string input = mutator.Next();
    SaveForCrash(o, input);
    if (const int rc = Run(input); rc != 0) {
      std::fprintf(stderr, "target returned %d on mutation %ld (seed %llu)\n", rc, i,
                   static_cast<unsigned long long>(o.seed));
      return 1;
    }
  }
  std::printf("%zu corpus inputs and %ld mutations: no failure\n", seeds.size(), o.iterations);
  return 0;
}

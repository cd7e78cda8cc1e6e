// Command-line flags of the benchmarks ("--name=value"). Header-only; the
// benchmarks are single files with no library of their own.
#pragma once

#include <cstdlib>
#include <string>

namespace tldmon::bench {

// The integer value of `--<name>=N` in argv, or `def` when absent.
inline int IntArg(int argc, char** argv, const char* name, int def) {
  const std::string prefix = std::string("--") + name + "=";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind(prefix, 0) == 0) return std::atoi(a.c_str() + prefix.size());
  }
  return def;
}

}  // namespace tldmon::bench

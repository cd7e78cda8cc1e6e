// Invariant checks inside fuzz targets. A failed check prints what failed and
// aborts: libFuzzer reports it as a crash and saves the input; the standalone
// replay driver (replay_main.cc) dies and fails its ctest.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                     \
  do {                                                                                       \
    if (!(cond)) {                                                                           \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

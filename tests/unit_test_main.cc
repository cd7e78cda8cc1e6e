// The main() of every test binary (in place of gtest_main).
//
// Why not gtest_main: spdlog makes its registry (and the default logger) on
// first use, behind a function-local static inside libspdlog.so. That library
// is not built with ThreadSanitizer, so when a test's first log line comes
// from two threads at once TSan sees the guard's fast path in uninstrumented
// code and reports the logger's level read as a race (unit.dane did, once).
// Making the registry here, before any test starts a thread, removes the
// race for every binary instead of one test at a time.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

int main(int argc, char** argv) {
  spdlog::default_logger_raw();
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}

// A deliberately picky target for the replay driver's own tests
// (tests/fuzz/CMakeLists.txt, ctest fuzz.selftest_*): it "fails" (returns
// non-zero, which replay_main.cc reports) on every input that is not
// exactly 4 bytes long, so a corpus file of another length, and any
// mutation that changes the length, must make the driver fail.
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t size) {
  return size == 4 ? 0 : 1;
}

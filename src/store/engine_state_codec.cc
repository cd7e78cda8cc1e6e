#include "store/engine_state_codec.h"

#include "store/varint.h"

namespace tldmon::store {

std::string EncodeDownCycles(UnixSeconds start_time, const std::vector<engine::CycleRun>& runs) {
  std::string out;
  ByteWriter w(out);
  w.Varint(runs.size());
  UnixSeconds prev = start_time;
  for (const engine::CycleRun& r : runs) {
    w.Signed(WrappingSub(r.first, prev));
    w.Varint(r.count);
    prev = r.first;
  }
  return out;
}

bool DecodeDownCycles(UnixSeconds start_time, std::string_view bytes,
                      std::vector<engine::CycleRun>& runs) {
  ByteReader in(bytes);
  std::uint64_t n = 0;
  if (!in.Varint(n) || n > bytes.size()) return false;
  runs.clear();
  runs.reserve(n);
  UnixSeconds prev = start_time;
  for (std::uint64_t i = 0; i < n; ++i) {
    std::int64_t delta = 0;
    std::uint64_t count = 0;
    if (!in.Signed(delta) || !in.Bounded(0xffffffff, count)) return false;
    prev = WrappingAdd(prev, delta);
    runs.push_back({prev, static_cast<std::uint32_t>(count)});
  }
  return in.done();
}

std::string EncodeBitmap(const std::vector<bool>& bits) {
  std::string out((bits.size() + 7) / 8, '\0');
  for (std::size_t i = 0; i < bits.size(); ++i)
    if (bits[i])
      out[i / 8] = static_cast<char>(static_cast<unsigned char>(out[i / 8]) | (1u << (i % 8)));
  return out;
}

bool DecodeBitmap(std::string_view bytes, std::size_t count, std::vector<bool>& bits) {
  if (bytes.size() != (count + 7) / 8) return false;
  bits.assign(count, false);
  for (std::size_t i = 0; i < count; ++i)
    bits[i] = (static_cast<unsigned char>(bytes[i / 8]) >> (i % 8)) & 1u;
  return true;
}

}  // namespace tldmon::store

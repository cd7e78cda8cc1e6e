#include "store/postgres/pg_array.h"

namespace tldmon::store::postgres {

std::string IntArray(const std::vector<std::int64_t>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(values[i]);
  }
  return out + "}";
}

namespace {

void PutInt32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

}  // namespace

std::string ByteaArray(const std::vector<std::string>& values) {
  // array_recv's input: dimensions, no-nulls flag, element type, then per
  // dimension its length and lower bound, then each element's length and
  // bytes; all integers big-endian.
  constexpr std::uint32_t kByteaOid = 17;
  std::string out;
  std::size_t bytes = 20;
  for (const std::string& v : values) bytes += 4 + v.size();
  out.reserve(bytes);
  PutInt32(out, values.empty() ? 0 : 1);
  PutInt32(out, 0);
  PutInt32(out, kByteaOid);
  if (!values.empty()) {
    PutInt32(out, static_cast<std::uint32_t>(values.size()));
    PutInt32(out, 1);
  }
  for (const std::string& v : values) {
    PutInt32(out, static_cast<std::uint32_t>(v.size()));
    out += v;
  }
  return out;
}

std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (const char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace tldmon::store::postgres

#include "engine/round3.h"

#include <charconv>
#include <cmath>
#include <string_view>

namespace tldmon::engine {
namespace {

// The largest double has 309 integer digits; with the sign, the point and
// three decimals that is 314 characters.
constexpr std::size_t kBufSize = 320;

// std::to_chars with a precision is specified to produce what printf does
// in the "C" locale ([charconv.to.chars]), i.e. correct rounding of the
// exact binary value with ties to even.
std::string_view Printf3(double value, char (&buf)[kBufSize]) {
  const auto r = std::to_chars(buf, buf + kBufSize, value, std::chars_format::fixed, 3);
  return {buf, static_cast<std::size_t>(r.ptr - buf)};
}

}  // namespace

double Round3(double value) {
  if (!std::isfinite(value)) return 0;
  char buf[kBufSize];
  const std::string_view text = Printf3(value, buf);
  double out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out == 0 ? 0 : out;  // folds -0.000 into 0
}

void AppendRound3(double value, std::string* out) {
  if (!std::isfinite(value)) {
    out->push_back('0');
    return;
  }
  char buf[kBufSize];
  std::string_view text = Printf3(value, buf);
  // "%.3f" always has a point and three decimals: drop zeros, then the point.
  while (text.back() == '0') text.remove_suffix(1);
  if (text.back() == '.') text.remove_suffix(1);
  if (text == "-0") text = "0";
  out->append(text);
}

}  // namespace tldmon::engine

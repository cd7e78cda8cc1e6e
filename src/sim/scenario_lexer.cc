#include "sim/scenario_lexer.h"

#include <charconv>

#include "core/time.h"
#include "sim/duration_suffix.h"

namespace tldmon::sim {
namespace {
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
}  // namespace

std::string_view StripComment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i)
    if (line[i] == '#' && (i == 0 || IsSpace(line[i - 1]))) return line.substr(0, i);
  return line;
}

std::vector<std::string_view> Tokenize(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    const std::size_t b = i;
    while (i < line.size() && !IsSpace(line[i])) ++i;
    if (i > b) out.push_back(line.substr(b, i - b));
  }
  return out;
}

std::vector<std::string_view> SplitComma(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  while (true) {
    const std::size_t c = text.find(',', b);
    out.push_back(text.substr(b, c == std::string_view::npos ? c : c - b));
    if (c == std::string_view::npos) break;
    b = c + 1;
  }
  return out;
}

std::optional<KeyValue> SplitKeyValue(std::string_view token) {
  const std::size_t eq = token.find('=');
  if (eq == std::string_view::npos || eq == 0) return std::nullopt;
  return KeyValue{token.substr(0, eq), token.substr(eq + 1)};
}

std::optional<std::int64_t> ParseInteger(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<double> ParseDecimal(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] =
      std::from_chars(text.data(), text.data() + text.size(), v, std::chars_format::fixed);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<std::int64_t> ParseTimeToken(std::string_view text, std::int64_t start) {
  if (!text.empty() && text.front() == '+') {
    const auto [n, unit] = SplitDurationSuffix(text.substr(1));
    const auto v = ParseInteger(n);
    if (!v || *v < 0 || *v > 400LL * 86400 / unit) return std::nullopt;
    return start + *v * unit;
  }
  return ParseTime(text);
}

}  // namespace tldmon::sim

#include "core/text.h"

namespace tldmon {
namespace {

template <typename IsBlank>
std::string_view TrimIf(std::string_view s, IsBlank is_blank) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

constexpr char LowerAscii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::string_view TrimBlanks(std::string_view s) {
  return TrimIf(s, [](char c) { return c == ' ' || c == '\t'; });
}

std::string_view TrimBlanksAndCr(std::string_view s) {
  return TrimIf(s, [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  return true;
}

void AppendHex(std::string_view bytes, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + 2 * bytes.size());
  for (const char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    out += kHex[u >> 4];
    out += kHex[u & 15];
  }
}

}  // namespace tldmon

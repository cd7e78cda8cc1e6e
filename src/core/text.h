// Small ASCII text helpers shared by the header, cookie, CSV and
// configuration parsers. HTTP (RFC 9110 §5.6.3 OWS) and our own text formats
// only treat space and tab as blanks, and compare tokens ASCII-case-
// insensitively, so these helpers are deliberately not locale-aware.
#pragma once

#include <string>
#include <string_view>

namespace tldmon {

// `s` without leading and trailing spaces and tabs.
std::string_view TrimBlanks(std::string_view s);

// `s` without leading and trailing spaces, tabs and carriage returns (lines
// of text files that may have CRLF endings).
std::string_view TrimBlanksAndCr(std::string_view s);

// Equal when only ASCII letter case differs; other bytes compare exactly.
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);

// Appends `bytes` as lower-case hexadecimal, two digits a byte.
void AppendHex(std::string_view bytes, std::string& out);

// The value of one hexadecimal digit (either case), or -1.
constexpr int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace tldmon

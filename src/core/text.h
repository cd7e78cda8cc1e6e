// Small ASCII text helpers shared by the header, cookie, CSV and
// configuration parsers. HTTP (RFC 9110 §5.6.3 OWS) and our own text formats
// only treat space and tab as blanks, and compare tokens ASCII-case-
// insensitively, so these helpers are deliberately not locale-aware.
#pragma once

#include <string_view>

namespace tldmon {

// `s` without leading and trailing spaces and tabs.
std::string_view TrimBlanks(std::string_view s);

// `s` without leading and trailing spaces, tabs and carriage returns (lines
// of text files that may have CRLF endings).
std::string_view TrimBlanksAndCr(std::string_view s);

// Equal when only ASCII letter case differs; other bytes compare exactly.
bool EqualsIgnoreAsciiCase(std::string_view a, std::string_view b);

}  // namespace tldmon

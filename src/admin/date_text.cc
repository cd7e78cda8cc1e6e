#include "admin/date_text.h"

#include <cstdio>

namespace tldmon::admin {
namespace {

// Two decimal digits at text[pos], or -1.
int TwoDigits(std::string_view text, std::size_t pos) {
  if (pos + 2 > text.size()) return -1;
  const char a = text[pos];
  const char b = text[pos + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
  return (a - '0') * 10 + (b - '0');
}

}  // namespace

std::string FormatDate(const CivilDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::optional<UnixSeconds> ParseRfc3339(std::string_view text) {
  // 0123456789012345678
  // YYYY-MM-DDTHH:MM:SS
  if (text.size() < 20) return std::nullopt;
  const auto date = ParseDate(text.substr(0, 10));
  if (!date) return std::nullopt;
  if (text[10] != 'T' && text[10] != 't') return std::nullopt;
  if (text[13] != ':' || text[16] != ':') return std::nullopt;
  const int hour = TwoDigits(text, 11);
  const int minute = TwoDigits(text, 14);
  const int second = TwoDigits(text, 17);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (text[pos] == '.') {
    const std::size_t first = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    const std::size_t digits = pos - first;
    if (digits < 1 || digits > 9) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;
  int offset_seconds = 0;
  const char zone = text[pos];
  if (zone == 'Z' || zone == 'z') {
    if (pos + 1 != text.size()) return std::nullopt;
  } else if (zone == '+' || zone == '-') {
    // ±HH:MM
    if (text.size() - pos != 6 || text[pos + 3] != ':') return std::nullopt;
    const int oh = TwoDigits(text, pos + 1);
    const int om = TwoDigits(text, pos + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return std::nullopt;
    offset_seconds = (oh * 3600 + om * 60) * (zone == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  // Local time = UTC + offset, so UTC = local − offset.
  return FromCivilDate(*date) + hour * 3600 + minute * 60 + second - offset_seconds;
}

}  // namespace tldmon::admin

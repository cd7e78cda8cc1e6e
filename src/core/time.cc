#include "core/time.h"

#include <charconv>
#include <cstdio>

namespace tldmon {
namespace {

// Days since 1970-01-01 for a civil date (H. Hinnant's well-known algorithm,
// re-derived; valid for the whole int range we use).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CivilDate CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return CivilDate{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2) {
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[m - 1];
}

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

}  // namespace

CivilDate ToCivilDate(UnixSeconds t) { return CivilFromDays((t - FloorMod(t, 86400)) / 86400); }

UnixSeconds FromCivilDate(const CivilDate& d) {
  return DaysFromCivil(d.year, static_cast<unsigned>(d.month), static_cast<unsigned>(d.day)) *
         86400;
}

UnixSeconds MonthStart(UnixSeconds t) {
  CivilDate d = ToCivilDate(t);
  d.day = 1;
  return FromCivilDate(d);
}

UnixSeconds NextMonthStart(UnixSeconds t) {
  CivilDate d = ToCivilDate(t);
  d.day = 1;
  if (++d.month > 12) {
    d.month = 1;
    ++d.year;
  }
  return FromCivilDate(d);
}

std::string FormatIso8601(UnixSeconds t) {
  const CivilDate d = ToCivilDate(t);
  const std::int64_t sod = FloorMod(t, 86400);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", d.year, d.month, d.day,
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                static_cast<int>(sod % 60));
  return buf;
}

std::optional<CivilDate> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  CivilDate d;
  if (!ParseInt(s.substr(0, 4), d.year) || !ParseInt(s.substr(5, 2), d.month) ||
      !ParseInt(s.substr(8, 2), d.day))
    return std::nullopt;
  if (d.year < 1970 || d.year > 9999 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month))
    return std::nullopt;
  return d;
}

std::optional<UnixSeconds> ParseTime(std::string_view s) {
  const std::string_view digits = (!s.empty() && s.front() == '-') ? s.substr(1) : s;
  if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
  }
  auto date = ParseDate(s.substr(0, 10));
  if (!date) return std::nullopt;
  UnixSeconds t = FromCivilDate(*date);
  if (s.size() == 10) return t;
  // "THH:MMZ" or "THH:MM:SSZ"
  std::string_view rest = s.substr(10);
  if (rest.size() < 7 || rest.front() != 'T' || rest.back() != 'Z' || rest[3] != ':')
    return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!ParseInt(rest.substr(1, 2), hh) || !ParseInt(rest.substr(4, 2), mm)) return std::nullopt;
  if (rest.size() == 10) {
    if (rest[6] != ':' || !ParseInt(rest.substr(7, 2), ss)) return std::nullopt;
  } else if (rest.size() != 7) {
    return std::nullopt;
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  return t + hh * 3600 + mm * 60 + ss;
}

}  // namespace tldmon

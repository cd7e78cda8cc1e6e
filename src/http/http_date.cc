#include "http/http_date.h"

#include <array>
#include <charconv>

namespace tldmon::http {
namespace {

constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                   "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> kLongDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

void Put2(char* p, int v) {
  p[0] = static_cast<char>('0' + v / 10 % 10);
  p[1] = static_cast<char>('0' + v % 10);
}

bool Num(std::string_view s, int& out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return true;
}

int MonthIndex(std::string_view m) {
  for (int i = 0; i < 12; ++i)
    if (kMonths[static_cast<std::size_t>(i)] == m) return i + 1;
  return 0;
}

// "HH:MM:SS" → seconds of day.
bool TimeOfDay(std::string_view s, int& sod) {
  int h = 0, m = 0, sec = 0;
  if (s.size() != 8 || s[2] != ':' || s[5] != ':' || !Num(s.substr(0, 2), h) ||
      !Num(s.substr(3, 2), m) || !Num(s.substr(6, 2), sec) || h > 23 || m > 59 || sec > 60)
    return false;
  sod = h * 3600 + m * 60 + sec;
  return true;
}

std::optional<UnixSeconds> Assemble(int year, int month, int day, int sod) {
  if (month < 1 || year < 1970 || year > 9999 || day < 1 || day > 31) return std::nullopt;
  const CivilDate d{year, month, day};
  const UnixSeconds midnight = FromCivilDate(d);
  if (ToCivilDate(midnight) != d) return std::nullopt;  // Feb 30 and friends
  return midnight + sod;
}

}  // namespace

void FormatImfFixdate(UnixSeconds t, char* out) {
  const CivilDate d = ToCivilDate(t);
  const std::int64_t days = (t - FloorMod(t, 86400)) / 86400;
  const int wday = static_cast<int>(FloorMod(days + 4, 7));  // 1970-01-01 was a Thursday
  const int sod = static_cast<int>(FloorMod(t, 86400));
  const int year = d.year < 0 ? 0 : (d.year > 9999 ? 9999 : d.year);
  const std::string_view wd = kDays[static_cast<std::size_t>(wday)];
  const std::string_view mon = kMonths[static_cast<std::size_t>(d.month - 1)];
  // "Sun, 06 Nov 1994 08:49:37 GMT"
  out[0] = wd[0], out[1] = wd[1], out[2] = wd[2], out[3] = ',', out[4] = ' ';
  Put2(out + 5, d.day);
  out[7] = ' ';
  out[8] = mon[0], out[9] = mon[1], out[10] = mon[2], out[11] = ' ';
  Put2(out + 12, year / 100);
  Put2(out + 14, year % 100);
  out[16] = ' ';
  Put2(out + 17, sod / 3600);
  out[19] = ':';
  Put2(out + 20, sod / 60 % 60);
  out[22] = ':';
  Put2(out + 23, sod % 60);
  out[25] = ' ', out[26] = 'G', out[27] = 'M', out[28] = 'T';
}

std::optional<UnixSeconds> ParseHttpDate(std::string_view s) {
  int day = 0, year = 0, sod = 0;
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (s.size() == 29 && s[3] == ',' && s[4] == ' ' && s[7] == ' ' && s[11] == ' ' &&
      s[16] == ' ' && s.substr(25) == " GMT") {
    bool wd_ok = false;
    for (auto d : kDays) wd_ok |= s.substr(0, 3) == d;
    const int month = MonthIndex(s.substr(8, 3));
    if (!wd_ok || !Num(s.substr(5, 2), day) || !Num(s.substr(12, 4), year) ||
        !TimeOfDay(s.substr(17, 8), sod))
      return std::nullopt;
    return Assemble(year, month, day, sod);
  }
  // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT". A two-digit year is read as
  // 1970–2069, a fixed window instead of RFC 9110's "50 years from now",
  // because this code has no clock; only ancient clients send this form.
  if (const std::size_t comma = s.find(", "); comma != std::string_view::npos && comma > 3) {
    bool wd_ok = false;
    for (auto d : kLongDays) wd_ok |= s.substr(0, comma) == d;
    const std::string_view rest = s.substr(comma + 2);
    if (!wd_ok || rest.size() != 22 || rest[2] != '-' || rest[6] != '-' || rest[9] != ' ' ||
        rest.substr(18) != " GMT")
      return std::nullopt;
    const int month = MonthIndex(rest.substr(3, 3));
    int yy = 0;
    if (!Num(rest.substr(0, 2), day) || !Num(rest.substr(7, 2), yy) ||
        !TimeOfDay(rest.substr(10, 8), sod))
      return std::nullopt;
    return Assemble(yy >= 70 ? 1900 + yy : 2000 + yy, month, day, sod);
  }
  // asctime: "Sun Nov  6 08:49:37 1994"
  if (s.size() == 24 && s[3] == ' ' && s[7] == ' ' && s[10] == ' ' && s[19] == ' ') {
    bool wd_ok = false;
    for (auto d : kDays) wd_ok |= s.substr(0, 3) == d;
    const int month = MonthIndex(s.substr(4, 3));
    std::string_view dd = s.substr(8, 2);
    if (dd[0] == ' ') dd = dd.substr(1);
    if (!wd_ok || !Num(dd, day) || !TimeOfDay(s.substr(11, 8), sod) || !Num(s.substr(20, 4), year))
      return std::nullopt;
    return Assemble(year, month, day, sod);
  }
  return std::nullopt;
}

}  // namespace tldmon::http

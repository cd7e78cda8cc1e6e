#include "admin/date_range.h"

#include <string>

#include "admin/date_text.h"

namespace tldmon::admin {
namespace {

constexpr UnixSeconds kDay = 86400;
constexpr UnixSeconds kLatestUnixSeconds = 253402300799;  // 9999-12-31T23:59:59Z

std::string FormatParameter(UnixSeconds t, DateForm form) {
  return form == DateForm::kCalendarDate ? FormatDate(ToCivilDate(t)) : std::to_string(t);
}

std::string DescribePair(std::optional<std::string_view> start_text,
                         std::optional<std::string_view> end_text, const DateRange& range,
                         DateForm form) {
  std::string out = "startDate=";
  out += start_text ? std::string(*start_text) : FormatParameter(range.start, form) + " (default)";
  out += ", endDate=";
  out += end_text ? std::string(*end_text) : FormatParameter(range.end, form) + " (default)";
  return out;
}

}  // namespace

std::optional<UnixSeconds> ParseDateParameter(std::string_view text, DateForm form) {
  if (form == DateForm::kCalendarDate) {
    const auto date = ParseDate(text);
    if (!date) return std::nullopt;
    return FromCivilDate(*date);
  }
  if (text.empty() || text.size() > 12) return std::nullopt;
  UnixSeconds value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > kLatestUnixSeconds) return std::nullopt;
  return value;
}

Result<DateRange, ExtendedError> ValidateDateRange(std::optional<std::string_view> start_text,
                                             std::optional<std::string_view> end_text,
                                             DateForm form, UnixSeconds now) {
  // Syntax first, startDate before endDate (§6.11 project default order).
  std::optional<UnixSeconds> start;
  if (start_text) {
    start = ParseDateParameter(*start_text, form);
    if (!start) return ExtendedError{ResultCode::kInvalidStartDate, std::string(*start_text)};
  }
  std::optional<UnixSeconds> end;
  if (end_text) {
    end = ParseDateParameter(*end_text, form);
    if (!end) return ExtendedError{ResultCode::kInvalidEndDate, std::string(*end_text)};
  }
  DateRange range;
  if (end) {
    range.end = *end;
  } else {
    range.end = form == DateForm::kCalendarDate ? now - FloorMod(now, kDay) : now;
  }
  range.start = start ? *start : range.end - kMaxDateRangeDays * kDay;
  if (range.end < range.start) {
    return ExtendedError{ResultCode::kEndDateBeforeStartDate,
                         DescribePair(start_text, end_text, range, form)};
  }
  if (range.end - range.start > kMaxDateRangeDays * kDay) {
    return ExtendedError{ResultCode::kDateRangeTooLong,
                         DescribePair(start_text, end_text, range, form)};
  }
  return range;
}

}  // namespace tldmon::admin

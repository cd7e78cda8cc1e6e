#include "api/date_params.h"

#include <charconv>

namespace tldmon::api {

std::optional<DateParam> ParseDateParam(std::string_view text, DateForms forms) {
  if (const auto date = ParseDate(text)) return DateParam{FromCivilDate(*date), true};
  if (forms != DateForms::kDateOrUnixSeconds || text.empty() || text.size() > 11) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  UnixSeconds v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return DateParam{v, false};
}

DateRangeResult ParseDateRange(const QueryParams& query, UnixSeconds now, DateForms forms,
                               int max_days) {
  constexpr UnixSeconds kDay = 86400;
  DateRangeResult r;
  const auto start_text = query.Get("startDate");
  const auto end_text = query.Get("endDate");
  std::optional<DateParam> start, end;
  if (start_text) {
    start = ParseDateParam(*start_text, forms);
    if (!start) {
      r.error = ApiErrorKind::kInvalidStartDate;
      r.description = "startDate=" + std::string(*start_text);
      return r;
    }
  }
  if (end_text) {
    end = ParseDateParam(*end_text, forms);
    if (!end) {
      r.error = ApiErrorKind::kInvalidEndDate;
      r.description = "endDate=" + std::string(*end_text);
      return r;
    }
  }
  r.range.end = end ? end->seconds : now - FloorMod(now, kDay);
  r.range.start = start ? start->seconds : r.range.end - max_days * kDay;
  if (r.range.end < r.range.start) {
    r.error = ApiErrorKind::kEndDateBeforeStart;
    r.description = "startDate=" + std::string(start_text.value_or("")) +
                    " endDate=" + std::string(end_text.value_or("(today)"));
    return r;
  }
  if (r.range.end - r.range.start > max_days * kDay) {
    r.error = ApiErrorKind::kDateRangeTooLong;
    r.description = "startDate=" + std::string(start_text.value_or("")) +
                    " endDate=" + std::string(end_text.value_or("(today)"));
    return r;
  }
  return r;
}

}  // namespace tldmon::api

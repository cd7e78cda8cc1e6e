#include "admin/extended_error.h"

#include <nlohmann/json.hpp>

namespace tldmon::admin {

std::string_view ResultCodeMessage(ResultCode code) {
  // mosapi-api.md §7, "Project default: messages".
  switch (code) {
    case ResultCode::kInvalidInput:
      return "Invalid input";
    case ResultCode::kEndTimeNotAfterStart:
      return "endTime must be after startTime";
    case ResultCode::kDateRangeTooLong:
      return "Date range exceeds 31 days";
    case ResultCode::kEndDateBeforeStartDate:
      return "endDate is before startDate";
    case ResultCode::kInvalidStartDate:
      return "Invalid startDate";
    case ResultCode::kInvalidEndDate:
      return "Invalid endDate";
  }
  return "Invalid input";
}

namespace {

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
std::string Truncate(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  constexpr std::string_view kEllipsis = "...";
  std::size_t cut = limit - kEllipsis.size();
  // Back up over continuation bytes (10xxxxxx) so the cut is on a boundary.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out(text.substr(0, cut));
  out += kEllipsis;
  return out;
}

}  // namespace

std::string RenderExtendedError(const ExtendedError& error) {
  nlohmann::ordered_json body;
  body["resultCode"] = error.result_code();
  body["message"] = std::string(error.message());
  body["description"] = Truncate(error.description, kMaxDescriptionBytes);
  // `replace`: a description echoing raw input must not make dump() throw.
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace tldmon::admin

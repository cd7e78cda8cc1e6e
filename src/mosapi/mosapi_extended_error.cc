#include "mosapi/mosapi_extended_error.h"

namespace tldmon::mosapi {

ApiErrorKind ApiErrorKindOf(admin::ResultCode code) {
  switch (code) {
    case admin::ResultCode::kInvalidInput:
      return ApiErrorKind::kInvalidInput;
    case admin::ResultCode::kEndTimeNotAfterStart:
      return ApiErrorKind::kMaintenanceEndTime;
    case admin::ResultCode::kDateRangeTooLong:
      return ApiErrorKind::kDateRangeTooLong;
    case admin::ResultCode::kEndDateBeforeStartDate:
      return ApiErrorKind::kEndDateBeforeStart;
    case admin::ResultCode::kInvalidStartDate:
      return ApiErrorKind::kInvalidStartDate;
    case admin::ResultCode::kInvalidEndDate:
      return ApiErrorKind::kInvalidEndDate;
  }
  return ApiErrorKind::kInvalidInput;
}

void SetExtendedError(Response& response, const admin::ExtendedError& error) {
  SetError(response, ApiErrorKindOf(error.code), error.description);
}

Result<DateRange, admin::ExtendedError> ValidateDateQuery(const QueryParams& query,
                                                          admin::DateForm form, UnixSeconds now) {
  return admin::ValidateDateRange(query.Get("startDate"), query.Get("endDate"), form, now);
}

bool HasDateQuery(const QueryParams& query) {
  return query.Get("startDate").has_value() || query.Get("endDate").has_value();
}

}  // namespace tldmon::mosapi

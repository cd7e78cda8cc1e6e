// The bridge between admin's HTTP/400 "extended errors" (admin/extended_error.h,
// mosapi-api.md §7) and the API's error table (api_error.h): one validator of
// startDate/endDate for every route that takes them (admin::ValidateDateRange,
// §6.11 project default order 2013 → 2014 → 2012 → 2011), and the 400 answer
// for an admin-side validation failure (maintenance windows: 2001, 2007).
//
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "admin/date_range.h"
#include "admin/extended_error.h"
#include "mosapi/api_error.h"
#include "mosapi/http_types.h"
#include "http/query.h"
#include "http/response.h"
#include "core/time.h"

namespace tldmon::mosapi {

// The error-table row of a MoSAPI result code (2001, 2007, 2011–2014).
ApiErrorKind ApiErrorKindOf(admin::ResultCode code);

// The 400 answer for `error` (its code's message, its description).
void SetExtendedError(Response& response, const admin::ExtendedError& error);

// A validated startDate/endDate pair, both ends inclusive (Unix seconds; a
// calendar date is its midnight UTC).
using DateRange = admin::DateRange;

// startDate/endDate of `query` validated by admin::ValidateDateRange in
// `form` (kCalendarDate for METRICA, kUnixSeconds for the incident list's
// filters). Both ends inclusive; a missing endDate is `now` (for dates:
// today, UTC), a missing startDate is endDate − 31 days.
// An error is answered with SetExtendedError.
Result<DateRange, admin::ExtendedError> ValidateDateQuery(const QueryParams& query,
                                                          admin::DateForm form, UnixSeconds now);

// Whether `query` carries startDate or endDate at all.
bool HasDateQuery(const QueryParams& query);

}  // namespace tldmon::mosapi

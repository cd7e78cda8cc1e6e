#include "rri/rri_result.h"

namespace tldmon::rri {

std::string_view ResultMessage(ResultCode code) {
  switch (code) {
    case ResultCode::kAccepted:
      // Real RRI's text (rri.md §3) without "by ICANN": tldmon is not ICANN,
      // and a user reading the answer must not think the report went there.
      return "No ERRORs were found, and the report has been accepted.";
    case ResultCode::kSchemaInvalid: return "The report does not follow its schema.";
    case ResultCode::kCutOffPassed:
      return "A report for this period exists and its cut-off date has passed.";
    case ResultCode::kNegativeValue: return "The report contains negative values.";
    case ResultCode::kDateInFuture:
      return "The reported period has not ended or a date is in the future.";
    case ResultCode::kUnsupportedVersion: return "The report version is not supported.";
    case ResultCode::kIdMismatch: return "The report id does not match the id in the URL.";
    case ResultCode::kInterfaceDisabled: return "This interface is disabled for the TLD.";
    case ResultCode::kDateBeforeCreation:
      return "The reported period or date precedes the creation of the TLD.";
    case ResultCode::kTotalsMismatch:
      return "The Totals line does not match the sum of the registrar lines.";
    case ResultCode::kRegistrarNotAccredited:
      return "The report names a registrar that is not accredited.";
    case ResultCode::kTotalsSecondFieldNotEmpty:
      return "The second field of the Totals line must be empty.";
    case ResultCode::kNotUtf8: return "The report is not UTF-8 or US-ASCII text.";
    case ResultCode::kInvalidMonth: return "The month in the URL is not valid (YYYY-MM).";
    case ResultCode::kTldMismatch: return "The TLD in the report does not match the URL.";
    case ResultCode::kUnexpectedDiff:
      return "A differential or incremental deposit was reported without a full deposit.";
    case ResultCode::kBothDomainModels:
      return "The report counts both csvDomain and rdeDomain objects.";
    case ResultCode::kMissingTld: return "The report header has no TLD.";
    case ResultCode::kRcdnMismatch: return "The rcdn attributes of the counts are inconsistent.";
    case ResultCode::kDuplicateCount: return "The report header repeats a count.";
    case ResultCode::kInvalidLabel: return "The report contains an invalid label.";
    case ResultCode::kDateBeforeGet:
      return "The requested date precedes the start of this interface.";
  }
  return "Unknown result.";
}

}  // namespace tldmon::rri

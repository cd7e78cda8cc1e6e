// RRI result codes (mosapi-api.md §11, rri.md §3/§8): what an RRI upload is
// answered in the `iirdea` envelope. 1000 is the only success; every other
// code is a rejection sent with HTTP 400, and nothing of a rejected upload
// is kept.
#pragma once

#include <string>
#include <string_view>

namespace tldmon::rri {

enum class ResultCode : int {
  kAccepted = 1000,
  kSchemaInvalid = 2001,            // not well-formed, or not the report's schema
  kCutOffPassed = 2002,             // a report exists and the month's cut-off has passed
  kNegativeValue = 2003,            // a count is negative
  kDateInFuture = 2004,             // month not ended / crDate or watermark in the future
  kUnsupportedVersion = 2005,       // rdeReport:version
  kIdMismatch = 2006,               // URL <id> differs from rdeReport:id
  kInterfaceDisabled = 2007,        // the interface is disabled for this TLD
  kDateBeforeCreation = 2008,       // month / date before the TLD was created
  kTotalsMismatch = 2101,           // Totals line is not the column sums
  kRegistrarNotAccredited = 2102,   // an iana-id tldmon does not know
  kTotalsSecondFieldNotEmpty = 2103,
  kNotUtf8 = 2105,
  kInvalidMonth = 2111,             // <yyyy-mm> of the URL
  kTldMismatch = 2202,              // rdeHeader:tld differs from the URL's
  kUnexpectedDiff = 2205,           // DIFF (or INCR) without an earlier FULL
  kBothDomainModels = 2206,         // csvDomain and rdeDomain counts
  kMissingTld = 2209,               // no rdeHeader:tld
  kRcdnMismatch = 2210,
  kDuplicateCount = 2211,           // the same (uri, rcdn, registrarId) twice
  kInvalidLabel = 2212,
  kDateBeforeGet = 2214,            // GET of a date before the interface existed
};

// The code's fixed message (the `iirdea:msg` text).
std::string_view ResultMessage(ResultCode code);

// A validation outcome: the code and, for a rejection, a precise description
// (which line, column or element failed), sent as `iirdea:description`.
struct Verdict {
  ResultCode code = ResultCode::kAccepted;
  std::string description;

  bool accepted() const { return code == ResultCode::kAccepted; }
  static Verdict Accept() { return {}; }
  static Verdict Reject(ResultCode c, std::string why) { return {c, std::move(why)}; }
  // 2001, the code of every structural failure.
  static Verdict SchemaInvalid(std::string why) {
    return {ResultCode::kSchemaInvalid, std::move(why)};
  }
};

}  // namespace tldmon::rri

// The two monthly reports of Specification 3 (rri.md §4) and their checks
// (rri.md §8 item 4), in the order ICANN's result codes suggest; the first
// failure answers. The cut-off rule (2002) needs what is stored and is the
// intake's (rri_intake.h).
//
// Project defaults (docs/rri.md "What is validated"):
//   * columns are matched by the header's names, in any order; every column
//     of rri.md §4.1 / §4.2 is required;
//   * also accepted: a first `tld` column (the Go client's fixtures carry
//     one; its cells must be the URL's TLD), and in the activity report
//     `rdap-queries`, `ramp-up-registrars`, `pre-ramp-up-registrars`, whose
//     status in today's Specification 3 is unverified;
//   * text columns: registrar-name, zfa-passwords (Nomulus writes "CZDS"),
//     tld; every other cell is a non-negative decimal integer below 2^63.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/time.h"
#include "rri/rri_result.h"

namespace tldmon::rri {

enum class MonthlyReportKind { kRegistrarTransactions, kRegistryFunctionsActivity };

// The month of a report, as the URL names it: YYYY-MM.
struct ReportMonth {
  int year = 1970;
  int month = 1;
  friend auto operator<=>(const ReportMonth&, const ReportMonth&) = default;
};

// Exactly ^[0-9]{4}-(0[1-9]|1[0-2])$ (Namingo's YYYYMM is refused: 2111).
std::optional<ReportMonth> ParseReportMonth(std::string_view text);
std::string FormatReportMonth(ReportMonth m);
UnixSeconds MonthStartOf(ReportMonth m);
// The first second after the month (UTC).
UnixSeconds MonthEnd(ReportMonth m);

// The columns every report of the kind must have, in Specification 3's order.
std::span<const std::string_view> RequiredColumns(MonthlyReportKind kind);

struct MonthlyReportContext {
  std::string tld;
  ReportMonth month;
  UnixSeconds now = 0;
  std::optional<UnixSeconds> tld_created;  // unset: 2008 is not checked
  // Whether an IANA id is an accredited registrar; empty: 2102 is not checked.
  std::function<bool(std::int64_t iana_id)> accredited;
};

// 1000, or the first rule broken with a description naming the line and
// column: 2001 (empty, not CSV, header, field count, not a number, Totals
// line missing or not last, activity not one line, a registrar twice),
// 2105 (not UTF-8), 2003 (negative), 2103, 2101, 2102, 2004 (month not
// ended), 2008 (month before the TLD's creation).
Verdict ValidateMonthlyReport(MonthlyReportKind kind, std::string_view body,
                              const MonthlyReportContext& ctx);

}  // namespace tldmon::rri

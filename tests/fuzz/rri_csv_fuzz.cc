// Fuzz target for the RRI's monthly reports: the CSV reader (ParseCsv) and
// the report checks (ValidateMonthlyReport) of both kinds. The input is the
// uploaded body.
//
// Invariants (abort when one fails):
//   * a table that parses, written back with every field quoted and CRLF,
//     parses to the same table;
//   * a rejection carries a description; an accepted report is valid UTF-8
//     and parses as CSV.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "admin/utf8.h"
#include "fuzz_check.h"
#include "rri/csv_table.h"
#include "rri/monthly_report.h"

namespace {

using namespace tldmon;       // NOLINT
using namespace tldmon::rri;  // NOLINT

std::string Quoted(const CsvTable& t) {
  std::string out;
  const auto record = [&](const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ',';
      out += '"';
      for (char c : fields[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += "\r\n";
  };
  record(t.header);
  for (const auto& r : t.rows) record(r);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Result<CsvTable> table = ParseCsv(input);
  if (table.ok()) {
    FUZZ_CHECK(table->rows.size() == table->row_lines.size());
    Result<CsvTable> again = ParseCsv(Quoted(*table));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->header == table->header);
    FUZZ_CHECK(again->rows == table->rows);
  } else {
    FUZZ_CHECK(!table.status().message().empty());
  }
  MonthlyReportContext ctx;
  ctx.tld = "example";
  ctx.month = ReportMonth{2026, 10};
  ctx.now = 1'793'534'400;  // 2026-11-02
  ctx.tld_created = 1'393'632'000;
  ctx.accredited = [](std::int64_t id) { return id % 2 == 1; };
  for (MonthlyReportKind kind :
       {MonthlyReportKind::kRegistrarTransactions, MonthlyReportKind::kRegistryFunctionsActivity}) {
    const Verdict v = ValidateMonthlyReport(kind, input, ctx);
    if (v.accepted()) {
      FUZZ_CHECK(admin::CountCodePoints(input).has_value());
      FUZZ_CHECK(table.ok());
    } else {
      FUZZ_CHECK(!v.description.empty());
    }
  }
  return 0;
}

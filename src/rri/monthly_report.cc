#include "core/text.h"
#include "rri/monthly_report.h"

#include <array>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

#include "admin/dns_name.h"
#include "admin/utf8.h"
#include "rri/csv_table.h"

namespace tldmon::rri {
namespace {

constexpr std::array<std::string_view, 39> kTransactionColumns = {
    "registrar-name", "iana-id", "total-domains", "total-nameservers",
    "net-adds-1-yr", "net-adds-2-yr", "net-adds-3-yr", "net-adds-4-yr", "net-adds-5-yr",
    "net-adds-6-yr", "net-adds-7-yr", "net-adds-8-yr", "net-adds-9-yr", "net-adds-10-yr",
    "net-renews-1-yr", "net-renews-2-yr", "net-renews-3-yr", "net-renews-4-yr",
    "net-renews-5-yr", "net-renews-6-yr", "net-renews-7-yr", "net-renews-8-yr",
    "net-renews-9-yr", "net-renews-10-yr", "transfer-gaining-successful",
    "transfer-gaining-nacked", "transfer-losing-successful", "transfer-losing-nacked",
    "transfer-disputed-won", "transfer-disputed-lost", "transfer-disputed-nodecision",
    "deleted-domains-grace", "deleted-domains-nograce", "restored-domains", "restored-noreport",
    "agp-exemption-requests", "agp-exemptions-granted", "agp-exempted-domains",
    "attempted-adds"};

constexpr std::array<std::string_view, 37> kActivityColumns = {
    "operational-registrars", "zfa-passwords", "whois-43-queries", "web-whois-queries",
    "searchable-whois-queries", "dns-udp-queries-received", "dns-udp-queries-responded",
    "dns-tcp-queries-received", "dns-tcp-queries-responded", "srs-dom-check", "srs-dom-create",
    "srs-dom-delete", "srs-dom-info", "srs-dom-renew", "srs-dom-rgp-restore-report",
    "srs-dom-rgp-restore-request", "srs-dom-transfer-approve", "srs-dom-transfer-cancel",
    "srs-dom-transfer-query", "srs-dom-transfer-reject", "srs-dom-transfer-request",
    "srs-dom-update", "srs-host-check", "srs-host-create", "srs-host-delete", "srs-host-info",
    "srs-host-update", "srs-cont-check", "srs-cont-create", "srs-cont-delete", "srs-cont-info",
    "srs-cont-transfer-approve", "srs-cont-transfer-cancel", "srs-cont-transfer-query",
    "srs-cont-transfer-reject", "srs-cont-transfer-request", "srs-cont-update"};

// Accepted, not required (see the header).
constexpr std::array<std::string_view, 3> kOptionalActivityColumns = {
    "rdap-queries", "ramp-up-registrars", "pre-ramp-up-registrars"};

bool IsTextColumn(std::string_view name) {
  return name == "registrar-name" || name == "zfa-passwords" || name == "tld";
}

std::string Where(int line, std::string_view column) {
  return "line " + std::to_string(line) + ", column " + std::string(column);
}


// A count cell: nullopt with `code` set when it is not one.
std::optional<std::int64_t> Count(std::string_view cell, ResultCode* code) {
  std::string_view digits = cell;
  const bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.remove_prefix(1);
  bool all_digits = !digits.empty();
  for (char c : digits) all_digits = all_digits && c >= '0' && c <= '9';
  if (!all_digits) {
    *code = ResultCode::kSchemaInvalid;
    return std::nullopt;
  }
  if (negative) {
    *code = ResultCode::kNegativeValue;
    return std::nullopt;
  }
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size()) {
    *code = ResultCode::kSchemaInvalid;  // beyond int64
    return std::nullopt;
  }
  return v;
}

Verdict CheckMonth(const MonthlyReportContext& ctx) {
  const std::string month = FormatReportMonth(ctx.month);
  if (MonthEnd(ctx.month) > ctx.now)
    return Verdict::Reject(ResultCode::kDateInFuture, month + " has not ended yet");
  if (ctx.tld_created && MonthEnd(ctx.month) <= *ctx.tld_created) {
    return Verdict::Reject(ResultCode::kDateBeforeCreation,
                           month + " precedes the creation of ." + ctx.tld + " (" +
                               FormatIso8601(*ctx.tld_created) + ")");
  }
  return Verdict::Accept();
}

}  // namespace

std::optional<ReportMonth> ParseReportMonth(std::string_view t) {
  if (t.size() != 7 || t[4] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  ReportMonth m;
  m.year = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  m.month = (t[5] - '0') * 10 + (t[6] - '0');
  if (m.month < 1 || m.month > 12) return std::nullopt;
  return m;
}

std::string FormatReportMonth(ReportMonth m) {
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d", m.year, m.month);
  return out;
}

UnixSeconds MonthStartOf(ReportMonth m) { return FromCivilDate(CivilDate{m.year, m.month, 1}); }

UnixSeconds MonthEnd(ReportMonth m) { return NextMonthStart(MonthStartOf(m)); }

std::span<const std::string_view> RequiredColumns(MonthlyReportKind kind) {
  if (kind == MonthlyReportKind::kRegistrarTransactions) return kTransactionColumns;
  return kActivityColumns;
}

Verdict ValidateMonthlyReport(MonthlyReportKind kind, std::string_view body,
                              const MonthlyReportContext& ctx) {
  if (body.empty()) return Verdict::Reject(ResultCode::kSchemaInvalid, "the report is empty");
  if (body.find('\0') != std::string_view::npos || !admin::CountCodePoints(body))
    return Verdict::Reject(ResultCode::kNotUtf8, "the report is not UTF-8 text");
  Result<CsvTable> table = ParseCsv(body);
  if (!table.ok()) return Verdict::Reject(ResultCode::kSchemaInvalid, table.status().message());

  // The header: known names, each once, every required one.
  const std::span<const std::string_view> required = RequiredColumns(kind);
  std::map<std::string, std::size_t> column;  // name -> index
  for (std::size_t i = 0; i < table->header.size(); ++i) {
    const std::string& name = table->header[i];
    bool known = name == "tld";
    for (std::string_view r : required) known = known || r == name;
    if (kind == MonthlyReportKind::kRegistryFunctionsActivity)
      for (std::string_view o : kOptionalActivityColumns) known = known || o == name;
    if (!known)
      return Verdict::Reject(ResultCode::kSchemaInvalid, "line 1: unknown column '" + name + "'");
    if (!column.emplace(name, i).second)
      return Verdict::Reject(ResultCode::kSchemaInvalid, "line 1: column '" + name + "' twice");
  }
  for (std::string_view r : required) {
    if (!column.count(std::string(r)))
      return Verdict::Reject(ResultCode::kSchemaInvalid,
                             "line 1: required column '" + std::string(r) + "' is missing");
  }

  // Every cell: the field count, then text or a non-negative count.
  const std::size_t n = table->header.size();
  std::vector<std::vector<std::int64_t>> counts(table->rows.size(), std::vector<std::int64_t>(n, 0));
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const std::vector<std::string>& row = table->rows[r];
    const int line = table->row_lines[r];
    if (row.size() != n) {
      return Verdict::Reject(ResultCode::kSchemaInvalid,
                             "line " + std::to_string(line) + ": " + std::to_string(row.size()) +
                                 " fields where the header has " + std::to_string(n));
    }
    const bool totals = kind == MonthlyReportKind::kRegistrarTransactions &&
                        row[column.at("registrar-name")] == "Totals";
    for (std::size_t c = 0; c < n; ++c) {
      const std::string& name = table->header[c];
      if (name == "tld") {
        if (!EqualsIgnoreAsciiCase(row[c], ctx.tld))
          return Verdict::Reject(ResultCode::kSchemaInvalid,
                                 Where(line, name) + ": '" + row[c] + "' is not ." + ctx.tld);
        continue;
      }
      if (IsTextColumn(name)) continue;
      // The Totals line's iana-id is checked by 2103, after the counts.
      if (totals && name == "iana-id") continue;
      ResultCode code = ResultCode::kAccepted;
      std::optional<std::int64_t> v = Count(row[c], &code);
      if (!v) {
        return Verdict::Reject(code, Where(line, name) + ": '" + row[c] + "' is " +
                                         (code == ResultCode::kNegativeValue
                                              ? "negative"
                                              : "not a non-negative integer"));
      }
      counts[r][c] = *v;
    }
  }

  if (kind == MonthlyReportKind::kRegistryFunctionsActivity) {
    if (table->rows.size() != 1) {
      return Verdict::Reject(ResultCode::kSchemaInvalid,
                             "an activity report has exactly one data line; this one has " +
                                 std::to_string(table->rows.size()));
    }
    return CheckMonth(ctx);
  }

  // Transactions: registrar lines, then the Totals line.
  const std::size_t name_col = column.at("registrar-name"), iana_col = column.at("iana-id");
  if (table->rows.empty() || table->rows.back()[name_col] != "Totals")
    return Verdict::Reject(ResultCode::kSchemaInvalid, "the last line is not the Totals line");
  const std::size_t last = table->rows.size() - 1;
  std::set<std::int64_t> seen;
  for (std::size_t r = 0; r < last; ++r) {
    const int line = table->row_lines[r];
    if (table->rows[r][name_col] == "Totals") {
      return Verdict::Reject(ResultCode::kSchemaInvalid,
                             "line " + std::to_string(line) + ": a Totals line before the last line");
    }
    if (counts[r][iana_col] <= 0)
      return Verdict::Reject(ResultCode::kSchemaInvalid, Where(line, "iana-id") + ": not an IANA id");
    if (!seen.insert(counts[r][iana_col]).second) {
      return Verdict::Reject(ResultCode::kSchemaInvalid,
                             Where(line, "iana-id") + ": registrar " +
                                 std::to_string(counts[r][iana_col]) + " has two lines");
    }
  }
  const int totals_line = table->row_lines[last];
  if (!table->rows[last][iana_col].empty()) {
    return Verdict::Reject(ResultCode::kTotalsSecondFieldNotEmpty,
                           Where(totals_line, "iana-id") + ": '" + table->rows[last][iana_col] +
                               "' where the Totals line has an empty field");
  }
  for (std::size_t c = 0; c < n; ++c) {
    const std::string& name = table->header[c];
    if (IsTextColumn(name) || c == iana_col) continue;
    std::int64_t sum = 0;
    for (std::size_t r = 0; r < last; ++r) {
      if (__builtin_add_overflow(sum, counts[r][c], &sum))
        return Verdict::Reject(ResultCode::kSchemaInvalid, "column " + name + ": the sum overflows");
    }
    if (sum != counts[last][c]) {
      return Verdict::Reject(ResultCode::kTotalsMismatch,
                             Where(totals_line, name) + ": Totals says " +
                                 std::to_string(counts[last][c]) + ", the registrar lines sum to " +
                                 std::to_string(sum));
    }
  }
  if (ctx.accredited) {
    for (std::size_t r = 0; r < last; ++r) {
      if (!ctx.accredited(counts[r][iana_col])) {
        return Verdict::Reject(ResultCode::kRegistrarNotAccredited,
                               Where(table->row_lines[r], "iana-id") + ": registrar " +
                                   std::to_string(counts[r][iana_col]) + " is not accredited");
      }
    }
  }
  return CheckMonth(ctx);
}

}  // namespace tldmon::rri

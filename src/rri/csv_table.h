// CsvTable / ParseCsv: the small CSV reader of the RRI's monthly reports
// (rri.md §4). RFC 4180 as the registries' tools write it:
//   * fields separated by ',', records by CRLF or LF (Nomulus writes CRLF,
//     PHP's fputcsv LF); the last record's line end is optional;
//   * a field may be quoted: "..." with "" for a quote inside, and commas
//     and line ends inside kept as they are (Nomulus quotes every registrar
//     name);
//   * a UTF-8 byte order mark at the very start is skipped (the Go client
//     passes one through);
//   * nothing is trimmed: " 5" is a different cell from "5".
// Refused, with the line number: a quote inside an unquoted field, text
// after a closing quote, an unterminated quote, a CR not followed by LF, an
// empty line between records. Empty lines at the end are ignored.
// The first record is the header. Linear time, no recursion.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tldmon::rri {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> row_lines;  // each row's 1-based line in the text (where it starts)
};

// InvalidArgument "line N: ..." on a syntax error or an empty text.
Result<CsvTable> ParseCsv(std::string_view text);

}  // namespace tldmon::rri

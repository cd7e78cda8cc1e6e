#include "rri/csv_table.h"

namespace tldmon::rri {
namespace {

Status LineError(int line, std::string_view what) {
  return InvalidArgument("line " + std::to_string(line) + ": " + std::string(what));
}

}  // namespace

Result<CsvTable> ParseCsv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::vector<std::string>> records;
  std::vector<int> lines;
  std::vector<std::string> record;
  std::string field;
  int line = 1, record_line = 1;
  bool quoted = false;      // the current field started with a quote
  bool in_quotes = false;   // inside its quotes
  bool after_quote = false; // its closing quote was read
  bool field_started = false;
  int empty_lines = 0;      // empty lines seen since the last record
  const auto end_field = [&] {
    record.push_back(std::move(field));
    field.clear();
    quoted = in_quotes = after_quote = field_started = false;
  };
  const auto end_record = [&]() -> Status {
    const bool was_quoted = quoted;
    end_field();
    if (record.size() == 1 && record[0].empty() && !was_quoted) {
      ++empty_lines;  // an empty line: fine only at the end
    } else {
      if (empty_lines > 0) return LineError(record_line - 1, "empty line between records");
      records.push_back(std::move(record));
      lines.push_back(record_line);
    }
    record.clear();
    record_line = line;
    return Status::Ok();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == ',') {
      end_field();
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r') {
        if (i + 1 >= text.size() || text[i + 1] != '\n') return LineError(line, "CR without LF");
        ++i;
      }
      ++line;
      TLDMON_RETURN_IF_ERROR(end_record());
      continue;
    }
    if (after_quote) return LineError(line, "text after a closing quote");
    if (c == '"') {
      if (field_started || !field.empty()) return LineError(line, "a quote inside an unquoted field");
      quoted = in_quotes = true;
      continue;
    }
    field += c;
    field_started = true;
  }
  if (in_quotes) return LineError(record_line, "unterminated quote");
  if (!record.empty() || !field.empty() || quoted) TLDMON_RETURN_IF_ERROR(end_record());
  if (records.empty()) return InvalidArgument("line 1: no header line");
  CsvTable table;
  table.header = std::move(records.front());
  table.rows.assign(std::make_move_iterator(records.begin() + 1),
                    std::make_move_iterator(records.end()));
  table.row_lines.assign(lines.begin() + 1, lines.end());
  return table;
}

}  // namespace tldmon::rri

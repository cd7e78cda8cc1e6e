// PgCopyIn: COPY ... FROM STDIN in text format on a PgConn, for bulk loads
// (`tldmon admin migrate`): rows are buffered and sent in blocks of about
// 1 MiB, far fewer round trips than one INSERT per row.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/postgres/pg_conn.h"

namespace tldmon::store::postgres {

class PgCopyIn {
 public:
  // Sends `copy_sql` ("COPY t (a, b) FROM STDIN"); the connection is in
  // COPY mode until Finish.
  static Result<PgCopyIn> Start(PgConn& conn, std::string_view copy_sql);
  PgCopyIn(PgCopyIn&& o) noexcept : conn_(o.conn_), buffer_(std::move(o.buffer_)) {
    o.conn_ = nullptr;
  }
  PgCopyIn& operator=(PgCopyIn&&) = delete;
  // Ends an unfinished COPY with an error: the statement fails, and with it
  // the transaction around it.
  ~PgCopyIn();

  // The row being built: append fields with the helpers below, separated
  // by '\t', then EndRow().
  std::string& row() { return buffer_; }
  Status EndRow();
  // Sends what is buffered and ends the COPY; the server's verdict.
  Status Finish();

 private:
  explicit PgCopyIn(PgConn* c) : conn_(c) {}
  Status Flush();
  PgConn* conn_;
  std::string buffer_;
};

// COPY text format: a field's text with \, tab, newline and CR escaped.
void AppendCopyText(std::string& out, std::string_view text);
// A bytea field: "\\x" and hex digits (the COPY escape of bytea's hex form).
void AppendCopyBytea(std::string& out, std::string_view bytes);
// NULL.
inline void AppendCopyNull(std::string& out) { out += "\\N"; }
// Integer fields, separated by tabs.
void AppendCopyInts(std::string& out, std::initializer_list<std::int64_t> values);

}  // namespace tldmon::store::postgres

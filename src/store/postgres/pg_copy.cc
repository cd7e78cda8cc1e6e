#include "store/postgres/pg_copy.h"

#include <libpq-fe.h>

namespace tldmon::store::postgres {
namespace {

constexpr std::size_t kFlushBytes = 1 << 20;

std::string Trimmed(const char* message) {
  std::string s = message != nullptr ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

Result<PgCopyIn> PgCopyIn::Start(PgConn& conn, std::string_view copy_sql) {
  const std::string sql(copy_sql);
  PGresult* r = PQexec(conn.raw(), sql.c_str());
  const bool ok = r != nullptr && PQresultStatus(r) == PGRES_COPY_IN;
  PQclear(r);
  if (!ok) {
    if (!conn.ok())
      return Unavailable("PostgreSQL: " + sql + ": " + Trimmed(PQerrorMessage(conn.raw())));
    return Internal("PostgreSQL: " + sql + ": " + Trimmed(PQerrorMessage(conn.raw())));
  }
  return PgCopyIn(&conn);
}

PgCopyIn::~PgCopyIn() {
  if (conn_ == nullptr) return;
  PQputCopyEnd(conn_->raw(), "abandoned");
  while (PGresult* r = PQgetResult(conn_->raw())) PQclear(r);
}

Status PgCopyIn::EndRow() {
  buffer_ += '\n';
  return buffer_.size() >= kFlushBytes ? Flush() : Status::Ok();
}

Status PgCopyIn::Flush() {
  if (buffer_.empty()) return Status::Ok();
  if (PQputCopyData(conn_->raw(), buffer_.data(), static_cast<int>(buffer_.size())) != 1)
    return Unavailable("PostgreSQL: COPY: " + Trimmed(PQerrorMessage(conn_->raw())));
  buffer_.clear();
  return Status::Ok();
}

Status PgCopyIn::Finish() {
  TLDMON_RETURN_IF_ERROR(Flush());
  PgConn* c = conn_;
  conn_ = nullptr;
  if (PQputCopyEnd(c->raw(), nullptr) != 1)
    return Unavailable("PostgreSQL: COPY: " + Trimmed(PQerrorMessage(c->raw())));
  Status s = Status::Ok();
  while (PGresult* r = PQgetResult(c->raw())) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && s.ok()) {
      const std::string why = "PostgreSQL: COPY: " + Trimmed(PQresultErrorMessage(r));
      s = c->ok() ? Internal(why) : Unavailable(why);
    }
    PQclear(r);
  }
  return s;
}

void AppendCopyText(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

void AppendCopyBytea(std::string& out, std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\\\x";
  for (const char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
}

void AppendCopyInts(std::string& out, std::initializer_list<std::int64_t> values) {
  bool first = true;
  for (std::int64_t v : values) {
    if (!first) out += '\t';
    first = false;
    out += std::to_string(v);
  }
}

}  // namespace tldmon::store::postgres

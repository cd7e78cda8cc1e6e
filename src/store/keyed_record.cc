#include "store/keyed_record.h"

#include <set>
#include <utility>

namespace tldmon::store {
namespace {

bool IsKindChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool IsKeyChar(char c) { return c >= 0x21 && c <= 0x7e; }

// Keys and kinds that break the rules may be long or unprintable: quote at
// most 64 bytes and escape the rest so a message stays one readable line.
std::string Quoted(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < 64; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c <= 0x7e && c != '\\' && c != '\'') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    }
  }
  if (s.size() > 64) out += "...";
  return out + "'";
}

Status CheckKeyChars(std::string_view key, std::string_view what) {
  if (key.size() > kMaxRecordKeyBytes) {
    return InvalidArgument(std::string(what) + " is " + std::to_string(key.size()) +
                           " bytes, more than the limit of " + std::to_string(kMaxRecordKeyBytes));
  }
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (!IsKeyChar(key[i])) {
      return InvalidArgument(std::string(what) + " " + Quoted(key) + " has a byte at offset " +
                             std::to_string(i) +
                             " that is not visible ASCII (0x21..0x7e: no blanks, control "
                             "characters or non-ASCII)");
    }
  }
  return Status::Ok();
}

std::string_view OpName(RecordChange::Op op) {
  switch (op) {
    case RecordChange::Op::kPut:
      return "put";
    case RecordChange::Op::kDelete:
      return "delete";
    case RecordChange::Op::kDeletePrefix:
      return "delete prefix";
  }
  return "?";
}

}  // namespace

Status ValidateRecordKind(std::string_view kind) {
  if (kind.empty() || kind.size() > kMaxRecordKindBytes) {
    return InvalidArgument("record kind " + Quoted(kind) + " must be 1.." +
                           std::to_string(kMaxRecordKindBytes) + " characters");
  }
  for (char c : kind) {
    if (!IsKindChar(c)) {
      return InvalidArgument("record kind " + Quoted(kind) +
                             " may contain only a-z, 0-9, '.', '_' and '-'");
    }
  }
  return Status::Ok();
}

Status ValidateRecordKey(std::string_view key) {
  if (key.empty()) return InvalidArgument("record key must not be empty");
  return CheckKeyChars(key, "record key");
}

Status ValidateRecordKeyPrefix(std::string_view prefix) {
  return CheckKeyChars(prefix, "record key prefix");
}

Status ValidateRecordBytes(std::string_view bytes) {
  if (bytes.size() > kMaxRecordBytes) {
    return InvalidArgument("record is " + std::to_string(bytes.size()) +
                           " bytes, more than the limit of " + std::to_string(kMaxRecordBytes) +
                           " (64 MiB)");
  }
  return Status::Ok();
}

Status ValidateRecordChanges(std::span<const RecordChange> changes) {
  std::set<std::pair<std::string_view, std::string_view>> put;
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const RecordChange& c = changes[i];
    Status s = ValidateRecordKind(c.kind);
    if (s.ok()) {
      s = c.op == RecordChange::Op::kDeletePrefix ? ValidateRecordKeyPrefix(c.key)
                                                  : ValidateRecordKey(c.key);
    }
    if (s.ok() && c.op == RecordChange::Op::kPut) s = ValidateRecordBytes(c.bytes);
    if (s.ok() && c.op == RecordChange::Op::kPut && !put.emplace(c.kind, c.key).second) {
      s = InvalidArgument("the same key is put twice in one batch");
    }
    if (!s.ok()) {
      return InvalidArgument("record change #" + std::to_string(i) + " (" +
                             std::string(OpName(c.op)) + " " + Quoted(c.kind) + " " +
                             Quoted(c.key) + "): " + s.message());
    }
  }
  return Status::Ok();
}

Status ValidateRecordQueries(std::span<const RecordQuery> queries) {
  for (std::size_t i = 0; i < queries.size(); ++i) {
    Status s = ValidateRecordKind(queries[i].kind);
    if (s.ok()) s = ValidateRecordKeyPrefix(queries[i].key_prefix);
    if (!s.ok()) {
      return InvalidArgument("record query #" + std::to_string(i) + ": " + s.message());
    }
  }
  return Status::Ok();
}

std::string KeyPrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  // A valid prefix ends in a visible ASCII character, so this cannot wrap.
  end.back() = static_cast<char>(end.back() + 1);
  return end;
}

}  // namespace tldmon::store

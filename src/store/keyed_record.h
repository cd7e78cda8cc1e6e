// Keyed records: opaque configuration blobs the Store keeps for modules it
// must not know (ARCHITECTURE.md: store depends only on core and engine) —
// access control (src/auth) and admin data (src/admin). Each module owns the
// encoding of its bytes and adapts its types in a repository beside them
// (auth::AccessRepository, admin::AdminRepository).
//
// A record is `bytes` under (kind, key). A kind is a namespace
// ("auth.account", "metrica", ...); keys order bytewise, so a key made of
// fixed-width parts ("ry/example/2026-01-01") lists in a meaningful order and
// a prefix ("ry/example/") selects one entity. The limits below are part of
// the contract, so every backend accepts exactly the same records
// (docs/formats/store-schema.md "Keyed records").
//
// Plain values and pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon::store {

// A record's bytes may be empty and at most this long (64 MiB: a METRICA
// import file is bounded the same way; larger data does not belong here).
inline constexpr std::size_t kMaxRecordBytes = std::size_t{64} << 20;
// A key: 1..512 visible ASCII characters (0x21..0x7e), so it sorts the same
// in every backend and collation and prints in messages as it is.
inline constexpr std::size_t kMaxRecordKeyBytes = 512;
// A kind: 1..64 characters of [a-z0-9._-].
inline constexpr std::size_t kMaxRecordKindBytes = 64;

struct KeyedRecord {
  std::string key;
  std::string bytes;
  friend bool operator==(const KeyedRecord&, const KeyedRecord&) = default;
};

// One change of a Store::WriteRecords batch. A view: the strings belong to
// the caller and must live until WriteRecords returns.
struct RecordChange {
  enum class Op : std::uint8_t {
    kPut,           // insert or replace (kind, key) with `bytes`
    kDelete,        // remove (kind, key) if present (absent is not an error)
    kDeletePrefix,  // remove every record of `kind` whose key starts with `key`
                    // ("" = the whole kind)
  };
  Op op = Op::kPut;
  std::string_view kind;
  std::string_view key;
  std::string_view bytes;  // kPut only

  static RecordChange Put(std::string_view kind, std::string_view key, std::string_view bytes) {
    return {Op::kPut, kind, key, bytes};
  }
  static RecordChange Delete(std::string_view kind, std::string_view key) {
    return {Op::kDelete, kind, key, {}};
  }
  static RecordChange DeletePrefix(std::string_view kind, std::string_view prefix) {
    return {Op::kDeletePrefix, kind, prefix, {}};
  }
};

struct RecordWriteOutcome {
  std::size_t put = 0;      // kPut changes applied (new or replacing)
  std::size_t deleted = 0;  // records that existed and were removed by a delete
  friend bool operator==(const RecordWriteOutcome&, const RecordWriteOutcome&) = default;
};

// One query of Store::ReadRecords: the records of `kind` whose key starts
// with `key_prefix` ("" = all of them). A view, like RecordChange.
struct RecordQuery {
  std::string_view kind;
  std::string_view key_prefix;
};

// InvalidArgument with a message naming the offending value and the rule.
Status ValidateRecordKind(std::string_view kind);
Status ValidateRecordKey(std::string_view key);
// A prefix follows the key rules but may be empty.
Status ValidateRecordKeyPrefix(std::string_view prefix);
Status ValidateRecordBytes(std::string_view bytes);

// Everything WriteRecords rejects before writing: each change's kind, key (or
// prefix) and bytes, and a (kind, key) put twice in one batch (the second put
// would silently drop the first). The message names the change:
// "record change #2 (put 'auth.account' 'example_ry'): ...".
Status ValidateRecordChanges(std::span<const RecordChange> changes);
Status ValidateRecordQueries(std::span<const RecordQuery> queries);

// The exclusive upper bound of the keys starting with `prefix` (a valid,
// non-empty prefix): the prefix with its last character incremented, so the
// keys with the prefix are exactly those in [prefix, KeyPrefixEnd(prefix)) —
// a range scan of the (kind, key) index.
std::string KeyPrefixEnd(std::string_view prefix);

}  // namespace tldmon::store

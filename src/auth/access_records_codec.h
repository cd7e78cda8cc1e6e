// The stored form of the access-control records (access_records.h): one JSON
// object per record, so an operator can read a store's copy with any tool
// (docs/formats/store-schema.md "Keyed records"):
//   EntityAccessRecord {"version":1,"entity":"ry/example",
//                       "allowList":["192.0.2.0/24","2001:db8::/32"],
//                       "roles":["MoSAPI - TLD SLAM Data",...]}
//   AccountRecord      {"version":1,"username":"example_ry","entity":"ry/example",
//                       "passwordHash":"$argon2id$v=19$m=...,t=...,p=1$...$..."}
// Prefixes are canonical (IpPrefix::ToString), roles are NSp names in enum
// order (mosapi-api.md §4.5).
//
// Lossless both ways: Encode accepts exactly the records Decode returns, and
// Decode(Encode(r)) == r. Decode treats its input as untrusted (a damaged
// store): any deviation is InvalidArgument naming the field, never a crash.
//
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "auth/access_records.h"
#include "core/status.h"

namespace tldmon::auth {

// Largest encoded record (an allow-list of ~20,000 prefixes); bounds parsing.
inline constexpr std::size_t kMaxAccessRecordBytes = std::size_t{1} << 20;

// InvalidArgument if the entity id is invalid or the result would exceed
// kMaxAccessRecordBytes.
Result<std::string> EncodeEntityAccessRecord(const EntityAccessRecord& record);
Result<EntityAccessRecord> DecodeEntityAccessRecord(std::string_view bytes);

// InvalidArgument if the user name fails ValidateUsername, the entity id is
// invalid, or the hash is not an argon2id string of visible ASCII
// (LooksLikeArgon2idHash; libsodium's strings always are).
Result<std::string> EncodeAccountRecord(const AccountRecord& record);
Result<AccountRecord> DecodeAccountRecord(std::string_view bytes);

}  // namespace tldmon::auth

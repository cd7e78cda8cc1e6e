// The bulk upload of TLS access entries (`tldmon admin tls import FILE`;
// docs/formats/tls-access-import.md), as ICANN's one-time RSP bulk upload
// into NSp (seed 001): the uploader must attest that each registry
// operator authorized it. JSON:
//   {"version": 1, "submittedBy": "...", "attestation": "...",
//    "entities": [{"entity": "ry/example",
//                  "entries": [{"domain": "rsp1.nic.example",
//                               "roles": ["MoSAPI - TLD SLAM Data"],
//                               "acl": ["192.0.2.0/24", "2001:db8::/32"]}]}]}
// Each listed entity's entries are replaced by the file's (an empty list
// removes them); unlisted entities are untouched. Any error refuses the
// whole file. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "dane/tls_access.h"

namespace tldmon::dane {

// Largest file read (a few thousand TLDs with several entries each).
inline constexpr std::size_t kMaxTlsImportBytes = 8u << 20;

struct TlsAccessImport {
  std::string submitted_by;
  std::string attestation;
  TlsAccessTable entities;  // listed entities, each with its new entries (maybe none)
};

// InvalidArgument naming the first problem with its place ("entities[3]
// .entries[1].acl[0]: ..."): unknown keys, a missing or empty attestation,
// an entity twice, an entry that ValidateTlsAccessEntry refuses, a domain
// twice in one entity, more than kMaxTlsEntriesPerEntity entries.
Result<TlsAccessImport> ParseTlsAccessImport(std::string_view text);

}  // namespace tldmon::dane

// Fuzz target for the TLS access bulk import (`tldmon admin tls import`,
// dane/tls_access_import.h, docs/formats/tls-access-import.md). The input is
// the file's bytes.
//
// Invariants (abort when one fails):
//   * a rejection carries a message;
//   * an accepted import has a non-empty attestation and submitter, and
//     every entity's entries validate, encode as the stored record and
//     decode back unchanged.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dane/tls_access.h"
#include "dane/tls_access_import.h"
#include "fuzz_check.h"

using namespace tldmon::dane;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parsed = ParseTlsAccessImport(input);
  if (!parsed.ok()) {
    FUZZ_CHECK(!parsed.status().message().empty());
    return 0;
  }
  FUZZ_CHECK(!parsed->attestation.empty() && !parsed->submitted_by.empty());
  for (const auto& [entity, entries] : parsed->entities) {
    FUZZ_CHECK(entries.size() <= kMaxTlsEntriesPerEntity);
    for (const TlsAccessEntry& e : entries) FUZZ_CHECK(ValidateTlsAccessEntry(e).ok());
    if (entries.empty()) continue;
    const auto bytes = EncodeTlsAccessRecord(entity, entries);
    FUZZ_CHECK(bytes.ok());
    const auto back = DecodeTlsAccessRecord(entity, *bytes);
    FUZZ_CHECK(back.ok() && *back == entries);
  }
  return 0;
}

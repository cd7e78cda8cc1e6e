// Fuzz target for the registrars' RDAP base URL list import (CSV or JSON,
// ParseRdapBaseUrlImport, docs/formats/rdap-base-urls-import.md) and the
// store's blob (ParseStoredRdapBaseUrlList). The input is the file's bytes.
//
// Invariants (abort when one fails):
//   * a rejection carries a message;
//   * an accepted list is non-empty, satisfies ValidateRdapBaseUrlList,
//     carries the import time, respects the limits, and survives its
//     storage round trip (RenderRdapBaseUrlList, then
//     ParseStoredRdapBaseUrlList) unchanged, as does an accepted stored blob.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "admin/rdap_base_urls.h"
#include "admin/rdap_base_urls_import.h"
#include "fuzz_check.h"

namespace {

using namespace tldmon;         // NOLINT
using namespace tldmon::admin;  // NOLINT

constexpr UnixSeconds kImportTime = 1767225600;  // 2026-01-01T00:00:00Z

void CheckRoundTrip(const RdapBaseUrlList& list) {
  FUZZ_CHECK(ValidateRdapBaseUrlList(list).ok());
  const Result<RdapBaseUrlList> back = ParseStoredRdapBaseUrlList(RenderRdapBaseUrlList(list));
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == list);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  RdapBaseUrlImportLimits limits;
  limits.max_registrars = 1000;
  limits.max_urls_per_registrar = 4;
  const Result<RdapBaseUrlList> imported = ParseRdapBaseUrlImport(input, kImportTime, limits);
  if (imported.ok()) {
    FUZZ_CHECK(!imported->registrars.empty());
    FUZZ_CHECK(imported->registrars.size() <= limits.max_registrars);
    FUZZ_CHECK(imported->publication == kImportTime);
    for (const RegistrarRdapBaseUrls& r : imported->registrars)
      FUZZ_CHECK(!r.urls.empty() && r.urls.size() <= limits.max_urls_per_registrar);
    CheckRoundTrip(*imported);
  } else {
    FUZZ_CHECK(!imported.status().message().empty());
  }
  const Result<RdapBaseUrlList> stored = ParseStoredRdapBaseUrlList(input);
  if (stored.ok())
    CheckRoundTrip(*stored);
  else
    FUZZ_CHECK(!stored.status().message().empty());
  return 0;
}

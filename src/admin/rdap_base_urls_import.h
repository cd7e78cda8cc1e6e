// Reading the registrars' RDAP base URL list (mosapi-api.md §6.13) from an
// import file handed in as bytes (`tldmon admin rdap-base-urls import FILE`;
// format: docs/formats/rdap-base-urls-import.md) and from the store's blob.
// Two input forms, told apart by the first non-blank character:
//   '{'       the RFC 7484-style JSON document itself (as served);
//   otherwise CSV lines "ianaId,url[,url...]".
// Validation is all-or-nothing; messages name the line and field (CSV) or the
// JSON path ("$.services[3][1][0]: ...").
//
// Pure and thread-safe; the import time is a parameter.
#pragma once

#include <cstddef>
#include <string_view>

#include "admin/rdap_base_urls.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::admin {

struct RdapBaseUrlImportLimits {
  std::size_t max_bytes = 16u << 20;  // whole file, checked before parsing
  std::size_t max_registrars = 100'000;
  std::size_t max_urls_per_registrar = 16;
};

// The list with publication = import_time (a `publication` in a JSON input is
// checked for syntax but not kept: the served list says when it was loaded),
// registrars sorted by IANA ID. Fails on: malformed CSV/JSON, an IANA ID that
// is not a positive decimal integer ≤ 4294967295 without leading zeros, a URL
// failing ValidateHttpsUrl, the same IANA ID twice, the same URL twice for one
// registrar, a registrar without URLs, an empty list, limits exceeded.
Result<RdapBaseUrlList> ParseRdapBaseUrlImport(std::string_view bytes, UnixSeconds import_time,
                                               const RdapBaseUrlImportLimits& limits = {});

// Inverse of RenderRdapBaseUrlList: the JSON form, `publication` required and
// kept. An empty `services` array is allowed here (an empty stored list).
Result<RdapBaseUrlList> ParseStoredRdapBaseUrlList(std::string_view bytes);

}  // namespace tldmon::admin

// The registrars' RDAP base URL list (mosapi-api.md §6.13, "part 11"): for
// each ICANN-accredited registrar (IANA ID) the base URLs of its RDAP
// service, served in RFC 7484 bootstrap style at registrarRdapBaseUrl/list.
// Plain data; imported by `tldmon admin rdap-base-urls import`
// (docs/formats/rdap-base-urls-import.md); the store keeps the rendered
// document as the blob (ParseStoredRdapBaseUrlList reads it back).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace tldmon::admin {

struct RegistrarRdapBaseUrls {
  std::uint32_t iana_id = 0;      // > 0
  std::vector<std::string> urls;  // https, distinct, in the imported order
  friend bool operator==(const RegistrarRdapBaseUrls&, const RegistrarRdapBaseUrls&) = default;
};

struct RdapBaseUrlList {
  UnixSeconds publication = 0;                    // when the list was imported
  std::vector<RegistrarRdapBaseUrls> registrars;  // ascending iana_id, no duplicates
  friend bool operator==(const RdapBaseUrlList&, const RdapBaseUrlList&) = default;
};

inline constexpr std::string_view kRdapBaseUrlListDescription =
    "ICANN-accredited Registrar's RDAP base URL list";

// Checks the invariants above (ids positive, ascending and unique; each
// registrar has 1+ URLs, all valid https URLs, none repeated).
Status ValidateRdapBaseUrlList(const RdapBaseUrlList& list);

// Exactly
// {"publication":"2019-06-04T13:02:06Z","description":"ICANN-accredited
// Registrar's RDAP base URL list","services":[[["81"],["https://rdap.gandi.net"]],...],
// "version":"1.0"} (compact). Registrars with identical URL lists (same URLs in
// the same order) share one service group; groups are ordered by their
// smallest IANA ID, ids ascending inside a group, as decimal strings.
// `list` must satisfy ValidateRdapBaseUrlList.
std::string RenderRdapBaseUrlList(const RdapBaseUrlList& list);

}  // namespace tldmon::admin

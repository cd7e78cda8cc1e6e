// Host and domain name syntax for imported data: METRICA domain lists
// (mosapi-api.md §6.11) and RDAP base URL hosts (§6.13).
//
// Pure and thread-safe.
#pragma once

#include <string_view>

namespace tldmon::admin {

// Longest name accepted, in its textual form without a trailing dot
// (RFC 1035: 255 octets on the wire = 253 characters of text).
inline constexpr std::size_t kMaxDomainNameLength = 253;

// True iff `name` is an LDH host name (RFC 952/1123, as DNS registries allow
// for registered names): labels of 1–63 characters of [A-Za-z0-9-], not
// starting or ending with '-', separated by single dots, at least
// `min_labels` labels, at most kMaxDomainNameLength characters, no trailing
// dot. IDNs must be in A-label form ("xn--…"). The last label must not be all
// digits (so an IPv4 literal is not a host name).
bool IsValidHostName(std::string_view name, int min_labels = 1);

// True iff `name` ends in ".<suffix>" (ASCII case-insensitive). The name
// itself equal to the suffix is not "under" it.
bool IsUnderDomain(std::string_view name, std::string_view suffix);

// 'A'..'Z' to 'a'..'z', every other byte as it is (names compare ASCII
// case-insensitively, RFC 4343).
inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace tldmon::admin

// IP addresses and prefixes for the per-entity source allow-list
// (mosapi-api.md §4.1: access only from registered IPv4 and IPv6 prefixes).
//
// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are the same host as a.b.c.d
// (RFC 4291 §2.5.5.2): a dual-stack socket reports IPv4 clients that way, so
// parsing folds them to IPv4, for sources and for prefixes alike.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tldmon::auth {

enum class IpFamily : std::uint8_t { kV4 = 4, kV6 = 6 };

// A plain value. Thread-compatible.
class IpAddress {
 public:
  IpAddress() = default;

  // Bare textual address: "192.0.2.1", "2001:db8::1", "::ffff:192.0.2.1"
  // (folded to IPv4). No brackets, ports or zone ids; at most 64 characters.
  static Result<IpAddress> Parse(std::string_view text);

  IpFamily family() const { return family_; }
  int bit_length() const { return family_ == IpFamily::kV4 ? 32 : 128; }
  // The address with every bit after the first `length` cleared
  // (length is clamped to 0..bit_length()).
  IpAddress Masked(int length) const;
  // Canonical text (RFC 5952 for IPv6, as inet_ntop prints it).
  std::string ToString() const;

  friend bool operator==(const IpAddress&, const IpAddress&) = default;

 private:
  IpFamily family_ = IpFamily::kV4;
  // Network byte order; IPv4 uses the first 4 bytes, the rest stay zero.
  std::array<std::uint8_t, 16> bytes_{};
  friend class IpPrefix;
};

// A CIDR prefix such as 192.0.2.0/24 or 2001:db8::/32. Thread-compatible.
class IpPrefix {
 public:
  IpPrefix() = default;

  // "192.0.2.0/24", "2001:db8::/32"; a single address means /32 or /128.
  // Rejected with InvalidArgument and a message naming the problem: bad
  // address, missing/non-decimal/out-of-range length, or host bits set
  // beyond the length ("192.0.2.1/24": did you mean 192.0.2.0/24?).
  // ::ffff:a.b.c.d/n with n >= 96 folds to the IPv4 prefix a.b.c.d/(n-96).
  static Result<IpPrefix> Parse(std::string_view text);

  const IpAddress& address() const { return address_; }
  int length() const { return length_; }
  // True when `a` is of the same family and inside the prefix. An IPv4
  // (or IPv4-mapped) source is never inside an IPv6 prefix such as ::/0.
  bool Contains(const IpAddress& a) const;
  // "192.0.2.0/24": always with the length, parseable by Parse.
  std::string ToString() const;

  friend bool operator==(const IpPrefix&, const IpPrefix&) = default;

 private:
  IpAddress address_;
  int length_ = 32;
};

// Project default (docs/auth.md): an empty list allows nobody; an
// administrator who wants "everyone" adds 0.0.0.0/0 and ::/0.
bool AllowListPermits(const std::vector<IpPrefix>& allow_list, const IpAddress& source);

// Parses every entry; the first bad one fails the whole list, its position
// named in the message.
Result<std::vector<IpPrefix>> ParseAllowList(const std::vector<std::string>& texts);

}  // namespace tldmon::auth

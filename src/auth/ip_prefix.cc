#include "auth/ip_prefix.h"

#include <arpa/inet.h>

#include <charconv>

namespace tldmon::auth {
namespace {

constexpr std::size_t kMaxAddressText = 64;
constexpr std::array<std::uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool IsMapped(const std::array<std::uint8_t, 16>& b) {
  for (std::size_t i = 0; i < kMappedPrefix.size(); ++i) {
    if (b[i] != kMappedPrefix[i]) return false;
  }
  return true;
}

std::string Quote(std::string_view s) {
  // Bounded echo of untrusted text into an error message.
  return "'" + std::string(s.substr(0, kMaxAddressText + 8)) + "'";
}

}  // namespace

Result<IpAddress> IpAddress::Parse(std::string_view text) {
  // inet_pton needs a terminated string, and stops at an embedded NUL.
  if (text.empty() || text.size() > kMaxAddressText || text.find('\0') != std::string_view::npos) {
    return InvalidArgument("not an IP address: " + Quote(text));
  }
  const std::string s(text);
  IpAddress a;
  if (s.find(':') == std::string::npos) {
    if (inet_pton(AF_INET, s.c_str(), a.bytes_.data()) != 1) {
      return InvalidArgument("not an IPv4 address: " + Quote(text));
    }
    a.family_ = IpFamily::kV4;
    return a;
  }
  std::array<std::uint8_t, 16> b{};
  if (inet_pton(AF_INET6, s.c_str(), b.data()) != 1) {
    return InvalidArgument("not an IPv6 address: " + Quote(text));
  }
  if (IsMapped(b)) {
    a.family_ = IpFamily::kV4;
    for (std::size_t i = 0; i < 4; ++i) a.bytes_[i] = b[12 + i];
    return a;
  }
  a.family_ = IpFamily::kV6;
  a.bytes_ = b;
  return a;
}

IpAddress IpAddress::Masked(int length) const {
  IpAddress m = *this;
  const int bits = bit_length();
  if (length < 0) length = 0;
  if (length > bits) length = bits;
  for (int byte = 0; byte < bits / 8; ++byte) {
    const int keep = length - byte * 8;  // bits of this byte to keep
    if (keep >= 8) continue;
    const auto idx = static_cast<std::size_t>(byte);
    m.bytes_[idx] =
        keep <= 0 ? 0 : static_cast<std::uint8_t>(m.bytes_[idx] & (0xffU << (8 - keep)));
  }
  return m;
}

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  const int af = family_ == IpFamily::kV4 ? AF_INET : AF_INET6;
  if (inet_ntop(af, bytes_.data(), buf, sizeof buf) == nullptr) return "?";
  return buf;
}

Result<IpPrefix> IpPrefix::Parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  const std::string_view addr_text = text.substr(0, slash);
  if (addr_text.size() > kMaxAddressText || addr_text.find('\0') != std::string_view::npos) {
    return InvalidArgument("not an IP prefix: " + Quote(text));
  }
  const std::string addr_str(addr_text);
  // Parse the raw address without folding first: the length of a mapped
  // prefix is counted in IPv6 bits.
  std::array<std::uint8_t, 16> raw{};
  IpFamily family;
  if (addr_str.find(':') == std::string::npos) {
    if (addr_str.empty() || inet_pton(AF_INET, addr_str.c_str(), raw.data()) != 1) {
      return InvalidArgument("bad IPv4 address in prefix " + Quote(text));
    }
    family = IpFamily::kV4;
  } else {
    if (inet_pton(AF_INET6, addr_str.c_str(), raw.data()) != 1) {
      return InvalidArgument("bad IPv6 address in prefix " + Quote(text));
    }
    family = IpFamily::kV6;
  }
  const int max_len = family == IpFamily::kV4 ? 32 : 128;
  int length = max_len;
  if (slash != std::string_view::npos) {
    const std::string_view len_text = text.substr(slash + 1);
    // Decimal digits only, no sign, no leading zero, at most 3 digits.
    const bool digits_only = !len_text.empty() && len_text.size() <= 3 &&
                             len_text.find_first_not_of("0123456789") == std::string_view::npos &&
                             !(len_text.size() > 1 && len_text.front() == '0');
    if (!digits_only) {
      return InvalidArgument("prefix length must be a decimal number in " + Quote(text));
    }
    std::from_chars(len_text.data(), len_text.data() + len_text.size(), length);
    if (length > max_len) {
      return InvalidArgument("prefix length " + std::to_string(length) + " exceeds /" +
                             std::to_string(max_len) + " in " + Quote(text));
    }
  }
  IpPrefix p;
  p.address_.family_ = family;
  p.address_.bytes_ = raw;
  p.length_ = length;
  if (!(p.address_.Masked(length) == p.address_)) {
    return InvalidArgument("host bits set beyond /" + std::to_string(length) + " in " +
                           Quote(text) + "; did you mean " + p.address_.Masked(length).ToString() +
                           "/" + std::to_string(length) + "?");
  }
  if (family == IpFamily::kV6 && length >= 96 && IsMapped(raw)) {
    IpAddress v4;
    v4.family_ = IpFamily::kV4;
    for (std::size_t i = 0; i < 4; ++i) v4.bytes_[i] = raw[12 + i];
    p.address_ = v4;
    p.length_ = length - 96;
  }
  return p;
}

bool IpPrefix::Contains(const IpAddress& a) const {
  return a.family() == address_.family() && a.Masked(length_) == address_;
}

std::string IpPrefix::ToString() const {
  return address_.ToString() + "/" + std::to_string(length_);
}

bool AllowListPermits(const std::vector<IpPrefix>& allow_list, const IpAddress& source) {
  for (const IpPrefix& p : allow_list) {
    if (p.Contains(source)) return true;
  }
  return false;
}

Result<std::vector<IpPrefix>> ParseAllowList(const std::vector<std::string>& texts) {
  std::vector<IpPrefix> out;
  out.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Result<IpPrefix> p = IpPrefix::Parse(texts[i]);
    if (!p.ok()) {
      return InvalidArgument("allow-list entry " + std::to_string(i + 1) + ": " +
                             p.status().message());
    }
    out.push_back(*p);
  }
  return out;
}

}  // namespace tldmon::auth

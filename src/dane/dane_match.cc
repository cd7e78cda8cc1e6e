#include "dane/dane_match.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <string>
#include <string_view>

namespace tldmon::dane {
namespace {

std::string_view View(const auto& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// What a record of this selector and matching type compares with.
std::string_view Material(const http::PeerCertificate& c, std::uint8_t selector,
                          std::uint8_t matching_type) {
  if (selector == 0) {
    return matching_type == 0 ? std::string_view(c.der)
           : matching_type == 1 ? View(c.der_sha256)
                                : View(c.der_sha512);
  }
  return matching_type == 0 ? std::string_view(c.spki_der)
         : matching_type == 1 ? View(c.spki_sha256)
                              : View(c.spki_sha512);
}

bool Usable(const TlsaRecord& r, const TlsaTriples& triples) {
  if (!triples.Contains(r)) return false;
  const std::size_t want = DigestLength(r.matching_type);
  return want == 0 ? !r.data.empty() : r.data.size() == want;
}

}  // namespace

TlsaTriples TlsaTriples::Default() {
  TlsaTriples t;
  t.bits_.set();
  return t;
}

Result<TlsaTriples> TlsaTriples::Parse(std::span<const std::string> texts) {
  TlsaTriples t;
  for (const std::string& text : texts) {
    // "3 1 1" plus a dummy datum, so the one parser reads it.
    Result<TlsaRecord> r = ParseTlsaText(text + " 00");
    if (!r.ok() || r->usage != 3 || r->selector > 1 || r->matching_type > 2)
      return InvalidArgument("TLSA triple \"" + text +
                             "\" is not DANE-EE: usage 3, selector 0 or 1, matching type 0-2");
    t.bits_.set(static_cast<std::size_t>(r->selector * 3 + r->matching_type));
  }
  return t;
}

bool MatchDaneEe(const http::PeerCertificate& certificate, std::span<const TlsaRecord> rrset,
                 const TlsaTriples& triples) {
  // Per selector, the strongest digest present among usable records.
  std::uint8_t strongest[2] = {0, 0};
  for (const TlsaRecord& r : rrset) {
    if (Usable(r, triples) && r.matching_type != 0)
      strongest[r.selector] = std::max(strongest[r.selector], r.matching_type);
  }
  bool matched = false;
  for (const TlsaRecord& r : rrset) {
    if (!Usable(r, triples)) continue;
    if (r.matching_type != 0 && r.matching_type != strongest[r.selector]) continue;
    const std::string_view mine = Material(certificate, r.selector, r.matching_type);
    // Every candidate is compared (no early exit), each in constant time.
    if (mine.size() == r.data.size() &&
        CRYPTO_memcmp(mine.data(), r.data.data(), mine.size()) == 0)
      matched = true;
  }
  return matched;
}

}  // namespace tldmon::dane

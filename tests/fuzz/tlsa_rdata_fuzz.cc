// Fuzz target for TLSA records as DNS and operators hand them to tldmon
// (dane/tlsa_record.h): the wire RDATA libunbound returns and the
// presentation text, then the DANE-EE matcher over what parsed.
//
// Invariants (abort when one fails):
//   * wire: accepted iff at least 4 octets and data within the bound; the
//     fields are the input's bytes;
//   * text: an accepted record formats and parses back to itself;
//   * the matcher never matches an empty certificate, and a record set made
//     of the input never crashes it (lengths are checked before compares).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "dane/dane_match.h"
#include "dane/tlsa_record.h"
#include "fuzz_check.h"

using namespace tldmon::dane;  // NOLINT

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto wire = ParseTlsaRdata(input);
  FUZZ_CHECK(wire.ok() == (size >= 4 && size - 3 <= kMaxTlsaDataBytes));
  std::vector<TlsaRecord> rrset;
  if (wire.ok()) {
    FUZZ_CHECK(wire->usage == data[0] && wire->selector == data[1] && wire->matching_type == data[2]);
    FUZZ_CHECK(wire->data == input.substr(3));
    rrset.push_back(*wire);
  }
  const auto text = ParseTlsaText(input);
  if (text.ok()) {
    const auto again = ParseTlsaText(FormatTlsa(*text));
    FUZZ_CHECK(again.ok() && *again == *text);
    rrset.push_back(*text);
  }
  // Split the input into several records too (digest agility paths).
  for (std::size_t at = 0; at + 4 <= size && rrset.size() < 8; at += 35) {
    const auto part = ParseTlsaRdata(input.substr(at, 35));
    if (part.ok()) rrset.push_back(*part);
  }
  tldmon::http::PeerCertificate empty;
  FUZZ_CHECK(!MatchDaneEe(empty, rrset, TlsaTriples::Default()) || !rrset.empty());
  tldmon::http::PeerCertificate some;
  some.der = std::string(input.substr(0, 64));
  some.spki_der = some.der;
  (void)MatchDaneEe(some, rrset, TlsaTriples::Default());
  return 0;
}

#include "dane/tlsa_record.h"

#include <charconv>

#include "core/text.h"

namespace tldmon::dane {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::size_t DigestLength(std::uint8_t matching_type) {
  return matching_type == 1 ? 32 : matching_type == 2 ? 64 : 0;
}

Result<TlsaRecord> ParseTlsaRdata(std::string_view rdata) {
  if (rdata.size() < 4) return InvalidArgument("TLSA RDATA shorter than 4 octets");
  if (rdata.size() - 3 > kMaxTlsaDataBytes)
    return InvalidArgument("TLSA data longer than " + std::to_string(kMaxTlsaDataBytes) + " octets");
  TlsaRecord r;
  r.usage = static_cast<std::uint8_t>(rdata[0]);
  r.selector = static_cast<std::uint8_t>(rdata[1]);
  r.matching_type = static_cast<std::uint8_t>(rdata[2]);
  r.data.assign(rdata.substr(3));
  return r;
}

Result<TlsaRecord> ParseTlsaText(std::string_view text) {
  TlsaRecord r;
  std::size_t pos = 0;
  auto next_number = [&](std::uint8_t& out) -> bool {
    while (pos < text.size() && IsBlank(text[pos])) ++pos;
    std::size_t end = pos;
    while (end < text.size() && !IsBlank(text[end])) ++end;
    unsigned value = 256;
    const auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + end, value);
    if (ec != std::errc() || ptr != text.data() + end || value > 255) return false;
    out = static_cast<std::uint8_t>(value);
    pos = end;
    return true;
  };
  if (!next_number(r.usage) || !next_number(r.selector) || !next_number(r.matching_type))
    return InvalidArgument("TLSA text must start with three numbers 0-255 (usage selector type)");
  int high = -1;
  for (; pos < text.size(); ++pos) {
    if (IsBlank(text[pos])) continue;
    const int v = HexDigitValue(text[pos]);
    if (v < 0) return InvalidArgument("TLSA data is not hexadecimal");
    if (high < 0) {
      high = v;
    } else {
      r.data.push_back(static_cast<char>(high * 16 + v));
      high = -1;
    }
  }
  if (high >= 0) return InvalidArgument("TLSA data has an odd number of hex digits");
  if (r.data.empty()) return InvalidArgument("TLSA data is empty");
  if (r.data.size() > kMaxTlsaDataBytes) return InvalidArgument("TLSA data too long");
  return r;
}

std::string FormatTlsa(const TlsaRecord& record) {
  std::string out = std::to_string(record.usage) + " " + std::to_string(record.selector) + " " +
                    std::to_string(record.matching_type) + " ";
  AppendHex(record.data, out);
  return out;
}

}  // namespace tldmon::dane

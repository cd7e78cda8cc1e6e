// One TLSA record (RFC 6698 §2.1): certificate usage, selector, matching
// type and the certificate association data, with the bounds tldmon puts on
// what DNS may hand it (dane-client-auth.md §6: "cap records per RRset and
// RDATA sizes"). Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tldmon::dane {

// Largest association data kept: a Full(0) certificate of a 4096-bit RSA key
// with a few extensions is under 2 KiB; 8 KiB leaves room and bounds memory.
inline constexpr std::size_t kMaxTlsaDataBytes = 8192;
// Records kept per owner name; the rest are dropped (and logged).
inline constexpr std::size_t kMaxTlsaRecordsPerName = 16;

struct TlsaRecord {
  std::uint8_t usage = 0;          // 3 = DANE-EE
  std::uint8_t selector = 0;       // 0 = full certificate, 1 = SubjectPublicKeyInfo
  std::uint8_t matching_type = 0;  // 0 = exact, 1 = SHA2-256, 2 = SHA2-512
  std::string data;                // the association data, raw bytes

  friend bool operator==(const TlsaRecord&, const TlsaRecord&) = default;
};

// The RDATA of one TLSA RR in wire form: 3 octets then the data. Refused:
// shorter than 4 octets, data over kMaxTlsaDataBytes.
Result<TlsaRecord> ParseTlsaRdata(std::string_view rdata);

// Presentation form "3 1 1 <hex>" (as in a zone file or `tldmon admin`
// output; blanks inside the hex are allowed, as zone files split it).
Result<TlsaRecord> ParseTlsaText(std::string_view text);
std::string FormatTlsa(const TlsaRecord& record);

// Data length a matching type requires: 32 (SHA2-256), 64 (SHA2-512), or 0
// for exact (any length) and unknown types.
std::size_t DigestLength(std::uint8_t matching_type);

}  // namespace tldmon::dane

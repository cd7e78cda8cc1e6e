// Zone signing for the labs (DnsLab, TlsaLab): ldns-keygen makes one KSK
// and one ZSK (ECDSA P-256) per directory, once; ldns-signzone signs a zone
// file with them over a chosen validity window. Also the helpers both labs
// need: reading a file, a corrupted copy of a signed zone. Not thread-safe
// (files in `dir`).
#pragma once

#include <ctime>
#include <string>

#include "core/status.h"

namespace tldmon::lab {

// Signs `dir`/`file` as zone `zone` ("example", or "." for the root) into
// `dir`/`out`, signatures valid from `from` to `to`; makes the keys first
// if `dir` has none. IoError with the tool's output on failure.
Status SignZone(const std::string& zone, const std::string& dir, const std::string& file,
                const std::string& out, std::time_t from, std::time_t to);

// The DS line of the KSK in `dir` ("example. 3600 IN DS ..."), blanks
// folded to single spaces, no newline; empty if there is none.
std::string KskDs(const std::string& dir);

// Flips one base64 character of the signature of every RRSIG line whose
// covered type is one of `types` ("SOA", "NSEC3", "TLSA"): those no longer
// verify while the rest (DNSKEY) stay valid.
std::string CorruptSignatures(const std::string& signed_zone, std::initializer_list<const char*> types);

std::string ReadFileText(const std::string& path);

}  // namespace tldmon::lab

// One parsed HTTP request as the server hands it to a RequestHandler. All
// views point into buffers owned by the connection and stay valid only for
// the duration of RequestHandler::Handle.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/method.h"

namespace tldmon::http {

// The client's TLS certificate, exactly as presented, with the facts DANE
// matching and key policy read (dane-client-auth.md §5.2–§5.4), computed
// once per connection (http/peer_certificate.h) so that a request only
// compares bytes. The server does NOT verify it: whether it is acceptable
// (DANE/TLSA, mosapi-api.md §4.4) is the auth module's decision.
struct PeerCertificate {
  std::string der;       // the end-entity certificate, DER (TLSA selector 0)
  std::string spki_der;  // its SubjectPublicKeyInfo, DER (TLSA selector 1)
  std::array<std::uint8_t, 32> der_sha256{}, spki_sha256{};  // TLSA matching type 1
  std::array<std::uint8_t, 64> der_sha512{}, spki_sha512{};  // TLSA matching type 2
  std::string key_type;        // "RSA", "EC", "ED25519", … (OpenSSL's name, upper case)
  int key_bits = 0;            // the key's size in bits
  std::string key_group;       // EC: "prime256v1", "secp384r1", "secp521r1"; else empty
  std::string signature_hash;  // of the certificate's own signature: "SHA256", …; empty if none
  std::int64_t not_before = 0, not_after = 0;  // validity, Unix seconds (read; checked only on request)
};

struct PeerAddress {
  // IPv4 in bytes[0..3] (also for IPv4-mapped IPv6 peers), else IPv6.
  std::array<std::uint8_t, 16> bytes{};
  bool is_v4 = false;
  std::uint16_t port = 0;
  std::string_view text;  // "192.0.2.1", "2001:db8::1"
};

struct Request {
  Method method = Method::kGet;
  std::string_view method_name;  // as received, for kOther
  std::string_view target;       // request-target as received
  std::string_view path;         // origin-form path, not decoded
  std::string_view query;        // after '?', not decoded; empty when none
  int version = 11;              // 10 or 11

  // The header fields the API reads. Absent fields are nullopt; repeated
  // list-valued fields are joined with ", " (Cookie with "; ", RFC 9110 §5.3).
  std::optional<std::string_view> host;
  std::optional<std::string_view> accept_encoding;
  std::optional<std::string_view> if_none_match;
  std::optional<std::string_view> if_modified_since;
  std::optional<std::string_view> cookie;
  std::optional<std::string_view> authorization;
  std::optional<std::string_view> content_type;
  // The request body's coding (RFC 9110 §8.4): the server does not decode
  // it; a handler that accepts compressed bodies does (probe ingest: gzip).
  std::optional<std::string_view> content_encoding;
  std::string_view body;

  PeerAddress peer;
  bool tls = false;
  const PeerCertificate* peer_certificate = nullptr;  // TLS client certificate, if any
  std::uint64_t connection_id = 0;  // unique within one HttpServer
  std::uint32_t request_index = 0;  // 0 for the first request of a connection
};

}  // namespace tldmon::http

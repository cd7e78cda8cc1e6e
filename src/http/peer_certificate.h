// Reads a TLS client certificate into http::PeerCertificate: its DER, its
// SPKI, their SHA-256 and SHA-512 digests, and the key and signature facts
// the key policy checks (dane-client-auth.md §5.2: "once per connection
// precompute"). The connection calls it after the handshake, so requests
// never parse a certificate. Pure; thread-safe.
#pragma once

#include <openssl/x509.h>

#include <string_view>

#include "core/status.h"
#include "http/request.h"

namespace tldmon::http {

// Internal if OpenSSL cannot encode or digest it (a broken certificate).
Result<PeerCertificate> ReadPeerCertificate(X509* certificate);

// The same from DER bytes (tests, tools); InvalidArgument if not a certificate.
Result<PeerCertificate> ReadPeerCertificateDer(std::string_view der);

}  // namespace tldmon::http

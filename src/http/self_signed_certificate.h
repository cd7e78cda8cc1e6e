// A self-signed server certificate for first start, when none is configured
// (docs/api-server.md "TLS"): ECDSA P-256, SHA-256 signature, SAN
// 127.0.0.1, ::1 and localhost, valid one year from `now`.
#pragma once

#include <filesystem>

#include "core/status.h"
#include "core/time.h"

namespace tldmon::http {

struct CertificateFiles {
  std::filesystem::path certificate;  // <dir>/server.crt, PEM, mode 0644
  std::filesystem::path private_key;  // <dir>/server.key, PEM PKCS#8, mode 0600
};

inline constexpr UnixSeconds kSelfSignedValiditySeconds = 365 * 86400;

// Generates a new key and certificate into `dir` (created if missing),
// replacing existing files atomically (write to a temporary, rename). The
// key file is created with mode 0600 before any key byte is written. `now`
// is the start of validity (the caller's Clock; nothing here reads the time).
Result<CertificateFiles> GenerateSelfSignedCertificate(const std::filesystem::path& dir,
                                                       UnixSeconds now);

// The pair in `dir` when both files exist, else GenerateSelfSignedCertificate.
Result<CertificateFiles> EnsureSelfSignedCertificate(const std::filesystem::path& dir,
                                                     UnixSeconds now);

}  // namespace tldmon::http

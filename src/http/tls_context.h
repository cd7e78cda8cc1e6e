// The server's TLS contexts (OpenSSL 3 through Asio): TLS 1.2 and 1.3 only,
// ECDHE key exchange only, AEAD ciphers only; certificate and key from PEM
// files; one context per worker thread. Internal to the http module.
#pragma once

#include <utility>  // before Boost: Boost 1.74 misses it with GCC 12

#include <openssl/types.h>

#include <boost/asio/ssl/context.hpp>
#include <memory>
#include <vector>

#include "http/server_config.h"
#include "core/status.h"

namespace tldmon::http {

// TLS 1.2 cipher list: ECDHE only (no RSA key transport, no DHE), AEAD only.
inline constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
// Key-exchange groups for both versions: elliptic curves only, so TLS 1.3
// is (EC)DHE on these curves too.
inline constexpr const char* kTlsGroups = "X25519:P-256:P-384";

// The server's contexts: one per worker thread, each in an OpenSSL library
// context of its own, all with the same session-ticket keys (a ticket from
// one worker resumes on any other). Why: OpenSSL 3.0 takes read-write locks
// of the library context many times per handshake (algorithm fetches,
// decoders); worker threads sharing one contend for them on every
// handshake, which worker processes (nginx) never do. Immutable once made;
// at(i) is used by worker i only. An error names the file or OpenSSL reason.
class ServerTlsContexts {
 public:
  static Result<std::unique_ptr<ServerTlsContexts>> Make(const TlsSettings& settings,
                                                         std::size_t count);
  ~ServerTlsContexts();  // the SSL contexts, then their library contexts
  ServerTlsContexts(const ServerTlsContexts&) = delete;
  ServerTlsContexts& operator=(const ServerTlsContexts&) = delete;

  boost::asio::ssl::context& at(std::size_t i) { return *contexts_[i % contexts_.size()]; }

 private:
  ServerTlsContexts() = default;
  std::vector<OSSL_LIB_CTX*> libraries_;
  std::vector<std::unique_ptr<boost::asio::ssl::context>> contexts_;
};

// The OpenSSL error queue as text (drains it); for error messages.
std::string OpenSslErrors();

}  // namespace tldmon::http

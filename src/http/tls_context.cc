#include "http/tls_context.h"

#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

#include <algorithm>

namespace tldmon::http {

namespace ssl = boost::asio::ssl;

std::string OpenSslErrors() {
  std::string out;
  while (const unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

namespace {

// Accepts any client certificate: it is evidence for the auth module
// (TLSA matching, DANE-EE: no chain, no CA; dane-client-auth.md §5), not
// something OpenSSL can judge against a CA list. Replacing the whole chain
// verification (rather than a verify callback that forgives each error)
// skips what would be wasted work on every handshake: the issuer lookups in
// the shared store (locks every worker thread contends for) and the check
// of the certificate's self-signature. Proof of possession of the key is
// not affected: TLS checks the client's CertificateVerify signature on its
// own.
int AcceptAnyClientCertificate(X509_STORE_CTX*, void*) { return 1; }

// Everything but the library context: versions, ciphers, groups,
// tickets, certificate and key, client certificates.
Status Configure(SSL_CTX* native, const TlsSettings& settings) {
  if (SSL_CTX_set_min_proto_version(native, settings.min_version == 13 ? TLS1_3_VERSION
                                                                       : TLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(native, TLS1_3_VERSION) != 1)
    return Internal("TLS: cannot restrict protocol versions: " + OpenSslErrors());
  SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
                                  SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1)
    return Internal("TLS: cipher list rejected: " + OpenSslErrors());
  if (SSL_CTX_set1_groups_list(native, kTlsGroups) != 1)
    return Internal("TLS: groups rejected: " + OpenSslErrors());
  // Sessions resume by ticket (RFC 5077 in TLS 1.2, RFC 8446 in 1.3: what
  // curl, Python, Java 13+ and Go offer), not by a server-side session
  // cache: OpenSSL's cache (20,480 sessions, each holding its client
  // certificate, under one lock) cost about 90 us of CPU per TLS 1.2 full
  // handshake in bench/dane_bench, 10 % of the handshake. Tickets are
  // encrypted with keys made at start, so they resume within one server
  // process, as the cache did.
  SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_OFF);
  static constexpr unsigned char kSessionContext[] = "tldmon";
  SSL_CTX_set_session_id_context(native, kSessionContext, sizeof kSessionContext - 1);
  // One TLS 1.3 ticket per full handshake instead of OpenSSL's two: a
  // MoSAPI client resumes one connection at a time, and each ticket costs
  // an encryption and a record on every handshake (RFC 8446 §4.6.1 leaves
  // the number to the server).
  SSL_CTX_set_num_tickets(native, 1);

  if (SSL_CTX_use_certificate_chain_file(native, settings.certificate_file.c_str()) != 1)
    return InvalidArgument("TLS: cannot load certificate '" + settings.certificate_file +
                           "': " + OpenSslErrors());
  if (SSL_CTX_use_PrivateKey_file(native, settings.private_key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    return InvalidArgument("TLS: cannot load private key '" + settings.private_key_file +
                           "': " + OpenSslErrors());
  if (SSL_CTX_check_private_key(native) != 1)
    return InvalidArgument("TLS: private key does not match certificate: " + OpenSslErrors());
  if (settings.request_client_certificate) {
    SSL_CTX_set_verify(native, SSL_VERIFY_PEER, nullptr);
    SSL_CTX_set_cert_verify_callback(native, AcceptAnyClientCertificate, nullptr);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<ServerTlsContexts>> ServerTlsContexts::Make(const TlsSettings& settings,
                                                                   std::size_t count) {
  ERR_clear_error();
  std::unique_ptr<ServerTlsContexts> out(new ServerTlsContexts());
  // Session-ticket keys (name, HMAC and AES keys: 80 bytes), the same in
  // every context so that any worker resumes any ticket.
  unsigned char ticket_keys[80];
  if (RAND_bytes(ticket_keys, sizeof ticket_keys) != 1)
    return Internal("TLS: no random bytes for ticket keys: " + OpenSslErrors());
  for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
    OSSL_LIB_CTX* library = OSSL_LIB_CTX_new();
    if (library == nullptr) return Internal("TLS: OSSL_LIB_CTX_new: " + OpenSslErrors());
    out->libraries_.push_back(library);
    SSL_CTX* native = SSL_CTX_new_ex(library, nullptr, TLS_server_method());
    if (native == nullptr) return Internal("TLS: SSL_CTX_new_ex: " + OpenSslErrors());
    // Owned by the Asio context from here on.
    out->contexts_.push_back(std::make_unique<ssl::context>(native));
    TLDMON_RETURN_IF_ERROR(Configure(native, settings));
    if (SSL_CTX_set_tlsext_ticket_keys(native, ticket_keys, sizeof ticket_keys) != 1)
      return Internal("TLS: cannot set the ticket keys: " + OpenSslErrors());
  }
  OPENSSL_cleanse(ticket_keys, sizeof ticket_keys);
  return out;
}

ServerTlsContexts::~ServerTlsContexts() {
  contexts_.clear();
  for (OSSL_LIB_CTX* library : libraries_) OSSL_LIB_CTX_free(library);
}

}  // namespace tldmon::http

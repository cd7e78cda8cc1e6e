#include "http/peer_certificate.h"

#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/asn1.h>
#include <openssl/x509.h>

#include <cctype>
#include <ctime>
#include <memory>

namespace tldmon::http {
namespace {

// Fetched once: EVP_sha256() and friends make OpenSSL 3 look the
// implementation up again on every digest, under locks every TLS worker
// thread contends for. nullptr only without the default provider (then
// the digest fails and says so).
const EVP_MD* Sha256() {
  static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
  return md;
}
const EVP_MD* Sha512() {
  static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA2-512", nullptr);
  return md;
}

template <std::size_t N>
bool Digest(const EVP_MD* md, const std::string& in, std::array<std::uint8_t, N>& out) {
  if (md == nullptr) return false;
  unsigned int len = 0;
  return EVP_Digest(in.data(), in.size(), out.data(), &len, md, nullptr) == 1 && len == N;
}

std::string Upper(const char* text) {
  std::string s = text == nullptr ? "" : text;
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

Result<PeerCertificate> ReadPeerCertificate(X509* cert) {
  PeerCertificate pc;
  const int len = i2d_X509(cert, nullptr);
  const int spki_len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), nullptr);
  if (len <= 0 || spki_len <= 0) return Internal("client certificate: cannot encode it");
  pc.der.resize(static_cast<std::size_t>(len));
  pc.spki_der.resize(static_cast<std::size_t>(spki_len));
  auto* p = reinterpret_cast<unsigned char*>(pc.der.data());
  i2d_X509(cert, &p);
  auto* q = reinterpret_cast<unsigned char*>(pc.spki_der.data());
  i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &q);
  const EVP_MD* sha256 = Sha256();
  const EVP_MD* sha512 = Sha512();
  if (!Digest(sha256, pc.der, pc.der_sha256) || !Digest(sha512, pc.der, pc.der_sha512) ||
      !Digest(sha256, pc.spki_der, pc.spki_sha256) || !Digest(sha512, pc.spki_der, pc.spki_sha512))
    return Internal("client certificate: cannot digest it");

  if (EVP_PKEY* key = X509_get0_pubkey(cert)) {
    pc.key_type = Upper(OBJ_nid2sn(EVP_PKEY_get_base_id(key)));
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA) pc.key_type = "RSA";
    else if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) pc.key_type = "EC";
    pc.key_bits = EVP_PKEY_get_bits(key);
    char group[64] = {};
    std::size_t group_len = 0;
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC &&
        EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &group_len) == 1)
      pc.key_group.assign(group, group_len);
  }
  // The digest of the certificate's own signature; it also resolves RSA-PSS
  // parameters (dane-client-auth.md §5.4). EdDSA has none.
  int md_nid = NID_undef, pk_nid = NID_undef, security_bits = 0;
  std::uint32_t flags = 0;
  if (X509_get_signature_info(cert, &md_nid, &pk_nid, &security_bits, &flags) == 1 &&
      md_nid != NID_undef)
    pc.signature_hash = Upper(OBJ_nid2sn(md_nid));
  // Validity dates, as Unix seconds: only `check_validity` reads them (RFC
  // 7671 §5.1: DANE-EE ignores them by default).
  const auto unix_seconds = [](const ASN1_TIME* t, std::int64_t* out) {
    struct tm tm = {};
    if (t == nullptr || ASN1_TIME_to_tm(t, &tm) != 1) return false;
    *out = static_cast<std::int64_t>(timegm(&tm));
    return true;
  };
  if (!unix_seconds(X509_get0_notBefore(cert), &pc.not_before) ||
      !unix_seconds(X509_get0_notAfter(cert), &pc.not_after))
    return Internal("client certificate: unreadable validity dates");
  return pc;
}

Result<PeerCertificate> ReadPeerCertificateDer(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      d2i_X509(nullptr, &p, static_cast<long>(der.size())), &X509_free);
  if (!cert) return InvalidArgument("not a DER X.509 certificate");
  return ReadPeerCertificate(cert.get());
}

}  // namespace tldmon::http

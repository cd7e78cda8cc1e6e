// Self-signed client certificates for tests (DANE-EE needs no CA): each key
// type the key policy judges, signed with a chosen digest. Keys are made once
// per test process and kept (an RSA-4096 key takes a second or more).
// Header-only; OpenSSL; not thread-safe.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

namespace tldmon::testutil {

enum class TestKey { kRsa2048, kRsa4096, kP256, kP384, kP521, kEd25519 };

struct TestCertificate {
  std::string der;       // the certificate, DER
  std::string cert_pem;  // the certificate, PEM
  std::string key_pem;   // its private key, PEM (PKCS#8)
};

inline EVP_PKEY* TestKeyPair(TestKey key) {
  static std::map<TestKey, std::shared_ptr<EVP_PKEY>> keys;
  auto& slot = keys[key];
  if (!slot) {
    EVP_PKEY* k = nullptr;
    switch (key) {
      case TestKey::kRsa2048: k = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{2048}); break;
      case TestKey::kRsa4096: k = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", std::size_t{4096}); break;
      case TestKey::kP256: k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"); break;
      case TestKey::kP384: k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"); break;
      case TestKey::kP521: k = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-521"); break;
      case TestKey::kEd25519: k = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"); break;
    }
    if (k == nullptr) throw std::runtime_error("test key generation failed");
    slot.reset(k, &EVP_PKEY_free);
  }
  return slot.get();
}

inline std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

// `digest` "SHA256", "SHA1", …; ignored for Ed25519 (no separate digest).
// `serial` tells apart certificates of one key (a new certificate, same key).
inline TestCertificate MakeTestCertificate(TestKey key, const std::string& digest = "SHA256",
                                           long serial = 1, const std::string& cn = "client.test") {
  EVP_PKEY* pkey = TestKeyPair(key);
  std::unique_ptr<X509, decltype(&X509_free)> x(X509_new(), &X509_free);
  X509_set_version(x.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 365L * 86400);
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  X509_set_issuer_name(x.get(), name);
  X509_set_pubkey(x.get(), pkey);
  const EVP_MD* md = key == TestKey::kEd25519 ? nullptr : EVP_get_digestbyname(digest.c_str());
  if (X509_sign(x.get(), pkey, md) <= 0) throw std::runtime_error("test certificate signing failed");
  TestCertificate out;
  const int len = i2d_X509(x.get(), nullptr);
  out.der.resize(static_cast<std::size_t>(len));
  auto* p = reinterpret_cast<unsigned char*>(out.der.data());
  i2d_X509(x.get(), &p);
  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_X509(cert_bio.get(), x.get());
  out.cert_pem = BioText(cert_bio.get());
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_PrivateKey(key_bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr);
  out.key_pem = BioText(key_bio.get());
  return out;
}

// "3 1 1 <hex>": the TLSA RDATA (DANE-EE, SPKI, SHA2-256) of `c`, as a
// zone file publishes it.
inline std::string SpkiSha256Tlsa(const TestCertificate& c) {
  const auto* p = reinterpret_cast<const unsigned char*>(c.der.data());
  std::unique_ptr<X509, decltype(&X509_free)> x(d2i_X509(nullptr, &p, static_cast<long>(c.der.size())),
                                                &X509_free);
  unsigned char* spki = nullptr;
  const int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x.get()), &spki);
  unsigned char md[32];
  unsigned int md_len = 0;
  EVP_Digest(spki, static_cast<std::size_t>(len), md, &md_len, EVP_sha256(), nullptr);
  OPENSSL_free(spki);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "3 1 1 ";
  for (unsigned i = 0; i < md_len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

}  // namespace tldmon::testutil

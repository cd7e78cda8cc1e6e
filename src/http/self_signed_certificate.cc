#include "http/self_signed_certificate.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <system_error>

#include "http/tls_context.h"

namespace tldmon::http {
namespace {

struct EvpPkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
  void operator()(X509* p) const { X509_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

Status AddExtension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) return Internal(std::string("certificate extension ") + value + ": " + OpenSslErrors());
  const int ok = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  return ok == 1 ? Status::Ok() : Internal("X509_add_ext: " + OpenSslErrors());
}

Result<X509Ptr> BuildCertificate(EVP_PKEY* key, UnixSeconds now) {
  X509Ptr cert(X509_new());
  if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
    return Internal("X509_new: " + OpenSslErrors());
  // RFC 5280 §4.1.2.2: positive serial of at most 20 octets; 16 random ones.
  unsigned char serial[16];
  if (RAND_bytes(serial, sizeof serial) != 1) return Internal("RAND_bytes: " + OpenSslErrors());
  serial[0] &= 0x7f;
  serial[0] |= 0x01;
  BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
  ASN1_INTEGER* sn = bn ? BN_to_ASN1_INTEGER(bn, nullptr) : nullptr;
  BN_free(bn);
  if (sn == nullptr) return Internal("serial: " + OpenSslErrors());
  const int sn_ok = X509_set_serialNumber(cert.get(), sn);
  ASN1_INTEGER_free(sn);
  if (sn_ok != 1) return Internal("serial: " + OpenSslErrors());

  if (ASN1_TIME_set(X509_getm_notBefore(cert.get()), static_cast<time_t>(now)) == nullptr ||
      ASN1_TIME_set(X509_getm_notAfter(cert.get()),
                    static_cast<time_t>(now + kSelfSignedValiditySeconds)) == nullptr)
    return Internal("validity: " + OpenSslErrors());

  X509_NAME* name = X509_get_subject_name(cert.get());
  static constexpr unsigned char kCn[] = "tldmon self-signed";
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, kCn, -1, -1, 0) != 1 ||
      X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key) != 1)
    return Internal("subject: " + OpenSslErrors());

  TLDMON_RETURN_IF_ERROR(AddExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE"));
  TLDMON_RETURN_IF_ERROR(AddExtension(cert.get(), NID_key_usage, "critical,digitalSignature"));
  TLDMON_RETURN_IF_ERROR(AddExtension(cert.get(), NID_ext_key_usage, "serverAuth"));
  TLDMON_RETURN_IF_ERROR(AddExtension(cert.get(), NID_subject_key_identifier, "hash"));
  TLDMON_RETURN_IF_ERROR(AddExtension(cert.get(), NID_subject_alt_name,
                                      "IP:127.0.0.1,IP:::1,DNS:localhost"));
  if (X509_sign(cert.get(), key, EVP_sha256()) == 0) return Internal("X509_sign: " + OpenSslErrors());
  return cert;
}

std::string BioContents(BIO* bio) {
  char* data = nullptr;
  const long len = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(len));
}

// Writes `bytes` to `path` via a temporary in the same directory, created
// with `mode` (so a key is never readable by others, not even briefly).
Status WriteFileAtomically(const std::filesystem::path& path, const std::string& bytes,
                           mode_t mode) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  ::unlink(tmp.c_str());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return IoError("create " + tmp.string() + ": " + std::strerror(errno));
  Status status;
  if (::fchmod(fd, mode) != 0) status = IoError("chmod " + tmp.string() + ": " + std::strerror(errno));
  std::size_t done = 0;
  while (status.ok() && done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) status = IoError("write " + tmp.string() + ": " + std::strerror(errno));
    else done += static_cast<std::size_t>(n);
  }
  if (status.ok() && ::fsync(fd) != 0) status = IoError("fsync " + tmp.string() + ": " + std::strerror(errno));
  ::close(fd);
  if (status.ok() && ::rename(tmp.c_str(), path.c_str()) != 0)
    status = IoError("rename " + tmp.string() + ": " + std::strerror(errno));
  if (!status.ok()) ::unlink(tmp.c_str());
  return status;
}

}  // namespace

Result<CertificateFiles> GenerateSelfSignedCertificate(const std::filesystem::path& dir,
                                                       UnixSeconds now) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("create " + dir.string() + ": " + ec.message());
  ERR_clear_error();

  PkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!key) return Internal("EC P-256 key generation: " + OpenSslErrors());
  auto cert = BuildCertificate(key.get(), now);
  if (!cert.ok()) return cert.status();

  BioPtr key_bio(BIO_new(BIO_s_mem())), cert_bio(BIO_new(BIO_s_mem()));
  if (!key_bio || !cert_bio ||
      PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1 ||
      PEM_write_bio_X509(cert_bio.get(), cert->get()) != 1)
    return Internal("PEM encoding: " + OpenSslErrors());

  CertificateFiles files{dir / "server.crt", dir / "server.key"};
  TLDMON_RETURN_IF_ERROR(WriteFileAtomically(files.private_key, BioContents(key_bio.get()), 0600));
  TLDMON_RETURN_IF_ERROR(WriteFileAtomically(files.certificate, BioContents(cert_bio.get()), 0644));
  return files;
}

Result<CertificateFiles> EnsureSelfSignedCertificate(const std::filesystem::path& dir,
                                                     UnixSeconds now) {
  CertificateFiles files{dir / "server.crt", dir / "server.key"};
  std::error_code ec;
  if (std::filesystem::exists(files.certificate, ec) && std::filesystem::exists(files.private_key, ec))
    return files;
  return GenerateSelfSignedCertificate(dir, now);
}

}  // namespace tldmon::http

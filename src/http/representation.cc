#include "http/representation.h"

#include <openssl/evp.h>

#include "http/gzip.h"
#include "http/http_date.h"

namespace tldmon::http {
namespace {

std::string DeriveEtag(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string tag = "\"";
  for (unsigned int i = 0; i < 16 && i < len; ++i) {
    tag += kHex[digest[i] >> 4];
    tag += kHex[digest[i] & 15];
  }
  tag += '"';
  return tag;
}

// "\"abc\"" → "\"abc-gzip\"".
std::string GzipEtag(const std::string& etag) {
  if (etag.size() >= 2 && etag.back() == '"') return etag.substr(0, etag.size() - 1) + "-gzip\"";
  return etag + "-gzip";
}

}  // namespace

bool IsCompressible(std::string_view content_type) {
  return content_type.starts_with("application/json") || content_type.starts_with("text/") ||
         content_type.starts_with("application/problem+json");
}

Representation::Representation(std::shared_ptr<const void> owner, std::string_view bytes,
                               std::string etag, UnixSeconds last_modified,
                               std::string_view content_type)
    : owner_(std::move(owner)),
      bytes_(bytes),
      etag_(etag.empty() ? DeriveEtag(bytes) : std::move(etag)),
      gzip_etag_(GzipEtag(etag_)),
      last_modified_(last_modified),
      last_modified_http_(kImfFixdateLength, ' '),
      content_type_(content_type),
      compressible_(IsCompressible(content_type)) {
  FormatImfFixdate(last_modified, last_modified_http_.data());
}

std::shared_ptr<const Representation> Representation::FromString(std::string body,
                                                                  UnixSeconds last_modified,
                                                                  std::string_view content_type) {
  auto owned = std::make_shared<const std::string>(std::move(body));
  const std::string_view view = *owned;
  return std::make_shared<const Representation>(std::move(owned), view, std::string(),
                                                last_modified, content_type);
}

std::string_view Representation::gzip() const {
  std::call_once(gzip_once_, [this] {
    std::string z;
    if (compressible_ && GzipCompress(bytes_, z) && z.size() < bytes_.size()) gzip_ = std::move(z);
  });
  return gzip_;
}

}  // namespace tldmon::http

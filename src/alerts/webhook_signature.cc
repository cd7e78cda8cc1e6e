#include "alerts/webhook_signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <charconv>

namespace tldmon::alerts {

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[mac[i] >> 4];
    out += kHex[mac[i] & 15];
  }
  return out;
}

std::string WebhookSignature(std::string_view secret, UnixSeconds timestamp, std::string_view body) {
  std::string signed_text = std::to_string(timestamp);
  signed_text += '.';
  signed_text += body;
  return "sha256=" + HmacSha256Hex(secret, signed_text);
}

WebhookCheck VerifyWebhook(std::string_view secret, std::string_view timestamp_header,
                           std::string_view signature_header, std::string_view body,
                           UnixSeconds now, int max_skew_seconds) {
  UnixSeconds t = 0;
  const char* end = timestamp_header.data() + timestamp_header.size();
  const auto [p, ec] = std::from_chars(timestamp_header.data(), end, t);
  if (timestamp_header.empty() || ec != std::errc() || p != end) return WebhookCheck::kMalformed;
  if (!signature_header.starts_with("sha256=") || signature_header.size() != 7 + 64)
    return WebhookCheck::kMalformed;
  const std::string want = WebhookSignature(secret, t, body);
  if (CRYPTO_memcmp(want.data(), signature_header.data(), want.size()) != 0)
    return WebhookCheck::kBadSignature;
  if (t < now - max_skew_seconds || t > now + max_skew_seconds) return WebhookCheck::kStale;
  return WebhookCheck::kOk;
}

}  // namespace tldmon::alerts

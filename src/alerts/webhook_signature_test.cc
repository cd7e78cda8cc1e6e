#include "alerts/webhook_signature.h"

#include <gtest/gtest.h>

namespace tldmon::alerts {
namespace {

TEST(WebhookSignature, HmacSha256MatchesRfc4231) {
  // RFC 4231 test case 2.
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSignature, SignsTimestampAndBodyAndVerifiesThem) {
  const std::string body = R"({"status":"firing"})";
  const std::string sig = WebhookSignature("s3cret", 1767225600, body);
  EXPECT_EQ(sig, "sha256=" + HmacSha256Hex("s3cret", std::string("1767225600.") + body));
  EXPECT_EQ(VerifyWebhook("s3cret", "1767225600", sig, body, 1767225610), WebhookCheck::kOk);
  // Another secret, a changed body, a changed timestamp.
  EXPECT_EQ(VerifyWebhook("other", "1767225600", sig, body, 1767225610), WebhookCheck::kBadSignature);
  EXPECT_EQ(VerifyWebhook("s3cret", "1767225600", sig, body + " ", 1767225610), WebhookCheck::kBadSignature);
  EXPECT_EQ(VerifyWebhook("s3cret", "1767225601", sig, body, 1767225610), WebhookCheck::kBadSignature);
  // A genuine but old (replayed) or future delivery.
  EXPECT_EQ(VerifyWebhook("s3cret", "1767225600", sig, body, 1767225600 + 301), WebhookCheck::kStale);
  EXPECT_EQ(VerifyWebhook("s3cret", "1767225600", sig, body, 1767225600 - 301), WebhookCheck::kStale);
  // Malformed headers.
  for (const char* ts : {"", "x", "1767225600 ", "-"})
    EXPECT_EQ(VerifyWebhook("s3cret", ts, sig, body, 1767225610), WebhookCheck::kMalformed) << ts;
  EXPECT_EQ(VerifyWebhook("s3cret", "1767225600", sig.substr(7), body, 1767225610), WebhookCheck::kMalformed);
  EXPECT_EQ(VerifyWebhook("s3cret", "1767225600", sig + "0", body, 1767225610), WebhookCheck::kMalformed);
}

}  // namespace
}  // namespace tldmon::alerts

// How a webhook delivery is signed (docs/alerts.md "Webhook"): the request
// carries
//   X-Tldmon-Timestamp: <Unix seconds when it was sent>
//   X-Tldmon-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
// so a receiver that knows the channel's secret can tell the body is ours
// and unchanged, and — by refusing timestamps far from its clock — that it
// is not a recording replayed later. Signing the timestamp with the body is
// what makes the second check possible. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/time.h"

namespace tldmon::alerts {

// Lower-case hex of HMAC-SHA256(key, data).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// The X-Tldmon-Signature value: "sha256=" + HmacSha256Hex(secret, "<t>.<body>").
std::string WebhookSignature(std::string_view secret, UnixSeconds timestamp, std::string_view body);

enum class WebhookCheck {
  kOk,
  kMalformed,     // a header missing or not of the documented form
  kBadSignature,  // another secret, or the body or timestamp changed
  kStale,         // the timestamp is more than max_skew_seconds from `now`
};

// A receiver's check (the tests' receiver uses it; docs/alerts.md shows the
// same in a few lines of shell). The signature is compared in constant time.
WebhookCheck VerifyWebhook(std::string_view secret, std::string_view timestamp_header,
                           std::string_view signature_header, std::string_view body,
                           UnixSeconds now, int max_skew_seconds = 300);

}  // namespace tldmon::alerts

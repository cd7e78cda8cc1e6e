// The mail an email channel sends (docs/alerts.md "Email"): one event per
// message, or a digest of several (the events of one delivery pass), as a
// plain-text RFC 5322 message with CRLF line ends. The subject says what a
// person needs first ("[tldmon] FIRING critical: DNS of ry/example: …"); the
// body gives each event's times, links (made absolute with the public URL)
// and event id, the key a receiver deduplicates by. A subject that is not
// ASCII is RFC 2047 encoded. Pure; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "store/store.h"

namespace tldmon::alerts {

struct MailHeader {
  std::string from;
  std::vector<std::string> to;
  UnixSeconds date = 0;
  std::string public_url;  // "https://tldmon.example"; empty: links stay paths
};

std::string MailMessage(const MailHeader& header, std::span<const store::StoredAlertEvent> events);

// "=?UTF-8?B?…?=" when `text` is not printable ASCII; `text` otherwise.
std::string EncodeHeaderText(std::string_view text);

}  // namespace tldmon::alerts

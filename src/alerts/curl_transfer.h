// The two network transfers the alert channels make, on libcurl's easy
// interface (blocking: each channel has its own delivery thread and sends
// one thing at a time, so there is nothing to multiplex):
//   HttpPost  — a webhook or Alertmanager POST; success is a 2xx answer;
//   SmtpSend  — one mail through SMTP, with STARTTLS required on smtp://
//               unless the channel says otherwise, TLS from the start on
//               smtps://.
// Every error names what failed (the URL and curl's message, or the HTTP
// status and the start of the answer), for the delivery log. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tldmon::alerts {

struct TransferOptions {
  std::string ca_file;  // empty: the system's trust store
  int timeout_seconds = 10;
};

// OK with "HTTP <status>" for 2xx; Unavailable otherwise.
Result<std::string> HttpPost(const std::string& url, const std::vector<std::string>& headers,
                             std::string_view body, const TransferOptions& options);

struct SmtpMail {
  std::string url;  // smtp://host:port or smtps://host:port
  bool starttls = true;
  std::string username, password;
  std::string from;
  std::vector<std::string> to;
  std::string message;  // the whole RFC 5322 message, CRLF line ends
};

// OK with "SMTP 250" once the server accepted the message.
Result<std::string> SmtpSend(const SmtpMail& mail, const TransferOptions& options);

}  // namespace tldmon::alerts

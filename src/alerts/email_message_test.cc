#include "alerts/email_message.h"

#include <gtest/gtest.h>

#include "alerts/alert_event_json.h"
#include "documents/render_alert.h"

namespace tldmon::alerts {
namespace {

store::StoredAlertEvent Incident(std::int64_t id, bool firing) {
  engine::AlertEvent e;
  e.alert.key = {engine::AlertKind::kIncident, {EntityKind::kRegistry, "example"}, Service::kDns, 0,
                 "1767225780.1"};
  e.alert.severity = engine::AlertSeverity::kCritical;
  e.alert.summary = "DNS of ry/example: incident 1767225780.1, alarmed";
  e.alert.starts_at = 1767225780;
  e.firing = firing;
  if (!firing) e.ends_at = 1767226200;
  return {id, 1767226260, e.alert.key.Fingerprint(), firing, documents::RenderAlertEvent(e, 1767226260)};
}

const MailHeader kHeader{"tldmon@example.net", {"noc@example.net", "oncall@example.net"},
                         1796399891, "https://tldmon.example/"};

TEST(EmailMessage, OneEventPerMail) {
  const store::StoredAlertEvent e = Incident(12, true);
  const std::string m = MailMessage(kHeader, {&e, 1});
  EXPECT_EQ(m.substr(0, m.find("\r\n\r\n")),
            "From: tldmon@example.net\r\n"
            "To: noc@example.net, oncall@example.net\r\n"
            "Subject: [tldmon] FIRING critical: DNS of ry/example: incident 1767225780.1, alarmed\r\n"
            "Date: Fri, 04 Dec 2026 15:58:11 +0000\r\n"
            "Message-ID: <tldmon.12.12.1796399891@example.net>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n"
            "Auto-Submitted: auto-generated");
  EXPECT_NE(m.find("  Started:   2026-01-01T00:03:00Z\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("  Dashboard: https://tldmon.example/ui/#/entity/ry/example\r\n"), std::string::npos);
  EXPECT_NE(m.find("  MoSAPI:    https://tldmon.example/ry/example/v2/monitoring/dns/incidents/1767225780.1"),
            std::string::npos);
  EXPECT_NE(m.find("  Event:     12 (incident/ry/example/dns/1767225780.1)"), std::string::npos);
  // Every line ends in CRLF: no bare LF.
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\n') {
      ASSERT_TRUE(i > 0 && m[i - 1] == '\r') << "bare LF at " << i;
    }
  }
}

TEST(EmailMessage, ADigestAndAResolve) {
  const std::vector<store::StoredAlertEvent> events = {Incident(12, true), Incident(13, false)};
  const std::string m = MailMessage(kHeader, events);
  EXPECT_NE(m.find("Subject: [tldmon] 2 alert events: 1 firing, 1 resolved\r\n"), std::string::npos) << m;
  EXPECT_NE(m.find("RESOLVED critical: DNS of ry/example"), std::string::npos);
  EXPECT_NE(m.find("  Ended:     2026-01-01T00:10:00Z"), std::string::npos);
  EXPECT_NE(m.find("Message-ID: <tldmon.12.13.1796399891@example.net>"), std::string::npos);
  const std::string one = MailMessage(kHeader, {&events[1], 1});
  EXPECT_NE(one.find("Subject: [tldmon] RESOLVED: DNS of ry/example"), std::string::npos);
}

TEST(EmailMessage, ANonAsciiSubjectIsEncoded) {
  EXPECT_EQ(EncodeHeaderText("plain"), "plain");
  EXPECT_EQ(EncodeHeaderText("30 % \xe2\x80\xa6"), "=?UTF-8?B?MzAgJSDigKY=?=");
}

}  // namespace
}  // namespace tldmon::alerts

#include "alerts/channel_sender.h"

#include <nlohmann/json.hpp>

#include "alerts/alert_event_json.h"
#include "alerts/alertmanager_payload.h"
#include "alerts/curl_transfer.h"
#include "alerts/email_message.h"
#include "alerts/webhook_signature.h"

namespace tldmon::alerts {
namespace {

constexpr std::size_t kGroup = 50;

TransferOptions Transfer(const ChannelConfig& c) { return {c.ca_file, c.timeout_seconds}; }

std::string AlertsUrl(const ChannelConfig& c) {
  std::string url = c.url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/api/v2/alerts";
}

int ValidFor(const ChannelConfig& c) { return 4 * c.resend_seconds; }

nlohmann::json ToAlertmanager(const store::StoredAlertEvent& e, UnixSeconds now, const ChannelConfig& c,
                              const std::string& public_url) {
  auto p = ParseAlertEvent(e.body);
  if (!p.ok()) {
    // Not expected (we wrote the body); still deliver something a person can read.
    return {{"labels", {{"alertname", "TldmonUnreadableEvent"}, {"fingerprint", e.fingerprint}}},
            {"annotations", {{"summary", p.status().message()}}},
            {"startsAt", FormatIso8601(now)}};
  }
  nlohmann::json a =
      AlertmanagerAlert(p->event.alert, p->event.firing ? std::nullopt : p->event.ends_at, now,
                        ValidFor(c), public_url);
  if (p->test) {
    const EntityId& entity = p->event.alert.key.entity;
    a["labels"] = {{"alertname", "TldmonTest"},
                   {"severity", "info"},
                   {"fingerprint", "test/" + entity.Path()},
                   {"entity", entity.Path()},
                   {entity.kind == EntityKind::kRegistry ? "tld" : "registrarID", entity.id}};
  }
  a["annotations"]["eventID"] = std::to_string(e.id);
  return a;
}

Result<std::string> PostAlertmanager(const ChannelConfig& c, const nlohmann::json& alerts) {
  return HttpPost(AlertsUrl(c), {"Content-Type: application/json", "User-Agent: tldmon"},
                  alerts.dump(), Transfer(c));
}

}  // namespace

std::string WebhookBody(const store::StoredAlertEvent& event) {
  // The stored body is a JSON object; the id goes in front of its first member.
  const std::string id = "{\"id\":" + std::to_string(event.id);
  if (event.body.size() < 2 || event.body.front() != '{') return id + ",\"body\":null}";
  const bool empty = event.body.find_first_not_of(" \t\r\n", 1) == event.body.size() - 1;
  return id + (empty ? "" : ",") + event.body.substr(1);
}

std::size_t MaxPerSend(const ChannelConfig& c) {
  switch (c.type) {
    case ChannelType::kWebhook: return 1;
    case ChannelType::kAlertmanager: return kGroup;
    case ChannelType::kEmail: return c.digest ? kGroup : 1;
  }
  return 1;
}

SendEvents MakeSender(const ChannelConfig& c, const Clock* clock, std::string public_url) {
  switch (c.type) {
    case ChannelType::kWebhook:
      return [c, clock](std::span<const store::StoredAlertEvent> events) -> Result<std::string> {
        std::string last;
        for (const store::StoredAlertEvent& e : events) {
          const std::string body = WebhookBody(e);
          const UnixSeconds t = clock->Now();
          auto sent = HttpPost(c.url,
                               {"Content-Type: application/json", "User-Agent: tldmon",
                                "X-Tldmon-Event: " + std::to_string(e.id),
                                "X-Tldmon-Timestamp: " + std::to_string(t),
                                "X-Tldmon-Signature: " + WebhookSignature(c.secret, t, body)},
                               body, Transfer(c));
          if (!sent.ok()) return sent.status();
          last = *sent;
        }
        return last;
      };
    case ChannelType::kAlertmanager:
      return [c, clock, public_url](std::span<const store::StoredAlertEvent> events) {
        nlohmann::json alerts = nlohmann::json::array();
        const UnixSeconds now = clock->Now();
        for (const store::StoredAlertEvent& e : events) alerts.push_back(ToAlertmanager(e, now, c, public_url));
        return PostAlertmanager(c, alerts);
      };
    case ChannelType::kEmail:
      return [c, clock, public_url](std::span<const store::StoredAlertEvent> events) {
        SmtpMail mail;
        mail.url = c.url;
        mail.starttls = c.starttls && c.url.rfind("smtps:", 0) != 0;
        mail.username = c.username;
        mail.password = c.password;
        mail.from = c.from;
        mail.to = c.to;
        mail.message = MailMessage({c.from, c.to, clock->Now(), public_url}, events);
        return SmtpSend(mail, Transfer(c));
      };
  }
  return {};
}

Result<std::string> ResendFiring(const ChannelConfig& c, std::span<const engine::ActiveAlert> firing,
                                 UnixSeconds now, const std::string& public_url) {
  nlohmann::json alerts = nlohmann::json::array();
  for (const engine::ActiveAlert& a : firing)
    alerts.push_back(AlertmanagerAlert(a, std::nullopt, now, ValidFor(c), public_url));
  if (alerts.empty()) return std::string("nothing firing");
  return PostAlertmanager(c, alerts);
}

}  // namespace tldmon::alerts

#include "alerts/email_message.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include "alerts/alert_event_json.h"

namespace tldmon::alerts {
namespace {

std::string Base64(std::string_view in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(in.data()),
                                static_cast<int>(in.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// RFC 5322 date, always UTC: "Fri, 04 Dec 2026 16:18:11 +0000".
std::string MailDate(UnixSeconds t) {
  static constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string iso = FormatIso8601(t);  // 2026-12-04T16:18:11Z
  const int month = std::stoi(iso.substr(5, 2));
  const long days = static_cast<long>(t >= 0 ? t / 86400 : (t - 86399) / 86400);
  return fmt::format("{}, {} {} {} {} +0000", kDays[((days % 7) + 7) % 7], iso.substr(8, 2),
                     kMonths[month - 1], iso.substr(0, 4), iso.substr(11, 8));
}

std::string Subject(const store::StoredAlertEvent& e) {
  auto p = ParseAlertEvent(e.body);
  if (!p.ok()) return "[tldmon] alert event " + std::to_string(e.id);
  const engine::ActiveAlert& a = p->event.alert;
  if (!p->event.firing) return "[tldmon] RESOLVED: " + a.summary;
  return fmt::format("[tldmon] {} {}: {}", p->test ? "TEST" : "FIRING",
                     engine::AlertSeverityName(a.severity), a.summary);
}

void Describe(const store::StoredAlertEvent& e, std::string_view base, std::string* out) {
  auto p = ParseAlertEvent(e.body);
  if (!p.ok()) {
    *out += fmt::format("Event {} (not readable: {}):\r\n{}\r\n", e.id, p.status().message(), e.body);
    return;
  }
  const engine::ActiveAlert& a = p->event.alert;
  *out += fmt::format("{} {}: {}\r\n", p->event.firing ? (p->test ? "TEST" : "FIRING") : "RESOLVED",
                      engine::AlertSeverityName(a.severity), a.summary);
  *out += fmt::format("  Started:   {}\r\n", FormatIso8601(a.starts_at));
  if (p->event.ends_at) *out += fmt::format("  Ended:     {}\r\n", FormatIso8601(*p->event.ends_at));
  if (!p->dashboard_link.empty()) *out += fmt::format("  Dashboard: {}{}\r\n", base, p->dashboard_link);
  if (!p->mosapi_link.empty()) *out += fmt::format("  MoSAPI:    {}{}\r\n", base, p->mosapi_link);
  *out += fmt::format("  Event:     {} ({})\r\n", e.id, e.fingerprint);
}

}  // namespace

std::string EncodeHeaderText(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7e) return "=?UTF-8?B?" + Base64(text) + "?=";
  }
  return std::string(text);
}

std::string MailMessage(const MailHeader& h, std::span<const store::StoredAlertEvent> events) {
  std::string base = h.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string to;
  for (const std::string& t : h.to) to += (to.empty() ? "" : ", ") + t;
  int firing = 0;
  for (const auto& e : events) firing += e.firing ? 1 : 0;
  const std::string subject =
      events.size() == 1 ? Subject(events[0])
                         : fmt::format("[tldmon] {} alert events: {} firing, {} resolved",
                                       events.size(), firing, events.size() - firing);
  const std::string domain = h.from.substr(h.from.rfind('@') + 1);
  std::string m;
  m += "From: " + h.from + "\r\n";
  m += "To: " + to + "\r\n";
  m += "Subject: " + EncodeHeaderText(subject) + "\r\n";
  m += "Date: " + MailDate(h.date) + "\r\n";
  m += fmt::format("Message-ID: <tldmon.{}.{}.{}@{}>\r\n", events.empty() ? 0 : events.front().id,
                   events.empty() ? 0 : events.back().id, h.date, domain);
  m += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
       "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n";
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i > 0) m += "\r\n";
    Describe(events[i], base, &m);
  }
  m += "\r\n-- \r\ntldmon alerts (docs/alerts.md)\r\n";
  return m;
}

}  // namespace tldmon::alerts

#include "rri/rde_notification.h"

#include <charconv>
#include <tuple>

#include "admin/date_text.h"
#include "admin/utf8.h"

namespace tldmon::rri {
namespace {

std::string Name(std::string_view local) { return "rdeNotification:" + std::string(local); }

}  // namespace

std::string_view NotificationStatusName(NotificationStatus s) {
  switch (s) {
    case NotificationStatus::kDvpn: return "DVPN";
    case NotificationStatus::kDvfn: return "DVFN";
    case NotificationStatus::kDrfn: return "DRFN";
  }
  return "";
}

Verdict ValidateEscrowNotification(std::string_view body, const NotificationContext& ctx,
                                   RdeNotification* parsed) {
  Result<XmlDocument> doc = XmlDocument::Parse(body);
  if (!doc.ok()) return Verdict::SchemaInvalid(doc.status().message());
  XmlNode root = doc->root();
  if (!XmlIs(root, kRdeNotificationNamespace, "notification")) {
    return Verdict::SchemaInvalid("the document is <" + std::string(XmlLocalName(root)) + "> in namespace '" +
                  std::string(XmlNamespace(root)) + "', not rdeNotification:notification");
  }
  if (const auto names = XmlAttributeNames(root); !names.empty())
    return Verdict::SchemaInvalid(Name("notification") + " has an unknown attribute '" + names[0] + "'");
  Result<std::vector<XmlNode>> children = XmlChildElements(root);
  if (!children.ok()) return Verdict::SchemaInvalid(children.status().message());
  std::size_t i = 0;
  RdeNotification n;
  // The next child's text if it is rdeNotification:<local>.
  const auto text = [&](std::string_view local, bool optional,
                        std::optional<std::string>* out) -> Verdict {
    if (i >= children->size() || !XmlIs((*children)[i], kRdeNotificationNamespace, local)) {
      if (optional) return Verdict::Accept();
      return Verdict::SchemaInvalid(Name(local) + " is missing or out of order");
    }
    Result<std::string> t = XmlText((*children)[i++]);
    if (!t.ok()) return Verdict::SchemaInvalid(t.status().message());
    *out = std::move(*t);
    return Verdict::Accept();
  };
  // nullopt: an optional element that is absent (a required one fails above).
  std::optional<std::string> dea_text, version_text, rep_text, status_text, re, va, last;
  for (const auto& [local, optional, out] :
       {std::tuple{"deaName", false, &dea_text}, std::tuple{"version", false, &version_text},
        std::tuple{"repDate", false, &rep_text}, std::tuple{"status", false, &status_text},
        std::tuple{"reDate", true, &re}, std::tuple{"vaDate", true, &va},
        std::tuple{"lastFullDate", true, &last}}) {
    Verdict v = text(local, optional, out);
    if (!v.accepted()) return v;
  }
  const std::string& dea = *dea_text;
  const std::string& version = *version_text;
  const std::string& rep = *rep_text;
  const std::string& status = *status_text;
  std::optional<std::size_t> dea_chars = admin::CountCodePoints(dea);
  if (dea.empty() || !dea_chars || *dea_chars > 255)
    return Verdict::SchemaInvalid(Name("deaName") + " must be 1 to 255 characters");
  n.dea_name = dea;
  int ver = 0;
  const auto [vend, vec] = std::from_chars(version.data(), version.data() + version.size(), ver);
  if (vec != std::errc() || vend != version.data() + version.size() || ver < 0 || ver > 65535)
    return Verdict::SchemaInvalid(Name("version") + " '" + version + "' is not an unsignedShort");
  n.version = ver;
  std::optional<CivilDate> rep_date = ParseDate(rep);
  if (!rep_date) return Verdict::SchemaInvalid(Name("repDate") + " '" + rep + "' is not a date YYYY-MM-DD");
  n.rep_date = *rep_date;
  if (status == "DVPN") n.status = NotificationStatus::kDvpn;
  else if (status == "DVFN") n.status = NotificationStatus::kDvfn;
  else if (status == "DRFN") n.status = NotificationStatus::kDrfn;
  else return Verdict::SchemaInvalid(Name("status") + " '" + status + "' is not DVPN, DVFN or DRFN");
  for (const auto& [local, value, out] : {std::tuple{"reDate", &re, &n.re_date},
                                          std::tuple{"vaDate", &va, &n.va_date}}) {
    if (!*value) continue;
    std::optional<UnixSeconds> t = admin::ParseRfc3339(**value);
    if (!t) return Verdict::SchemaInvalid(Name(local) + " '" + **value + "' is not a dateTime with a zone");
    *out = t;
  }
  if (last) {
    n.last_full_date = ParseDate(*last);
    if (!n.last_full_date)
      return Verdict::SchemaInvalid(Name("lastFullDate") + " '" + *last + "' is not a date YYYY-MM-DD");
  }
  if (i < children->size() && XmlIs((*children)[i], kRdeReportNamespace, "report")) {
    RdeReport report;
    Verdict v = ParseRdeReport((*children)[i++], &report);
    if (!v.accepted()) return v;
    n.report = std::move(report);
  }
  if (i != children->size()) {
    return Verdict::SchemaInvalid("<" + std::string(XmlLocalName((*children)[i])) + "> is not allowed in " +
                  Name("notification"));
  }

  if (n.version != 1)
    return Verdict::Reject(ResultCode::kUnsupportedVersion,
                           Name("version") + " " + std::to_string(n.version) + "; only 1 is supported");
  const UnixSeconds rep_start = FromCivilDate(n.rep_date);
  if (rep_start > ctx.now - FloorMod(ctx.now, 86400))
    return Verdict::Reject(ResultCode::kDateInFuture, Name("repDate") + " " + rep + " is after today");
  if (ctx.tld_created && rep_start + 86400 <= *ctx.tld_created) {
    return Verdict::Reject(ResultCode::kDateBeforeCreation,
                           Name("repDate") + " " + rep + " precedes the creation of ." + ctx.tld);
  }
  if (n.report) {
    EscrowReportContext rctx;
    rctx.tld = ctx.tld;
    rctx.now = ctx.now;
    rctx.tld_created = ctx.tld_created;
    Verdict v = CheckRdeReport(*n.report, rctx, /*uploaded=*/false);
    if (!v.accepted()) return v;
  }
  if (parsed != nullptr) *parsed = std::move(n);
  return Verdict::Accept();
}

}  // namespace tldmon::rri

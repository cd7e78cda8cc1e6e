#include "core/text.h"
#include "rri/rde_report.h"

#include <charconv>
#include <set>
#include <tuple>

#include "admin/date_text.h"
#include "admin/dns_name.h"

namespace tldmon::rri {
namespace {

template <typename T>
std::optional<T> Unsigned(std::string_view text, T max) {
  if (text.empty() || text.size() > 20) return std::nullopt;
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v > static_cast<std::uint64_t>(max))
    return std::nullopt;
  return static_cast<T>(v);
}

// A DNS label as a TLD is written: LDH, 1..63, not starting or ending with
// '-' (an A-label "xn--..." is LDH too).
bool IsLabel(std::string_view s) {
  if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') return false;
  for (char c : s) {
    const char l = admin::AsciiLower(c);
    if (!((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '-')) return false;
  }
  return true;
}


// The next child, which must be {ns}name; Schema failure otherwise.
struct Cursor {
  const std::vector<XmlNode>& children;
  std::size_t next = 0;
  bool At(std::string_view ns, std::string_view name) const {
    return next < children.size() && XmlIs(children[next], ns, name);
  }
};

Verdict Text(Cursor& c, std::string_view name, std::string* out, bool optional = false) {
  if (!c.At(kRdeReportNamespace, name)) {
    if (optional) return Verdict::Accept();
    return Verdict::SchemaInvalid("rdeReport:" + std::string(name) + " is missing or out of order");
  }
  Result<std::string> t = XmlText(c.children[c.next++]);
  if (!t.ok()) return Verdict::SchemaInvalid(t.status().message());
  *out = std::move(*t);
  return Verdict::Accept();
}

Verdict DateTime(Cursor& c, std::string_view name, UnixSeconds* out) {
  std::string text;
  Verdict v = Text(c, name, &text);
  if (!v.accepted()) return v;
  std::optional<UnixSeconds> t = admin::ParseRfc3339(text);
  if (!t) return Verdict::SchemaInvalid("rdeReport:" + std::string(name) + " '" + text + "' is not a dateTime with a zone");
  *out = *t;
  return Verdict::Accept();
}

Verdict ParseHeader(XmlNode header, RdeReport* out) {
  if (const auto names = XmlAttributeNames(header); !names.empty())
    return Verdict::SchemaInvalid("rdeHeader:header has an unknown attribute '" + names[0] + "'");
  Result<std::vector<XmlNode>> children = XmlChildElements(header);
  if (!children.ok()) return Verdict::SchemaInvalid(children.status().message());
  std::size_t i = 0;
  if (i < children->size() && XmlIs((*children)[i], kRdeHeaderNamespace, "tld")) {
    Result<std::string> t = XmlText((*children)[i++]);
    if (!t.ok()) return Verdict::SchemaInvalid(t.status().message());
    out->tld = std::move(*t);
  }
  for (; i < children->size(); ++i) {
    XmlNode c = (*children)[i];
    if (!XmlIs(c, kRdeHeaderNamespace, "count")) {
      return Verdict::SchemaInvalid("rdeHeader:header holds <" + std::string(XmlLocalName(c)) +
                    "> where only rdeHeader:tld and then rdeHeader:count are allowed");
    }
    RdeCount count;
    for (const std::string& a : XmlAttributeNames(c))
      if (a != "uri" && a != "rcdn" && a != "registrarId")
        return Verdict::SchemaInvalid("rdeHeader:count has an unknown attribute '" + a + "'");
    std::optional<std::string> uri = XmlAttribute(c, "uri");
    if (!uri || uri->empty()) return Verdict::SchemaInvalid("rdeHeader:count without its uri attribute");
    count.uri = std::move(*uri);
    count.rcdn = XmlAttribute(c, "rcdn").value_or("");
    count.registrar_id = XmlAttribute(c, "registrarId").value_or("");
    Result<std::string> text = XmlText(c);
    if (!text.ok()) return Verdict::SchemaInvalid(text.status().message());
    std::optional<std::uint64_t> value = Unsigned<std::uint64_t>(*text, UINT64_MAX);
    if (!value) return Verdict::SchemaInvalid("rdeHeader:count '" + *text + "' of " + count.uri + " is not a count");
    count.value = *value;
    out->counts.push_back(std::move(count));
  }
  return Verdict::Accept();
}

}  // namespace

std::string_view DepositKindName(DepositKind kind) {
  switch (kind) {
    case DepositKind::kFull: return "FULL";
    case DepositKind::kIncr: return "INCR";
    case DepositKind::kDiff: return "DIFF";
  }
  return "";
}

bool IsValidDepositId(std::string_view id) {
  if (id.empty() || id.size() > 13) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return true;
}

Verdict ParseRdeReport(XmlNode report, RdeReport* out) {
  if (!XmlIs(report, kRdeReportNamespace, "report")) {
    return Verdict::SchemaInvalid("the document is <" + std::string(XmlLocalName(report)) + "> in namespace '" +
                  std::string(XmlNamespace(report)) + "', not rdeReport:report");
  }
  if (const auto names = XmlAttributeNames(report); !names.empty())
    return Verdict::SchemaInvalid("rdeReport:report has an unknown attribute '" + names[0] + "'");
  Result<std::vector<XmlNode>> children = XmlChildElements(report);
  if (!children.ok()) return Verdict::SchemaInvalid(children.status().message());
  Cursor c{*children};
  std::string text;
  Verdict v = Text(c, "id", &out->id);
  if (v.accepted()) v = Text(c, "version", &text);
  if (!v.accepted()) return v;
  std::optional<int> version = Unsigned<int>(text, 65535);
  if (!version) return Verdict::SchemaInvalid("rdeReport:version '" + text + "' is not an unsignedShort");
  out->version = *version;
  v = Text(c, "rydeSpecEscrow", &out->ryde_spec_escrow);
  if (v.accepted()) v = Text(c, "rydeSpecMapping", &out->ryde_spec_mapping, /*optional=*/true);
  if (v.accepted()) v = Text(c, "resend", &text);
  if (!v.accepted()) return v;
  std::optional<int> resend = Unsigned<int>(text, 65535);
  if (!resend) return Verdict::SchemaInvalid("rdeReport:resend '" + text + "' is not an unsignedShort");
  out->resend = *resend;
  v = DateTime(c, "crDate", &out->cr_date);
  if (v.accepted()) v = Text(c, "kind", &text);
  if (!v.accepted()) return v;
  if (text == "FULL") out->kind = DepositKind::kFull;
  else if (text == "INCR") out->kind = DepositKind::kIncr;
  else if (text == "DIFF") out->kind = DepositKind::kDiff;
  else return Verdict::SchemaInvalid("rdeReport:kind '" + text + "' is not FULL, INCR or DIFF");
  v = DateTime(c, "watermark", &out->watermark);
  if (!v.accepted()) return v;
  if (!c.At(kRdeHeaderNamespace, "header")) return Verdict::SchemaInvalid("rdeHeader:header is missing or out of order");
  v = ParseHeader(c.children[c.next++], out);
  if (!v.accepted()) return v;
  if (c.next != c.children.size()) {
    return Verdict::SchemaInvalid("<" + std::string(XmlLocalName(c.children[c.next])) +
                  "> is not allowed after rdeHeader:header");
  }
  return Verdict::Accept();
}

Verdict CheckRdeReport(const RdeReport& r, const EscrowReportContext& ctx, bool uploaded) {
  if (r.version != 1)
    return Verdict::Reject(ResultCode::kUnsupportedVersion,
                           "rdeReport:version " + std::to_string(r.version) + "; only 1 is supported");
  if (!IsValidDepositId(r.id))
    return Verdict::SchemaInvalid("rdeReport:id '" + r.id + "' is not 1 to 13 letters, digits or '_'");
  if (uploaded && r.id != ctx.url_id) {
    return Verdict::Reject(ResultCode::kIdMismatch,
                           "the URL names deposit '" + ctx.url_id + "', the report '" + r.id + "'");
  }
  if (r.tld.empty())
    return Verdict::Reject(ResultCode::kMissingTld, "rdeHeader:header has no rdeHeader:tld");
  if (!IsLabel(r.tld))
    return Verdict::Reject(ResultCode::kInvalidLabel, "rdeHeader:tld '" + r.tld + "' is not a DNS label");
  if (!EqualsIgnoreAsciiCase(r.tld, ctx.tld)) {
    return Verdict::Reject(ResultCode::kTldMismatch,
                           "rdeHeader:tld is '" + r.tld + "', the URL's TLD '" + ctx.tld + "'");
  }
  for (const auto& [name, t] : {std::pair{"crDate", r.cr_date}, std::pair{"watermark", r.watermark}}) {
    if (t > ctx.now) {
      return Verdict::Reject(ResultCode::kDateInFuture, std::string("rdeReport:") + name + " " +
                                                           FormatIso8601(t) + " is in the future");
    }
    if (ctx.tld_created && t < *ctx.tld_created) {
      return Verdict::Reject(ResultCode::kDateBeforeCreation,
                             std::string("rdeReport:") + name + " " + FormatIso8601(t) +
                                 " precedes the creation of ." + ctx.tld);
    }
  }
  if (uploaded && r.kind != DepositKind::kFull &&
      !(ctx.full_deposit_before && ctx.full_deposit_before(r.watermark))) {
    return Verdict::Reject(ResultCode::kUnexpectedDiff,
                           std::string("a ") + std::string(DepositKindName(r.kind)) +
                               " deposit with watermark " + FormatIso8601(r.watermark) +
                               ", but no FULL deposit up to then was reported");
  }
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  bool csv_domain = false, rde_domain = false;
  for (const RdeCount& c : r.counts) {
    if (!seen.emplace(c.uri, c.rcdn, c.registrar_id).second) {
      return Verdict::Reject(ResultCode::kDuplicateCount,
                             "rdeHeader:count of " + c.uri +
                                 (c.rcdn.empty() ? std::string() : " rcdn " + c.rcdn) +
                                 (c.registrar_id.empty() ? std::string() : " registrarId " + c.registrar_id) +
                                 " appears twice");
    }
    csv_domain = csv_domain || c.uri == "urn:ietf:params:xml:ns:csvDomain-1.0";
    rde_domain = rde_domain || c.uri == "urn:ietf:params:xml:ns:rdeDomain-1.0";
  }
  if (csv_domain && rde_domain) {
    return Verdict::Reject(ResultCode::kBothDomainModels,
                           "the header counts both csvDomain and rdeDomain objects");
  }
  for (const RdeCount& c : r.counts) {
    for (const RdeCount& d : r.counts) {
      if (c.uri == d.uri && c.rcdn.empty() != d.rcdn.empty()) {
        return Verdict::Reject(ResultCode::kRcdnMismatch,
                               "the counts of " + c.uri + " mix ones with and without rcdn");
      }
    }
    if (!c.rcdn.empty() && !admin::IsValidHostName(c.rcdn))
      return Verdict::Reject(ResultCode::kInvalidLabel, "rcdn '" + c.rcdn + "' is not a domain name");
  }
  return Verdict::Accept();
}

Verdict ValidateEscrowReport(std::string_view body, const EscrowReportContext& ctx,
                             RdeReport* parsed) {
  Result<XmlDocument> doc = XmlDocument::Parse(body);
  if (!doc.ok()) return Verdict::SchemaInvalid(doc.status().message());
  RdeReport report;
  Verdict v = ParseRdeReport(doc->root(), &report);
  if (v.accepted()) v = CheckRdeReport(report, ctx, /*uploaded=*/true);
  if (v.accepted() && parsed != nullptr) *parsed = std::move(report);
  return v;
}

}  // namespace tldmon::rri

#include "admin/metrica_import.h"

#include <algorithm>
#include <map>
#include <string>

#include "admin/bounded_json.h"
#include "admin/date_text.h"
#include "admin/dns_name.h"
#include "admin/json_fields.h"

namespace tldmon::admin {
namespace {

// The root zone's id is not a domain its report's names could be under.
constexpr std::string_view kRootZoneId = "zz--root";
constexpr std::size_t kMaxThreatTypeLength = 64;

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// threatType: an identifier like the known "spam", "phishing", "botnetCc",
// "malware"; new types are accepted as long as they look like one.
bool IsThreatTypeName(std::string_view name) {
  if (name.empty() || name.size() > kMaxThreatTypeLength) return false;
  const char first = name.front();
  if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Names compare ASCII case-insensitively (DNS, RFC 4343).
int CompareNames(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = AsciiLower(a[i]);
    const char y = AsciiLower(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// FNV-1a over the lower-cased name: a cheap sort key; equal names have equal
// keys, and names with equal keys are then compared in full.
std::uint64_t NameKey(std::string_view name) {
  std::uint64_t h = 1469598103934665603ull;
  for (char c : name) {
    h ^= static_cast<unsigned char>(AsciiLower(c));
    h *= 1099511628211ull;
  }
  return h;
}

// Rejects a name listed twice under one threat type and returns the number
// of distinct names over all threat types. Sorting small references by a
// hash key beats hashing string copies into a set by a wide margin at a
// million names (the import limit); the full comparison on equal keys keeps
// the worst case (crafted collisions) at n log n comparisons.
Result<std::size_t> CountDistinctDomains(const MetricaReport& report,
                                         const std::string& data_path) {
  struct Ref {
    std::uint64_t key;
    std::string_view name;
    std::uint32_t threat;
    std::uint32_t index;
  };
  std::vector<Ref> refs;
  for (std::size_t t = 0; t < report.domain_list_data.size(); ++t) {
    const auto& domains = report.domain_list_data[t].domains;
    for (std::size_t i = 0; i < domains.size(); ++i) {
      refs.push_back(Ref{NameKey(domains[i]), domains[i], static_cast<std::uint32_t>(t),
                         static_cast<std::uint32_t>(i)});
    }
  }
  std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
    if (a.key != b.key) return a.key < b.key;
    const int c = CompareNames(a.name, b.name);
    if (c != 0) return c < 0;
    return a.threat != b.threat ? a.threat < b.threat : a.index < b.index;
  });
  std::size_t distinct = 0;
  for (std::size_t k = 0; k < refs.size(); ++k) {
    const bool same_name = k > 0 && refs[k - 1].key == refs[k].key &&
                           CompareNames(refs[k - 1].name, refs[k].name) == 0;
    if (!same_name) {
      ++distinct;
      continue;
    }
    if (refs[k - 1].threat == refs[k].threat) {
      const std::string domains_path =
          MemberPath(ElementPath(data_path, refs[k].threat), "domains");
      return FieldError(ElementPath(domains_path, refs[k].index),
                        "duplicate domain " + Quote(refs[k].name) + " (also at " +
                            ElementPath(domains_path, refs[k - 1].index) + ")");
    }
  }
  return distinct;
}

struct ParseContext {
  const MetricaImportLimits& limits;
  std::size_t domains_seen = 0;  // across the whole input
};

// Reads the entity field. With `expected`, it must name that entity; without,
// the entity is whatever the object names (store blobs).
Result<EntityId> ReadEntity(const Json& object, std::string_view path, const EntityId* expected) {
  const bool has_tld = object.contains("tld");
  const bool has_iana = object.contains("ianaId");
  if (has_tld && has_iana) {
    return FieldError(path, "has both \"tld\" and \"ianaId\"; a report names one entity");
  }
  if (!has_tld && !has_iana) {
    if (expected != nullptr) {
      return FieldError(MemberPath(path, expected->is_registrar() ? "ianaId" : "tld"), "missing");
    }
    return FieldError(path, "missing \"tld\" or \"ianaId\"");
  }
  EntityId entity;
  if (has_tld) {
    const std::string field_path = MemberPath(path, "tld");
    Result<std::string> tld = ReadString(object["tld"], field_path);
    if (!tld.ok()) return tld.status();
    entity.kind = EntityKind::kRegistry;
    // TLDs are case-insensitive; the canonical form is lower case.
    entity.id = LowerAscii(*tld);
    if (!EntityId::ValidateId(EntityKind::kRegistry, entity.id).ok()) {
      return FieldError(field_path, "not a valid TLD label: " + Quote(*tld));
    }
  } else {
    const std::string field_path = MemberPath(path, "ianaId");
    Result<std::int64_t> iana = ReadInteger(object["ianaId"], field_path);
    if (!iana.ok()) return iana.status();
    entity.kind = EntityKind::kRegistrar;
    entity.id = std::to_string(*iana);
    if (*iana <= 0 || !EntityId::ValidateId(EntityKind::kRegistrar, entity.id).ok()) {
      return FieldError(field_path, "not a valid IANA ID: " + entity.id);
    }
  }
  if (expected != nullptr && entity != *expected) {
    return FieldError(MemberPath(path, has_tld ? "tld" : "ianaId"),
                      "report is for " + entity.Path() + ", not the target " + expected->Path());
  }
  return entity;
}

Result<ThreatData> ReadThreatData(const Json& value, const std::string& path,
                                  const EntityId& entity, ParseContext& context) {
  TLDMON_RETURN_IF_ERROR(ExpectObject(value, path));
  TLDMON_RETURN_IF_ERROR(ExpectOnlyMembers(value, path, {"threatType", "count", "domains"}));
  ThreatData threat;

  Result<const Json*> type_field = RequiredMember(value, path, "threatType");
  if (!type_field.ok()) return type_field.status();
  const std::string type_path = MemberPath(path, "threatType");
  Result<std::string> type = ReadString(**type_field, type_path);
  if (!type.ok()) return type.status();
  if (!IsThreatTypeName(*type)) {
    return FieldError(
        type_path,
        "not a threat type name (a letter, then up to 63 of [A-Za-z0-9_-]): " + Quote(*type));
  }
  threat.threat_type = std::move(*type);

  Result<const Json*> count_field = RequiredMember(value, path, "count");
  if (!count_field.ok()) return count_field.status();
  const std::string count_path = MemberPath(path, "count");
  Result<std::int64_t> count = ReadInteger(**count_field, count_path);
  if (!count.ok()) return count.status();
  if (*count < kThreatTypeDisabled) {
    return FieldError(count_path,
                      "must be >= -1 (-1 = threat type disabled), got " + std::to_string(*count));
  }
  threat.count = *count;

  Result<const Json*> domains_field = RequiredMember(value, path, "domains");
  if (!domains_field.ok()) return domains_field.status();
  const std::string domains_path = MemberPath(path, "domains");
  TLDMON_RETURN_IF_ERROR(ExpectArray(**domains_field, domains_path));
  const Json& domains = **domains_field;
  if (threat.count == kThreatTypeDisabled && !domains.empty()) {
    return FieldError(domains_path, "must be empty when count is -1 (threat type disabled)");
  }
  if (threat.count >= 0 && domains.size() > static_cast<std::uint64_t>(threat.count)) {
    return FieldError(domains_path, "lists " + std::to_string(domains.size()) +
                                        " domains, more than count " +
                                        std::to_string(threat.count));
  }
  context.domains_seen += domains.size();
  if (context.domains_seen > context.limits.max_domains) {
    return FieldError(domains_path, "more than " + std::to_string(context.limits.max_domains) +
                                        " domains in the input");
  }
  const bool check_suffix = !entity.is_registrar() && entity.id != kRootZoneId;
  threat.domains.reserve(domains.size());
  for (std::size_t i = 0; i < domains.size(); ++i) {
    const std::string domain_path = ElementPath(domains_path, i);
    Result<std::string> domain = ReadString(domains[i], domain_path);
    if (!domain.ok()) return domain.status();
    if (!IsValidHostName(*domain, /*min_labels=*/2)) {
      return FieldError(domain_path, "not a valid domain name: " + Quote(*domain));
    }
    if (check_suffix && !IsUnderDomain(*domain, entity.id)) {
      return FieldError(domain_path, Quote(*domain) + " is not under ." + entity.id);
    }
    threat.domains.push_back(std::move(*domain));
  }
  return threat;
}

// One report object. `default_generation_date` empty means the field is
// required (store blobs).
Result<MetricaReport> ReadReport(const Json& value, const std::string& path,
                                 const EntityId* expected,
                                 const std::string& default_generation_date,
                                 ParseContext& context) {
  TLDMON_RETURN_IF_ERROR(ExpectObject(value, path));
  // domainsInZone / totalDomains: read by some clients (§6.11) and so possibly
  // present in a saved report; accepted, checked, and not kept (not emitted).
  TLDMON_RETURN_IF_ERROR(
      ExpectOnlyMembers(value, path,
                        {"version", "tld", "ianaId", "domainListDate", "domainListGenerationDate",
                         "uniqueAbuseDomains", "domainListData", "domainsInZone", "totalDomains"}));
  MetricaReport report;

  Result<const Json*> version_field = RequiredMember(value, path, "version");
  if (!version_field.ok()) return version_field.status();
  const std::string version_path = MemberPath(path, "version");
  Result<std::int64_t> version = ReadInteger(**version_field, version_path);
  if (!version.ok()) return version.status();
  if (*version != 2) return FieldError(version_path, "must be 2, got " + std::to_string(*version));

  Result<EntityId> entity = ReadEntity(value, path, expected);
  if (!entity.ok()) return entity.status();
  report.entity = std::move(*entity);

  Result<const Json*> date_field = RequiredMember(value, path, "domainListDate");
  if (!date_field.ok()) return date_field.status();
  const std::string date_path = MemberPath(path, "domainListDate");
  Result<std::string> date_text = ReadString(**date_field, date_path);
  if (!date_text.ok()) return date_text.status();
  const auto date = ParseDate(*date_text);
  if (!date) {
    return FieldError(date_path,
                      "not a real calendar date YYYY-MM-DD (1970-9999): " + Quote(*date_text));
  }
  report.domain_list_date = *date;

  const std::string generation_path = MemberPath(path, "domainListGenerationDate");
  if (value.contains("domainListGenerationDate")) {
    Result<std::string> generation = ReadString(value["domainListGenerationDate"], generation_path);
    if (!generation.ok()) return generation.status();
    if (!ParseRfc3339(*generation)) {
      return FieldError(
          generation_path,
          "not an RFC 3339 date-time (e.g. 2018-12-13T23:20:50.52Z): " + Quote(*generation));
    }
    report.domain_list_generation_date = std::move(*generation);
  } else if (default_generation_date.empty()) {
    return FieldError(generation_path, "missing");
  } else {
    report.domain_list_generation_date = default_generation_date;
  }

  Result<const Json*> unique_field = RequiredMember(value, path, "uniqueAbuseDomains");
  if (!unique_field.ok()) return unique_field.status();
  const std::string unique_path = MemberPath(path, "uniqueAbuseDomains");
  Result<std::int64_t> unique = ReadInteger(**unique_field, unique_path);
  if (!unique.ok()) return unique.status();
  if (*unique < 0) return FieldError(unique_path, "must be >= 0, got " + std::to_string(*unique));
  report.unique_abuse_domains = *unique;

  for (const char* key : {"domainsInZone", "totalDomains"}) {
    if (!value.contains(key)) continue;
    const std::string extra_path = MemberPath(path, key);
    Result<std::int64_t> extra = ReadInteger(value[key], extra_path);
    if (!extra.ok()) return extra.status();
    if (*extra < 0) return FieldError(extra_path, "must be >= 0, got " + std::to_string(*extra));
  }

  Result<const Json*> data_field = RequiredMember(value, path, "domainListData");
  if (!data_field.ok()) return data_field.status();
  const std::string data_path = MemberPath(path, "domainListData");
  TLDMON_RETURN_IF_ERROR(ExpectArray(**data_field, data_path));
  const Json& data = **data_field;
  if (data.size() > context.limits.max_threat_types) {
    return FieldError(data_path, "more than " + std::to_string(context.limits.max_threat_types) +
                                     " threat types");
  }
  std::map<std::string, std::size_t> type_index;  // threatType -> first element
  for (std::size_t i = 0; i < data.size(); ++i) {
    const std::string element_path = ElementPath(data_path, i);
    Result<ThreatData> threat = ReadThreatData(data[i], element_path, report.entity, context);
    if (!threat.ok()) return threat.status();
    const auto [it, inserted] = type_index.emplace(threat->threat_type, i);
    if (!inserted) {
      return FieldError(MemberPath(element_path, "threatType"),
                        "duplicate threat type \"" + threat->threat_type + "\" (also at " +
                            ElementPath(data_path, it->second) + ")");
    }
    report.domain_list_data.push_back(std::move(*threat));
  }
  Result<std::size_t> distinct = CountDistinctDomains(report, data_path);
  if (!distinct.ok()) return distinct.status();
  // Every listed domain is an abuse domain of that day, so the unique total
  // cannot be smaller than the number of distinct names listed.
  if (static_cast<std::uint64_t>(report.unique_abuse_domains) < *distinct) {
    return FieldError(unique_path, std::to_string(report.unique_abuse_domains) +
                                       " is less than the " + std::to_string(*distinct) +
                                       " distinct domains listed");
  }
  return report;
}

}  // namespace

Result<std::vector<MetricaReport>> ParseMetricaImport(std::string_view bytes,
                                                      const EntityId& target,
                                                      UnixSeconds import_time,
                                                      const MetricaImportLimits& limits) {
  // Depth: array > report > domainListData > threat > domains = 5.
  Result<Json> parsed = ParseBoundedJson(bytes, JsonLimits{limits.max_bytes, 5});
  if (!parsed.ok()) return parsed.status();
  const Json& root = *parsed;
  ParseContext context{limits};
  const std::string default_generation_date = FormatIso8601(import_time);
  std::vector<MetricaReport> reports;
  if (root.is_object()) {
    Result<MetricaReport> report = ReadReport(root, "$", &target, default_generation_date, context);
    if (!report.ok()) return report.status();
    reports.push_back(std::move(*report));
    return reports;
  }
  if (!root.is_array()) {
    return FieldError("$", "expected a report object or an array of them, got " +
                               std::string(JsonTypeName(root)));
  }
  if (root.empty()) return FieldError("$", "no reports");
  if (root.size() > limits.max_reports) {
    return FieldError("$", std::to_string(root.size()) + " reports, more than the limit of " +
                               std::to_string(limits.max_reports));
  }
  std::map<UnixSeconds, std::size_t> by_date;  // domainListDate -> first element
  for (std::size_t i = 0; i < root.size(); ++i) {
    const std::string path = ElementPath("$", i);
    Result<MetricaReport> report =
        ReadReport(root[i], path, &target, default_generation_date, context);
    if (!report.ok()) return report.status();
    const auto [it, inserted] = by_date.emplace(FromCivilDate(report->domain_list_date), i);
    if (!inserted) {
      return FieldError(MemberPath(path, "domainListDate"),
                        "duplicate date " + FormatDate(report->domain_list_date) + " (also at " +
                            ElementPath("$", it->second) + ")");
    }
    reports.push_back(std::move(*report));
  }
  return reports;
}

Result<MetricaReport> ParseStoredMetricaReport(std::string_view bytes) {
  const MetricaImportLimits limits;
  Result<Json> parsed = ParseBoundedJson(bytes, JsonLimits{limits.max_bytes, 4});
  if (!parsed.ok()) return parsed.status();
  ParseContext context{limits};
  return ReadReport(*parsed, "$", /*expected=*/nullptr, /*default_generation_date=*/"", context);
}

}  // namespace tldmon::admin

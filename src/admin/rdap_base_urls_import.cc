#include "admin/rdap_base_urls_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "admin/bounded_json.h"
#include "admin/date_text.h"
#include "admin/https_url.h"
#include "admin/json_fields.h"
#include "core/text.h"

namespace tldmon::admin {
namespace {

// IANA IDs are positive 32-bit decimal numbers without leading zeros.
bool ParseIanaId(std::string_view text, std::uint32_t& id) {
  if (text.empty() || text.size() > 10 || text.front() == '0') return false;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > 0xFFFFFFFFu) return false;
  id = static_cast<std::uint32_t>(value);
  return true;
}

// Collects registrars, rejecting a repeated IANA ID with both locations.
class Collector {
 public:
  explicit Collector(const RdapBaseUrlImportLimits& limits) : limits_(limits) {}

  // `where` names the entry for messages ("line 3", "$.services[2][0][1]").
  Status Add(std::uint32_t id, std::vector<std::string> urls, const std::string& where) {
    const auto [it, inserted] = where_.emplace(id, where);
    if (!inserted) {
      return InvalidArgument(where + ": IANA ID " + std::to_string(id) + " already listed at " +
                             it->second);
    }
    if (where_.size() > limits_.max_registrars) {
      return InvalidArgument(where + ": more than " + std::to_string(limits_.max_registrars) +
                             " registrars");
    }
    list_.registrars.push_back(RegistrarRdapBaseUrls{id, std::move(urls)});
    return Status::Ok();
  }

  RdapBaseUrlList Finish(UnixSeconds publication) && {
    std::sort(list_.registrars.begin(), list_.registrars.end(),
              [](const auto& a, const auto& b) { return a.iana_id < b.iana_id; });
    list_.publication = publication;
    return std::move(list_);
  }

  bool empty() const { return list_.registrars.empty(); }

 private:
  const RdapBaseUrlImportLimits& limits_;
  std::map<std::uint32_t, std::string> where_;
  RdapBaseUrlList list_;
};

// Checks one registrar's URL list; `where(i)` names URL i for messages.
template <typename Where>
Status CheckUrls(const std::vector<std::string>& urls, const RdapBaseUrlImportLimits& limits,
                 const std::string& list_where, Where where) {
  if (urls.empty()) return InvalidArgument(list_where + ": no RDAP base URL");
  if (urls.size() > limits.max_urls_per_registrar) {
    return InvalidArgument(list_where + ": more than " +
                           std::to_string(limits.max_urls_per_registrar) + " URLs");
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    const Status s = ValidateHttpsUrl(urls[i]);
    if (!s.ok()) return InvalidArgument(where(i) + ": " + s.message() + ": " + Quote(urls[i]));
    if (!seen.insert(urls[i]).second) {
      return InvalidArgument(where(i) + ": URL listed twice: " + Quote(urls[i]));
    }
  }
  return Status::Ok();
}

Result<RdapBaseUrlList> ParseCsv(std::string_view bytes, UnixSeconds import_time,
                                 const RdapBaseUrlImportLimits& limits) {
  Collector collector(limits);
  bool first_data_line = true;
  std::size_t line_number = 0;
  while (!bytes.empty()) {
    const std::size_t newline = bytes.find('\n');
    std::string_view line = bytes.substr(0, newline);
    bytes.remove_prefix(newline == std::string_view::npos ? bytes.size() : newline + 1);
    ++line_number;
    const std::string where = "line " + std::to_string(line_number);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    line = TrimBlanks(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields;
    for (std::size_t start = 0;;) {
      const std::size_t comma = line.find(',', start);
      fields.push_back(TrimBlanks(line.substr(
          start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
      if (fields.size() > limits.max_urls_per_registrar + 1) break;
    }
    if (first_data_line && EqualsIgnoreAsciiCase(fields.front(), "ianaId")) {
      first_data_line = false;  // optional header line
      continue;
    }
    first_data_line = false;
    std::uint32_t id = 0;
    if (!ParseIanaId(fields.front(), id)) {
      return InvalidArgument(
          where + ", field 1: not an IANA ID (a positive integer): " + Quote(fields.front()));
    }
    std::vector<std::string> urls;
    for (std::size_t i = 1; i < fields.size(); ++i) urls.emplace_back(fields[i]);
    TLDMON_RETURN_IF_ERROR(CheckUrls(urls, limits, where, [&](std::size_t i) {
      return where + ", field " + std::to_string(i + 2);
    }));
    TLDMON_RETURN_IF_ERROR(collector.Add(id, std::move(urls), where));
  }
  if (collector.empty()) return InvalidArgument("no registrars in the input");
  return std::move(collector).Finish(import_time);
}

// The RFC 7484-style document. Without `import_time` (store blobs) the
// document's own `publication` is required and kept.
Result<RdapBaseUrlList> ParseJson(std::string_view bytes, std::optional<UnixSeconds> import_time,
                                  const RdapBaseUrlImportLimits& limits) {
  // Depth: document > services > group > ids|urls = 4.
  Result<Json> parsed = ParseBoundedJson(bytes, JsonLimits{limits.max_bytes, 4});
  if (!parsed.ok()) return parsed.status();
  const Json& root = *parsed;
  TLDMON_RETURN_IF_ERROR(ExpectObject(root, "$"));
  TLDMON_RETURN_IF_ERROR(
      ExpectOnlyMembers(root, "$", {"publication", "description", "services", "version"}));

  std::optional<UnixSeconds> publication;
  if (root.contains("publication")) {
    Result<std::string> text = ReadString(root["publication"], "$.publication");
    if (!text.ok()) return text.status();
    publication = ParseRfc3339(*text);
    if (!publication) {
      return FieldError("$.publication", "not an RFC 3339 date-time: " + Quote(*text));
    }
  } else if (!import_time) {
    return FieldError("$.publication", "missing");
  }
  if (root.contains("description")) {
    Result<std::string> text = ReadString(root["description"], "$.description");
    if (!text.ok()) return text.status();
  }
  if (root.contains("version")) {
    Result<std::string> text = ReadString(root["version"], "$.version");
    if (!text.ok()) return text.status();
    if (*text != "1.0") return FieldError("$.version", "must be \"1.0\", got " + Quote(*text));
  }

  Result<const Json*> services_field = RequiredMember(root, "$", "services");
  if (!services_field.ok()) return services_field.status();
  const Json& services = **services_field;
  TLDMON_RETURN_IF_ERROR(ExpectArray(services, "$.services"));
  Collector collector(limits);
  for (std::size_t g = 0; g < services.size(); ++g) {
    const std::string group_path = ElementPath("$.services", g);
    const Json& group = services[g];
    TLDMON_RETURN_IF_ERROR(ExpectArray(group, group_path));
    if (group.size() != 2) {
      return FieldError(group_path, "expected [[ianaId...], [url...]], got an array of " +
                                        std::to_string(group.size()));
    }
    const std::string ids_path = ElementPath(group_path, 0);
    const std::string urls_path = ElementPath(group_path, 1);
    TLDMON_RETURN_IF_ERROR(ExpectArray(group[0], ids_path));
    TLDMON_RETURN_IF_ERROR(ExpectArray(group[1], urls_path));
    if (group[0].empty()) return FieldError(ids_path, "no IANA ID");
    if (group[1].size() > limits.max_urls_per_registrar) {
      return FieldError(urls_path,
                        "more than " + std::to_string(limits.max_urls_per_registrar) + " URLs");
    }
    std::vector<std::string> urls;
    for (std::size_t u = 0; u < group[1].size(); ++u) {
      Result<std::string> url = ReadString(group[1][u], ElementPath(urls_path, u));
      if (!url.ok()) return url.status();
      urls.push_back(std::move(*url));
    }
    TLDMON_RETURN_IF_ERROR(CheckUrls(urls, limits, urls_path,
                                     [&](std::size_t u) { return ElementPath(urls_path, u); }));
    for (std::size_t k = 0; k < group[0].size(); ++k) {
      const std::string id_path = ElementPath(ids_path, k);
      const Json& id_value = group[0][k];
      std::uint32_t id = 0;
      // RFC 7484 entries are strings; a bare JSON integer is accepted too.
      const std::string text = id_value.is_string() ? id_value.get<std::string>()
                               : id_value.is_number_unsigned()
                                   ? std::to_string(id_value.get<std::uint64_t>())
                                   : std::string();
      if (!ParseIanaId(text, id)) {
        return FieldError(id_path, "not an IANA ID (a positive integer, as a string)");
      }
      TLDMON_RETURN_IF_ERROR(collector.Add(id, urls, id_path));
    }
  }
  if (import_time) {
    if (collector.empty()) return FieldError("$.services", "no registrars");
    return std::move(collector).Finish(*import_time);
  }
  return std::move(collector).Finish(*publication);
}

}  // namespace

Result<RdapBaseUrlList> ParseRdapBaseUrlImport(std::string_view bytes, UnixSeconds import_time,
                                               const RdapBaseUrlImportLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return InvalidArgument("input is " + std::to_string(bytes.size()) +
                           " bytes, more than the limit of " + std::to_string(limits.max_bytes));
  }
  std::string_view body = bytes;
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // UTF-8 BOM
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return InvalidArgument("no registrars in the input");
  if (body[first] == '{') return ParseJson(body, import_time, limits);
  return ParseCsv(body, import_time, limits);
}

Result<RdapBaseUrlList> ParseStoredRdapBaseUrlList(std::string_view bytes) {
  return ParseJson(bytes, std::nullopt, RdapBaseUrlImportLimits{});
}

}  // namespace tldmon::admin

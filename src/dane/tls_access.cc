#include "dane/tls_access.h"

#include <nlohmann/json.hpp>

#include <set>

namespace tldmon::dane {
namespace {

using Json = nlohmann::ordered_json;
constexpr int kFormatVersion = 1;

bool LabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

Result<std::string> NormalizeTlsaOwnerName(std::string_view name) {
  std::string out(name);
  if (!out.empty() && out.back() == '.') out.pop_back();
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  const std::string shown = "\"" + out.substr(0, 80) + (out.size() > 80 ? "...\"" : "\"");
  if (out.empty() || out.size() > 253)
    return InvalidArgument("domain " + shown + ": 1 to 253 characters");
  std::size_t labels = 0, start = 0;
  while (start <= out.size()) {
    std::size_t dot = out.find('.', start);
    if (dot == std::string::npos) dot = out.size();
    const std::string_view label(out.data() + start, dot - start);
    if (label.empty() || label.size() > 63)
      return InvalidArgument("domain " + shown + ": a label is empty or longer than 63");
    for (char c : label)
      if (!LabelChar(c))
        return InvalidArgument("domain " + shown + ": only letters, digits, '-' and '_'");
    if (label.front() == '-' || label.back() == '-')
      return InvalidArgument("domain " + shown + ": a label starts or ends with '-'");
    ++labels;
    start = dot + 1;
  }
  if (labels < 2) return InvalidArgument("domain " + shown + ": needs at least two labels");
  return out;
}

Status ValidateTlsAccessEntry(const TlsAccessEntry& e) {
  Result<std::string> name = NormalizeTlsaOwnerName(e.domain);
  if (!name.ok()) return name.status();
  if (*name != e.domain) return InvalidArgument("domain \"" + e.domain + "\" is not normalized");
  if (e.roles.empty()) return InvalidArgument("domain " + e.domain + ": no role given");
  if (e.acl.empty())
    return InvalidArgument("domain " + e.domain +
                           ": no IP prefix given (the ACL would admit nobody)");
  return Status::Ok();
}

Result<std::string> EncodeTlsAccessRecord(const EntityId& entity,
                                          const std::vector<TlsAccessEntry>& entries) {
  if (entries.size() > kMaxTlsEntriesPerEntity)
    return InvalidArgument(entity.Path() + ": more than " + std::to_string(kMaxTlsEntriesPerEntity) +
                           " TLS access entries");
  std::set<std::string> seen;
  Json list = Json::array();
  for (const TlsAccessEntry& e : entries) {
    TLDMON_RETURN_IF_ERROR(ValidateTlsAccessEntry(e));
    if (!seen.insert(e.domain).second)
      return InvalidArgument(entity.Path() + ": domain " + e.domain + " given twice");
    Json acl = Json::array();
    for (const auth::IpPrefix& p : e.acl) acl.push_back(p.ToString());
    Json j = Json::object();
    j["domain"] = e.domain;
    j["roles"] = e.roles.Names();
    j["acl"] = std::move(acl);
    list.push_back(std::move(j));
  }
  Json record = Json::object();
  record["version"] = kFormatVersion;
  record["entity"] = entity.Path();
  record["entries"] = std::move(list);
  return record.dump();
}

Result<std::vector<TlsAccessEntry>> DecodeTlsAccessRecord(const EntityId& entity,
                                                          std::string_view bytes) {
  const Json j = Json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("version") || j["version"] != kFormatVersion ||
      !j.contains("entity") || j["entity"] != entity.Path() || !j.contains("entries") ||
      !j["entries"].is_array())
    return InvalidArgument("not a version-1 TLS access record of " + entity.Path());
  std::vector<TlsAccessEntry> out;
  for (const Json& e : j["entries"]) {
    if (!e.is_object() || !e.contains("domain") || !e["domain"].is_string() ||
        !e.contains("roles") || !e["roles"].is_array() || !e.contains("acl") ||
        !e["acl"].is_array())
      return InvalidArgument("a TLS access entry of " + entity.Path() + " is malformed");
    TlsAccessEntry entry;
    entry.domain = e["domain"].get<std::string>();
    std::vector<std::string> roles, acl;
    for (const Json& r : e["roles"]) {
      if (!r.is_string()) return InvalidArgument("a role is not a string");
      roles.push_back(r.get<std::string>());
    }
    for (const Json& p : e["acl"]) {
      if (!p.is_string()) return InvalidArgument("an ACL prefix is not a string");
      acl.push_back(p.get<std::string>());
    }
    Result<auth::RoleSet> role_set = auth::RoleSet::FromNames(roles);
    if (!role_set.ok()) return role_set.status();
    entry.roles = *role_set;
    Result<std::vector<auth::IpPrefix>> prefixes = auth::ParseAllowList(acl);
    if (!prefixes.ok()) return prefixes.status();
    entry.acl = std::move(prefixes).value();
    TLDMON_RETURN_IF_ERROR(ValidateTlsAccessEntry(entry));
    out.push_back(std::move(entry));
  }
  return out;
}

Result<TlsAccessTable> TlsAccessRepository::Load() const {
  const store::RecordQuery query{kTlsAccessKind, ""};
  Result<std::vector<std::vector<store::KeyedRecord>>> read =
      store_.ReadRecords(std::span(&query, 1));
  if (!read.ok()) return read.status();
  TlsAccessTable table;
  for (const store::KeyedRecord& r : (*read)[0]) {
    Result<EntityId> entity = EntityId::Parse(r.key);
    if (!entity.ok()) return Internal("stored TLS access record under a bad key " + r.key);
    Result<std::vector<TlsAccessEntry>> entries = DecodeTlsAccessRecord(*entity, r.bytes);
    if (!entries.ok())
      return Internal("stored TLS access record of " + r.key + " is damaged: " +
                      entries.status().message());
    if (!entries->empty()) table[*entity] = std::move(entries).value();
  }
  return table;
}

Status TlsAccessRepository::Put(const EntityId& entity, const std::vector<TlsAccessEntry>& entries) {
  TlsAccessTable one;
  one[entity] = entries;
  return PutAll(one);
}

Status TlsAccessRepository::PutAll(const TlsAccessTable& changes) {
  std::vector<std::pair<std::string, std::string>> owned;  // key, bytes
  owned.reserve(changes.size());
  for (const auto& [entity, entries] : changes) {
    std::string bytes;
    if (!entries.empty()) {
      Result<std::string> encoded = EncodeTlsAccessRecord(entity, entries);
      if (!encoded.ok()) return encoded.status();
      bytes = std::move(encoded).value();
    }
    owned.emplace_back(entity.Path(), std::move(bytes));
  }
  std::vector<store::RecordChange> batch;
  for (const auto& [key, bytes] : owned) {
    batch.push_back(bytes.empty() ? store::RecordChange::Delete(kTlsAccessKind, key)
                                  : store::RecordChange::Put(kTlsAccessKind, key, bytes));
  }
  return store_.WriteRecords(batch).status();
}

}  // namespace tldmon::dane

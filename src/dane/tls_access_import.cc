#include "dane/tls_access_import.h"

#include <nlohmann/json.hpp>
#include <set>

namespace tldmon::dane {
namespace {

using ImportJson = nlohmann::json;

Status Bad(const std::string& where, const std::string& what) {
  return InvalidArgument(where + ": " + what);
}

Status OnlyKeys(const ImportJson& j, const std::string& where,
                std::initializer_list<const char*> keys) {
  for (const auto& [k, v] : j.items()) {
    bool known = false;
    for (const char* key : keys) known = known || k == key;
    if (!known) return Bad(where, "unknown key \"" + k.substr(0, 40) + "\"");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> Strings(const ImportJson& j, const std::string& where) {
  if (!j.is_array()) return Bad(where, "must be an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_string()) return Bad(where + "[" + std::to_string(i) + "]", "must be a string");
    out.push_back(j[i].get<std::string>());
  }
  return out;
}

Result<TlsAccessEntry> ReadEntry(const ImportJson& j, const std::string& where) {
  if (!j.is_object()) return Bad(where, "must be an object");
  TLDMON_RETURN_IF_ERROR(OnlyKeys(j, where, {"domain", "roles", "acl"}));
  if (!j.contains("domain") || !j["domain"].is_string())
    return Bad(where + ".domain", "must be a string");
  TlsAccessEntry e;
  Result<std::string> domain = NormalizeTlsaOwnerName(j["domain"].get<std::string>());
  if (!domain.ok()) return Bad(where + ".domain", domain.status().message());
  e.domain = std::move(domain).value();
  if (!j.contains("roles")) return Bad(where + ".roles", "missing");
  auto roles = Strings(j["roles"], where + ".roles");
  if (!roles.ok()) return roles.status();
  auto role_set = auth::RoleSet::FromNames(*roles);
  if (!role_set.ok()) return Bad(where + ".roles", role_set.status().message());
  e.roles = *role_set;
  if (!j.contains("acl")) return Bad(where + ".acl", "missing");
  auto acl = Strings(j["acl"], where + ".acl");
  if (!acl.ok()) return acl.status();
  auto prefixes = auth::ParseAllowList(*acl);
  if (!prefixes.ok()) return Bad(where + ".acl", prefixes.status().message());
  e.acl = std::move(prefixes).value();
  if (Status s = ValidateTlsAccessEntry(e); !s.ok()) return Bad(where, s.message());
  return e;
}

}  // namespace

Result<TlsAccessImport> ParseTlsAccessImport(std::string_view text) {
  if (text.size() > kMaxTlsImportBytes)
    return InvalidArgument("file larger than " + std::to_string(kMaxTlsImportBytes >> 20) + " MiB");
  const ImportJson doc = ImportJson::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgument("not valid JSON");
  if (!doc.is_object()) return InvalidArgument("the file must hold one JSON object");
  TLDMON_RETURN_IF_ERROR(
      OnlyKeys(doc, "(top)", {"version", "submittedBy", "attestation", "entities"}));
  if (!doc.contains("version") || doc["version"] != 1) return Bad("version", "must be 1");
  TlsAccessImport out;
  for (const char* key : {"submittedBy", "attestation"}) {
    if (!doc.contains(key) || !doc[key].is_string() ||
        doc[key].get<std::string>().find_first_not_of(" \t") == std::string::npos)
      return Bad(key, std::string("required: ") +
                          (std::string(key) == "attestation"
                               ? "a statement that each registry operator authorized this upload"
                               : "who submits this upload"));
  }
  out.submitted_by = doc["submittedBy"].get<std::string>();
  out.attestation = doc["attestation"].get<std::string>();
  if (!doc.contains("entities") || !doc["entities"].is_array())
    return Bad("entities", "must be an array");
  const ImportJson& entities = doc["entities"];
  for (std::size_t i = 0; i < entities.size(); ++i) {
    const std::string where = "entities[" + std::to_string(i) + "]";
    const ImportJson& e = entities[i];
    if (!e.is_object()) return Bad(where, "must be an object");
    TLDMON_RETURN_IF_ERROR(OnlyKeys(e, where, {"entity", "entries"}));
    if (!e.contains("entity") || !e["entity"].is_string())
      return Bad(where + ".entity", "must be a string");
    Result<EntityId> id = EntityId::Parse(e["entity"].get<std::string>());
    if (!id.ok()) return Bad(where + ".entity", id.status().message());
    if (out.entities.count(*id) != 0) return Bad(where + ".entity", id->Path() + " listed twice");
    if (!e.contains("entries") || !e["entries"].is_array())
      return Bad(where + ".entries", "must be an array");
    const ImportJson& entries = e["entries"];
    if (entries.size() > kMaxTlsEntriesPerEntity)
      return Bad(where + ".entries", "more than " + std::to_string(kMaxTlsEntriesPerEntity));
    std::vector<TlsAccessEntry> list;
    std::set<std::string> domains;
    for (std::size_t k = 0; k < entries.size(); ++k) {
      const std::string at = where + ".entries[" + std::to_string(k) + "]";
      auto entry = ReadEntry(entries[k], at);
      if (!entry.ok()) return entry.status();
      if (!domains.insert(entry->domain).second)
        return Bad(at + ".domain", entry->domain + " listed twice");
      list.push_back(std::move(entry).value());
    }
    out.entities[*id] = std::move(list);
  }
  return out;
}

}  // namespace tldmon::dane

#include "web/dashboard_operators.h"

#include <nlohmann/json.hpp>

#include "auth/access_records.h"
#include "auth/password_hash.h"

namespace tldmon::web {

std::string EncodeOperator(const OperatorAccount& account) {
  nlohmann::json entities = nlohmann::json::array();
  for (const EntityId& e : account.entities) entities.push_back(e.Path());
  return nlohmann::json{{"hash", account.password_hash}, {"entities", entities}}.dump();
}

Result<OperatorAccount> DecodeOperator(std::string_view username, std::string_view bytes) {
  const auto bad = [&](std::string_view why) {
    return InvalidArgument("operator account " + std::string(username) + ": " + std::string(why));
  };
  TLDMON_RETURN_IF_ERROR(auth::ValidateUsername(username));
  const nlohmann::json j = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("hash") || !j["hash"].is_string() ||
      !j.contains("entities") || !j["entities"].is_array())
    return bad("not a {\"hash\", \"entities\"} object");
  OperatorAccount out;
  out.username = std::string(username);
  out.password_hash = j["hash"].get<std::string>();
  if (!auth::LooksLikeArgon2idHash(out.password_hash)) return bad("the hash is not Argon2id");
  for (const nlohmann::json& e : j["entities"]) {
    if (!e.is_string()) return bad("an entity is not a string");
    auto id = EntityId::Parse(e.get<std::string>());
    if (!id.ok()) return bad(id.status().message());
    out.entities.push_back(*id);
  }
  return out;
}

Result<std::vector<OperatorAccount>> LoadOperators(const store::Store& store) {
  auto records = store.ListRecords(kOperatorKind);
  if (!records.ok()) return records.status();
  std::vector<OperatorAccount> out;
  for (const store::KeyedRecord& r : *records) {
    auto account = DecodeOperator(r.key, r.bytes);
    if (!account.ok()) return Internal("damaged store: " + account.status().message());
    out.push_back(std::move(account).value());
  }
  return out;
}

Status PutOperator(store::Store& store, const OperatorAccount& account) {
  const std::string bytes = EncodeOperator(account);
  TLDMON_RETURN_IF_ERROR(DecodeOperator(account.username, bytes).status());
  return store.PutRecord(kOperatorKind, account.username, bytes);
}

Status RemoveOperator(store::Store& store, std::string_view username) {
  auto existing = store.GetRecord(kOperatorKind, username);
  if (!existing.ok()) return existing.status();
  if (!*existing) return NotFound("no operator account " + std::string(username));
  return store.DeleteRecord(kOperatorKind, username);
}

}  // namespace tldmon::web

#include "auth/access_records_codec.h"

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "auth/password_hash.h"

namespace tldmon::auth {
namespace {

// ordered_json: members are written in the documented order.
using Json = nlohmann::ordered_json;

constexpr std::int64_t kFormatVersion = 1;

// Visible ASCII only: such a string survives JSON unchanged (no UTF-8 or
// escaping questions) and is what libsodium's hash strings consist of.
bool IsVisibleAscii(std::string_view s) {
  for (char c : s) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

Result<std::string> Dump(const Json& j) {
  // Every string was checked to be ASCII or a fixed role name, so `replace`
  // never applies; it only keeps dump() from ever throwing.
  std::string out = j.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (out.size() > kMaxAccessRecordBytes) {
    return InvalidArgument("encoded record is " + std::to_string(out.size()) +
                           " bytes, more than the limit of " +
                           std::to_string(kMaxAccessRecordBytes));
  }
  return out;
}

Status FieldError(std::string_view field, std::string_view what) {
  return InvalidArgument("stored access record: \"" + std::string(field) + "\" " +
                         std::string(what));
}

// Parses `bytes` as one JSON object with exactly the members `fields` plus
// "version", which must be kFormatVersion.
Result<Json> ParseObject(std::string_view bytes, std::initializer_list<std::string_view> fields) {
  if (bytes.size() > kMaxAccessRecordBytes) {
    return InvalidArgument("stored access record is " + std::to_string(bytes.size()) +
                           " bytes, more than the limit of " +
                           std::to_string(kMaxAccessRecordBytes));
  }
  Json j = Json::parse(bytes.begin(), bytes.end(), /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("stored access record is not valid JSON");
  if (!j.is_object()) return InvalidArgument("stored access record is not a JSON object");
  for (const auto& [key, value] : j.items()) {
    bool known = key == "version";
    for (std::string_view f : fields) known = known || key == f;
    if (!known) return FieldError(key.substr(0, 64), "is not a known field");
  }
  for (std::string_view f : fields) {
    if (!j.contains(f)) return FieldError(f, "is missing");
  }
  const auto version = j.find("version");
  if (version == j.end()) return FieldError("version", "is missing");
  if (!version->is_number_integer() || version->get<std::int64_t>() != kFormatVersion) {
    return FieldError("version", "must be " + std::to_string(kFormatVersion));
  }
  return j;
}

Result<std::string> StringField(const Json& object, std::string_view field) {
  const Json& v = object.at(field);
  if (!v.is_string()) return FieldError(field, "must be a string");
  return v.get<std::string>();
}

Result<std::vector<std::string>> StringArrayField(const Json& object, std::string_view field) {
  const Json& v = object.at(field);
  if (!v.is_array()) return FieldError(field, "must be an array of strings");
  std::vector<std::string> out;
  out.reserve(v.size());
  for (const Json& e : v) {
    if (!e.is_string()) return FieldError(field, "must be an array of strings");
    out.push_back(e.get<std::string>());
  }
  return out;
}

Result<EntityId> EntityField(const Json& object) {
  Result<std::string> path = StringField(object, "entity");
  if (!path.ok()) return path.status();
  Result<EntityId> id = EntityId::Parse(*path);
  if (!id.ok()) return FieldError("entity", "is invalid: " + id.status().message());
  return id;
}

Status CheckEntity(const EntityId& entity) {
  Status s = EntityId::ValidateId(entity.kind, entity.id);
  if (!s.ok()) return InvalidArgument("entity " + entity.Path() + ": " + s.message());
  return Status::Ok();
}

}  // namespace

Result<std::string> EncodeEntityAccessRecord(const EntityAccessRecord& record) {
  TLDMON_RETURN_IF_ERROR(CheckEntity(record.entity));
  Json allow = Json::array();
  for (const IpPrefix& p : record.allow_list) {
    // Only what parses back to the same prefix is stored (losslessness).
    std::string text = p.ToString();
    Result<IpPrefix> back = IpPrefix::Parse(text);
    if (!back.ok() || !(*back == p)) {
      return InvalidArgument("access record of " + record.entity.Path() + ": prefix " + text +
                             " does not read back as itself");
    }
    allow.push_back(std::move(text));
  }
  const std::vector<std::string> names = record.roles.Names();
  Result<RoleSet> roles_back = RoleSet::FromNames(names);
  if (!roles_back.ok() || !(*roles_back == record.roles)) {
    return InvalidArgument("access record of " + record.entity.Path() + ": unknown role");
  }
  Json j = Json::object();
  j["version"] = kFormatVersion;
  j["entity"] = record.entity.Path();
  j["allowList"] = std::move(allow);
  j["roles"] = names;
  return Dump(j);
}

Result<EntityAccessRecord> DecodeEntityAccessRecord(std::string_view bytes) {
  Result<Json> j = ParseObject(bytes, {"entity", "allowList", "roles"});
  if (!j.ok()) return j.status();
  EntityAccessRecord record;
  Result<EntityId> entity = EntityField(*j);
  if (!entity.ok()) return entity.status();
  record.entity = std::move(entity).value();
  Result<std::vector<std::string>> allow = StringArrayField(*j, "allowList");
  if (!allow.ok()) return allow.status();
  Result<std::vector<IpPrefix>> prefixes = ParseAllowList(*allow);
  if (!prefixes.ok()) return FieldError("allowList", prefixes.status().message());
  record.allow_list = std::move(prefixes).value();
  Result<std::vector<std::string>> names = StringArrayField(*j, "roles");
  if (!names.ok()) return names.status();
  Result<RoleSet> roles = RoleSet::FromNames(*names);
  if (!roles.ok()) return FieldError("roles", roles.status().message());
  record.roles = *roles;
  return record;
}

Result<std::string> EncodeAccountRecord(const AccountRecord& record) {
  TLDMON_RETURN_IF_ERROR(ValidateUsername(record.username));
  TLDMON_RETURN_IF_ERROR(CheckEntity(record.entity));
  if (!LooksLikeArgon2idHash(record.password_hash) || !IsVisibleAscii(record.password_hash)) {
    return InvalidArgument("account " + record.username + ": password hash is not argon2id");
  }
  Json j = Json::object();
  j["version"] = kFormatVersion;
  j["username"] = record.username;
  j["entity"] = record.entity.Path();
  j["passwordHash"] = record.password_hash;
  return Dump(j);
}

Result<AccountRecord> DecodeAccountRecord(std::string_view bytes) {
  Result<Json> j = ParseObject(bytes, {"username", "entity", "passwordHash"});
  if (!j.ok()) return j.status();
  AccountRecord record;
  Result<std::string> username = StringField(*j, "username");
  if (!username.ok()) return username.status();
  Status valid = ValidateUsername(*username);
  if (!valid.ok()) return FieldError("username", valid.message());
  record.username = std::move(username).value();
  Result<EntityId> entity = EntityField(*j);
  if (!entity.ok()) return entity.status();
  record.entity = std::move(entity).value();
  Result<std::string> hash = StringField(*j, "passwordHash");
  if (!hash.ok()) return hash.status();
  if (!LooksLikeArgon2idHash(*hash) || !IsVisibleAscii(*hash)) {
    return FieldError("passwordHash", "is not an argon2id hash string");
  }
  record.password_hash = std::move(hash).value();
  return record;
}

}  // namespace tldmon::auth

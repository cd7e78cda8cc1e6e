#include "admin/json_fields.h"

#include <limits>

#include "admin/bounded_json.h"

namespace tldmon::admin {
namespace {

constexpr std::size_t kMaxKeyInPath = 64;
constexpr std::size_t kMaxQuoted = 80;

}  // namespace

std::string MemberPath(std::string_view parent, std::string_view key) {
  std::string out(parent);
  out += '.';
  if (key.size() > kMaxKeyInPath) {
    out += key.substr(0, kMaxKeyInPath);
    out += "...";
  } else {
    out += key;
  }
  return out;
}

std::string ElementPath(std::string_view parent, std::size_t index) {
  std::string out(parent);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

std::string Quote(std::string_view value) {
  std::string out = "\"";
  if (value.size() <= kMaxQuoted) {
    out += value;
  } else {
    std::size_t cut = kMaxQuoted;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    out += value.substr(0, cut);
    out += "...";
  }
  out += '"';
  return out;
}

Status FieldError(std::string_view path, std::string_view what) {
  std::string message(path);
  message += ": ";
  message += what;
  return InvalidArgument(std::move(message));
}

Status ExpectObject(const Json& value, std::string_view path) {
  if (value.is_object()) return Status::Ok();
  return FieldError(path, "expected an object, got " + std::string(JsonTypeName(value)));
}

Status ExpectArray(const Json& value, std::string_view path) {
  if (value.is_array()) return Status::Ok();
  return FieldError(path, "expected an array, got " + std::string(JsonTypeName(value)));
}

Status ExpectOnlyMembers(const Json& object, std::string_view path,
                         std::initializer_list<std::string_view> allowed) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    bool known = false;
    for (std::string_view a : allowed) known = known || key == a;
    if (!known) return FieldError(MemberPath(path, key), "unknown field");
  }
  return Status::Ok();
}

Result<const Json*> RequiredMember(const Json& object, std::string_view path,
                                   std::string_view key) {
  const auto it = object.find(key);
  if (it == object.end()) return FieldError(MemberPath(path, key), "missing");
  return &*it;
}

Result<std::int64_t> ReadInteger(const Json& value, std::string_view path) {
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return FieldError(path, "integer out of range");
    }
    return static_cast<std::int64_t>(u);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return FieldError(path, "expected an integer, got " + std::string(JsonTypeName(value)));
}

Result<std::string> ReadString(const Json& value, std::string_view path) {
  if (value.is_string()) return value.get<std::string>();
  return FieldError(path, "expected a string, got " + std::string(JsonTypeName(value)));
}

}  // namespace tldmon::admin

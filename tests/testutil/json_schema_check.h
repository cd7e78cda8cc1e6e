// Test support: a checker for the subset of JSON Schema 2020-12 that
// docs/openapi.json uses, so the unit tests can hold real documents against
// the published schemas. Not a general validator: Lint() rejects every
// keyword it does not enforce, so a schema can never rely on a rule that
// silently goes unchecked. `format` is asserted (date, date-time, ipv4, ipv6,
// uri), not merely annotated.
//
// Header-only, for tests. A checker holds a reference to the document its
// "$ref"s point into ("#/components/schemas/X"); it must outlive the checker.
// Const methods are thread-safe.
#pragma once

#include <arpa/inet.h>

#include <cstddef>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tldmon::testutil {

class JsonSchemaCheck {
 public:
  using Json = nlohmann::json;

  explicit JsonSchemaCheck(const Json& document) : document_(document) {}

  // Problems of `instance` against `schema`, each "<instance pointer>: <why>";
  // empty when it conforms.
  std::vector<std::string> Check(const Json& schema, const Json& instance) const {
    std::vector<std::string> errors;
    CheckAt(schema, instance, "", errors, 0);
    return errors;
  }

  // Keywords in `schema` (and every subschema) this checker does not know,
  // and "$ref"s that do not resolve, each "<schema pointer>: <why>".
  std::vector<std::string> Lint(const Json& schema, const std::string& at = "") const {
    std::vector<std::string> problems;
    LintAt(schema, at, problems, 0);
    return problems;
  }

  // The target of a local reference ("#/components/schemas/X"), or nullptr.
  const Json* Resolve(std::string_view ref) const {
    if (ref.substr(0, 1) != "#") return nullptr;
    try {
      const Json::json_pointer pointer{std::string(ref.substr(1))};
      if (!document_.contains(pointer)) return nullptr;
      return &document_.at(pointer);
    } catch (const Json::exception&) {
      return nullptr;
    }
  }

 private:
  static constexpr int kMaxDepth = 64;  // a "$ref" cycle must not recurse forever

  static const std::set<std::string>& Annotations() {
    static const std::set<std::string> kAnnotations = {
        "description", "title",    "summary",    "example",  "examples",
        "default",     "$comment", "deprecated", "readOnly", "writeOnly"};
    return kAnnotations;
  }

  static const std::set<std::string>& Enforced() {
    static const std::set<std::string> kEnforced = {"$ref",
                                                    "type",
                                                    "enum",
                                                    "const",
                                                    "properties",
                                                    "required",
                                                    "additionalProperties",
                                                    "items",
                                                    "prefixItems",
                                                    "minItems",
                                                    "maxItems",
                                                    "oneOf",
                                                    "anyOf",
                                                    "allOf",
                                                    "not",
                                                    "pattern",
                                                    "minimum",
                                                    "maximum",
                                                    "minLength",
                                                    "maxLength",
                                                    "format"};
    return kEnforced;
  }

  static bool IsInteger(const Json& v) {
    if (v.is_number_integer()) return true;
    if (!v.is_number_float()) return false;
    const double d = v.get<double>();
    return d == static_cast<double>(static_cast<long long>(d));
  }

  static bool HasType(const Json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    if (type == "number") return v.is_number();
    if (type == "integer") return IsInteger(v);
    return false;
  }

  static std::size_t CodePoints(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }

  static bool Matches(const std::string& pattern, const std::string& s) {
    return std::regex_search(s, std::regex(pattern, std::regex::ECMAScript));
  }

  static bool IsValidDate(const std::string& s) {
    static const std::regex kDate("^([0-9]{4})-([0-9]{2})-([0-9]{2})$");
    std::smatch m;
    if (!std::regex_match(s, m, kDate)) return false;
    const int y = std::stoi(m[1]), mo = std::stoi(m[2]), d = std::stoi(m[3]);
    if (mo < 1 || mo > 12 || d < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[mo - 1] + (mo == 2 && leap ? 1 : 0);
  }

  static bool FormatHolds(const std::string& format, const std::string& s) {
    if (format == "date") return IsValidDate(s);
    if (format == "date-time") {  // RFC 3339 §5.6
      static const std::regex kTime(
          "^T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?"
          "(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$",
          std::regex::icase);
      return s.size() > 10 && IsValidDate(s.substr(0, 10)) && std::regex_match(s.substr(10), kTime);
    }
    if (format == "ipv4" || format == "ipv6") {
      unsigned char buf[16];
      return inet_pton(format == "ipv4" ? AF_INET : AF_INET6, s.c_str(), buf) == 1;
    }
    if (format == "uri") return Matches("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$", s);
    return false;
  }

  void CheckAt(const Json& schema, const Json& v, const std::string& at,
               std::vector<std::string>& errors, int depth) const {
    auto fail = [&](const std::string& why) { errors.push_back(at + ": " + why); };
    if (depth > kMaxDepth) return fail("schema nesting too deep");
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) fail("no value is allowed here");
      return;
    }
    if (!schema.is_object()) return fail("schema is not an object");
    for (const auto& [key, value] : schema.items()) {
      if (!Enforced().count(key) && !Annotations().count(key))
        fail("unsupported schema keyword " + key);
    }
    if (schema.contains("$ref")) {
      const Json* target = Resolve(schema["$ref"].get<std::string>());
      if (target == nullptr) return fail("unresolved $ref " + schema["$ref"].dump());
      CheckAt(*target, v, at, errors, depth + 1);
    }
    if (schema.contains("type")) {
      const Json& t = schema["type"];
      bool ok = false;
      if (t.is_string()) ok = HasType(v, t.get<std::string>());
      for (const Json& one : t.is_array() ? t : Json::array()) ok = ok || HasType(v, one);
      if (!ok) return fail("expected type " + t.dump() + ", got " + v.dump());
    }
    if (schema.contains("const") && v != schema["const"])
      fail("expected " + schema["const"].dump() + ", got " + v.dump());
    if (schema.contains("enum")) {
      bool found = false;
      for (const Json& e : schema["enum"]) found = found || e == v;
      if (!found) fail(v.dump() + " is not one of " + schema["enum"].dump());
    }
    for (const char* combinator : {"oneOf", "anyOf", "allOf"}) {
      if (!schema.contains(combinator)) continue;
      int passing = 0;
      std::vector<std::string> sub_errors;
      for (const Json& sub : schema[combinator]) {
        std::vector<std::string> e;
        CheckAt(sub, v, at, e, depth + 1);
        passing += e.empty();
        sub_errors.insert(sub_errors.end(), e.begin(), e.end());
      }
      const int total = static_cast<int>(schema[combinator].size());
      const std::string name = combinator;
      const std::string first = sub_errors.empty() ? "" : "; first problem: " + sub_errors[0];
      if (name == "oneOf" && passing != 1)
        fail("matches " + std::to_string(passing) + " of oneOf (need exactly 1)" + first);
      if (name == "anyOf" && passing == 0) fail("matches none of anyOf" + first);
      if (name == "allOf" && passing != total) fail("fails allOf" + first);
    }
    if (schema.contains("not")) {
      std::vector<std::string> e;
      CheckAt(schema["not"], v, at, e, depth + 1);
      if (e.empty()) fail("matches the schema under \"not\"");
    }
    if (v.is_string()) CheckString(schema, v.get<std::string>(), fail);
    if (v.is_number()) {
      if (schema.contains("minimum") && v.get<double>() < schema["minimum"].get<double>())
        fail("below minimum " + schema["minimum"].dump());
      if (schema.contains("maximum") && v.get<double>() > schema["maximum"].get<double>())
        fail("above maximum " + schema["maximum"].dump());
    }
    if (v.is_object()) CheckObject(schema, v, at, errors, depth);
    if (v.is_array()) CheckArray(schema, v, at, errors, depth);
  }

  template <typename Fail>
  static void CheckString(const Json& schema, const std::string& s, Fail& fail) {
    if (schema.contains("pattern") && !Matches(schema["pattern"].get<std::string>(), s))
      fail("\"" + s + "\" does not match " + schema["pattern"].dump());
    if (schema.contains("minLength") && CodePoints(s) < schema["minLength"].get<std::size_t>())
      fail("shorter than minLength");
    if (schema.contains("maxLength") && CodePoints(s) > schema["maxLength"].get<std::size_t>())
      fail("longer than maxLength");
    if (schema.contains("format") && !FormatHolds(schema["format"].get<std::string>(), s))
      fail("\"" + s + "\" is not a valid " + schema["format"].get<std::string>());
  }

  void CheckObject(const Json& schema, const Json& v, const std::string& at,
                   std::vector<std::string>& errors, int depth) const {
    for (const Json& name : schema.value("required", Json::array())) {
      if (!v.contains(name.get<std::string>()))
        errors.push_back(at + ": missing required member " + name.get<std::string>());
    }
    const Json properties = schema.value("properties", Json::object());
    for (const auto& [key, value] : v.items()) {
      const std::string member_at = at + "/" + key;
      if (properties.contains(key)) {
        CheckAt(properties[key], value, member_at, errors, depth + 1);
      } else if (schema.contains("additionalProperties")) {
        CheckAt(schema["additionalProperties"], value, member_at, errors, depth + 1);
      }
    }
  }

  void CheckArray(const Json& schema, const Json& v, const std::string& at,
                  std::vector<std::string>& errors, int depth) const {
    if (schema.contains("minItems") && v.size() < schema["minItems"].get<std::size_t>())
      errors.push_back(at + ": fewer than minItems");
    if (schema.contains("maxItems") && v.size() > schema["maxItems"].get<std::size_t>())
      errors.push_back(at + ": more than maxItems");
    std::size_t first_item = 0;
    if (schema.contains("prefixItems")) {
      const Json& prefix = schema["prefixItems"];
      for (; first_item < prefix.size() && first_item < v.size(); ++first_item) {
        CheckAt(prefix[first_item], v[first_item], at + "/" + std::to_string(first_item), errors,
                depth + 1);
      }
    }
    if (!schema.contains("items")) return;
    for (std::size_t i = first_item; i < v.size(); ++i)
      CheckAt(schema["items"], v[i], at + "/" + std::to_string(i), errors, depth + 1);
  }

  void LintAt(const Json& schema, const std::string& at, std::vector<std::string>& problems,
              int depth) const {
    if (depth > kMaxDepth) return problems.push_back(at + ": schema nesting too deep");
    if (schema.is_boolean()) return;
    if (!schema.is_object()) return problems.push_back(at + ": schema is not an object");
    for (const auto& [key, value] : schema.items()) {
      const std::string key_at = at + "/" + key;
      if (Annotations().count(key)) continue;
      if (!Enforced().count(key)) {
        problems.push_back(key_at + ": unsupported schema keyword");
      } else if (key == "$ref") {
        if (!value.is_string() || Resolve(value.get<std::string>()) == nullptr)
          problems.push_back(key_at + ": unresolved " + value.dump());
      } else if (key == "properties") {
        for (const auto& [name, sub] : value.items())
          LintAt(sub, key_at + "/" + name, problems, depth + 1);
      } else if (key == "oneOf" || key == "anyOf" || key == "allOf" || key == "prefixItems") {
        for (std::size_t i = 0; i < value.size(); ++i)
          LintAt(value[i], key_at + "/" + std::to_string(i), problems, depth + 1);
      } else if (key == "items" || key == "not" || key == "additionalProperties") {
        LintAt(value, key_at, problems, depth + 1);
      } else if (key == "format") {
        const std::string f = value.get<std::string>();
        if (f != "date" && f != "date-time" && f != "ipv4" && f != "ipv6" && f != "uri")
          problems.push_back(key_at + ": format " + f + " is not checked");
      } else if (key == "pattern") {
        try {
          std::regex(value.get<std::string>(), std::regex::ECMAScript);
        } catch (const std::regex_error&) {
          problems.push_back(key_at + ": pattern does not compile");
        }
      }
    }
  }

  const Json& document_;
};

}  // namespace tldmon::testutil

// TomlSection: the keys of one TOML section read each at most once, with
// type and range checks, and Finish() naming any key nobody asked for: a
// typo in a configuration file must not silently leave a default in force.
// Shared by every command's configuration file (serve_config, probe_config).
#pragma once

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tldmon::app {

class TomlSection {
 public:
  TomlSection(const toml::table* table, std::string name, const std::string& path)
      : table_(table), name_(std::move(name)), path_(path) {}

  Status Int(std::string_view key, std::int64_t min, std::int64_t max,
             const std::function<void(std::int64_t)>& set) {
    const toml::node* n = Take(key);
    if (n == nullptr) return Status::Ok();
    const auto v = n->value_exact<std::int64_t>();
    if (!v) return Bad(key, "must be an integer");
    if (*v < min || *v > max)
      return Bad(key, fmt::format("must be in {}..{}, got {}", min, max, *v));
    set(*v);
    return Status::Ok();
  }

  Status Bool(std::string_view key, bool* out) {
    const toml::node* n = Take(key);
    if (n == nullptr) return Status::Ok();
    const auto v = n->value_exact<bool>();
    if (!v) return Bad(key, "must be true or false");
    *out = *v;
    return Status::Ok();
  }

  Status String(std::string_view key, std::string* out) {
    const toml::node* n = Take(key);
    if (n == nullptr) return Status::Ok();
    const auto v = n->value_exact<std::string>();
    if (!v) return Bad(key, "must be a string");
    *out = *v;
    return Status::Ok();
  }

  // An array of integers, each in min..max.
  Status Ints(std::string_view key, std::int64_t min, std::int64_t max,
              std::optional<std::vector<std::int64_t>>* out) {
    const toml::node* n = Take(key);
    if (n == nullptr) return Status::Ok();
    const toml::array* arr = n->as_array();
    if (arr == nullptr) return Bad(key, "must be an array of integers");
    std::vector<std::int64_t> values;
    for (const toml::node& e : *arr) {
      const auto v = e.value_exact<std::int64_t>();
      if (!v) return Bad(key, "must be an array of integers");
      if (*v < min || *v > max)
        return Bad(key, fmt::format("values must be in {}..{}, got {}", min, max, *v));
      values.push_back(*v);
    }
    *out = std::move(values);
    return Status::Ok();
  }

  Status Strings(std::string_view key, std::optional<std::vector<std::string>>* out) {
    const toml::node* n = Take(key);
    if (n == nullptr) return Status::Ok();
    const toml::array* arr = n->as_array();
    if (arr == nullptr) return Bad(key, "must be an array of strings");
    std::vector<std::string> values;
    for (const toml::node& e : *arr) {
      const auto v = e.value_exact<std::string>();
      if (!v) return Bad(key, "must be an array of strings");
      values.push_back(*v);
    }
    *out = std::move(values);
    return Status::Ok();
  }

  // An array of tables ([[section.key]] in the file).
  Status Tables(std::string_view key, std::vector<const toml::table*>* out) {
    const toml::node* n = Take(key);
    if (n == nullptr) return Status::Ok();
    const toml::array* arr = n->as_array();
    if (arr == nullptr) return Bad(key, "must be written as [[" + name_ + "." + std::string(key) + "]] tables");
    for (const toml::node& e : *arr) {
      const toml::table* t = e.as_table();
      if (t == nullptr) return Bad(key, "must be written as [[" + name_ + "." + std::string(key) + "]] tables");
      out->push_back(t);
    }
    return Status::Ok();
  }

  Status Finish() const {
    if (table_ == nullptr) return Status::Ok();
    for (const auto& [k, v] : *table_)
      if (taken_.count(std::string(k.str())) == 0)
        return InvalidArgument(fmt::format("{}: unknown key '{}' in [{}]", path_, k.str(), name_));
    return Status::Ok();
  }

  Status Bad(std::string_view key, std::string_view what) const {
    return InvalidArgument(fmt::format("{}: [{}] {} {}", path_, name_, key, what));
  }

 private:
  const toml::node* Take(std::string_view key) {
    taken_.insert(std::string(key));
    return table_ == nullptr ? nullptr : table_->get(key);
  }

  const toml::table* table_;
  std::string name_;
  const std::string& path_;
  std::set<std::string> taken_;
};

// Parses a whole configuration file whose top level may hold only the
// sections `sections`: a syntax error is "<path>:<line>:<column>: ...", an
// unknown top-level name is named with the list of the allowed ones.
inline Result<toml::table> ParseTomlSections(std::string_view text, const std::string& path,
                                             const std::vector<std::string>& sections) {
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return InvalidArgument(
        fmt::format("{}:{}:{}: {}", path, where.line, where.column, e.description()));
  }
  for (const auto& [k, v] : root) {
    const std::string key(k.str());
    if (std::find(sections.begin(), sections.end(), key) == sections.end()) {
      std::string list;
      for (const std::string& name : sections) list += (list.empty() ? "" : ", ") + name;
      return InvalidArgument(
          fmt::format("{}: unknown section or key '{}' (sections: {})", path, key, list));
    }
  }
  return root;
}

// The [name] sub-table of `root`; nullptr when absent, and *error set when
// `name` is there but not a table.
inline const toml::table* SubTable(const toml::table& root, std::string_view name, Status* error,
                            const std::string& path) {
  const toml::node* n = root.get(name);
  if (n == nullptr) return nullptr;
  const toml::table* t = n->as_table();
  if (t == nullptr)
    *error = InvalidArgument(fmt::format("{}: '{}' must be a [{}] section", path, name, name));
  return t;
}

}  // namespace tldmon::app

// Test-only helpers for the golden MoSAPI documents in tests/conformance/
// (DESIGN.md house rule 10). Included by *_test.cc files only.
//
// ExpectGolden(name, body) compares `body` byte for byte with
// tests/conformance/<name>.json (a one-line compact document followed by one
// '\n', which is not part of the body). With TLDMON_UPDATE_GOLDENS=1 in the
// environment it rewrites the file instead — review every change by eye
// against mosapi-api.md before committing. The directory can be overridden
// with TLDMON_GOLDEN_DIR.
//
// ExpectMosapiTypes(body) parses the body with nlohmann/json and checks every
// member against the JSON type table of mosapi-api.md §5 (refined by the
// §6.10 table: targetIP/testedName/nsid may be null); unknown member names
// fail, like SLAM's writer dies on them.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace tldmon::documents::testing {

inline std::filesystem::path GoldenDir() {
  if (const char* dir = std::getenv("TLDMON_GOLDEN_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  // Set by the build (not derived from __FILE__, which ccache's base_dir
  // makes relative to the build directory).
  return TLDMON_CONFORMANCE_DIR;
}

// Compares `body` with the golden file at `path` (one document followed by
// one '\n'); TLDMON_UPDATE_GOLDENS=1 rewrites the file instead.
inline void ExpectGoldenFile(const std::filesystem::path& path, const std::string& body) {
  const char* update = std::getenv("TLDMON_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    out << body << '\n';
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden " << path
                         << " (run with TLDMON_UPDATE_GOLDENS=1, then review it)";
  std::stringstream ss;
  ss << in.rdbuf();
  std::string want = ss.str();
  ASSERT_FALSE(want.empty()) << path;
  ASSERT_EQ(want.back(), '\n') << path << " must end with one newline";
  want.pop_back();
  EXPECT_EQ(body, want) << "golden " << path << " differs";
}

inline void ExpectGolden(const std::string& name, const std::string& body) {
  ExpectGoldenFile(GoldenDir() / (name + ".json"), body);
}

enum class JsonKind { kNumber, kInteger, kString, kStringOrNull, kBool, kIntOrNull, kContainer };

inline const std::map<std::string, JsonKind>& MosapiFieldTypes() {
  static const auto* kTypes = new std::map<std::string, JsonKind>{
      // mosapi-api.md §5 table
      {"cycleCalculationDateTime", JsonKind::kInteger},
      {"emergencyThreshold", JsonKind::kNumber},
      {"downtime", JsonKind::kInteger},
      {"lastUpdateApiDatabase", JsonKind::kInteger},
      {"minNameServersUp", JsonKind::kInteger},
      {"testDateTime", JsonKind::kInteger},
      {"registrarID", JsonKind::kInteger},
      {"version", JsonKind::kInteger},
      {"alarmed", JsonKind::kString},
      {"city", JsonKind::kString},
      {"incidentID", JsonKind::kString},
      {"interface", JsonKind::kString},
      {"nsid", JsonKind::kStringOrNull},        // §6.10: string or null
      {"result", JsonKind::kString},
      {"service", JsonKind::kString},
      {"state", JsonKind::kString},
      {"status", JsonKind::kString},
      {"target", JsonKind::kStringOrNull},      // null only in v1 RDDS (checked separately)
      {"targetIP", JsonKind::kStringOrNull},    // §6.10: string or null
      {"testedName", JsonKind::kStringOrNull},  // §6.10: string or null
      {"tld", JsonKind::kString},
      {"transport", JsonKind::kString},
      {"falsePositive", JsonKind::kBool},
      {"endTime", JsonKind::kIntOrNull},
      {"rtt", JsonKind::kIntOrNull},
      {"startTime", JsonKind::kIntOrNull},
      {"updateTime", JsonKind::kIntOrNull},
      // containers
      {"testedServices", JsonKind::kContainer},
      {"DNS", JsonKind::kContainer},
      {"DNSSEC", JsonKind::kContainer},
      {"EPP", JsonKind::kContainer},
      {"RDAP", JsonKind::kContainer},
      {"RDDS", JsonKind::kContainer},
      {"incidents", JsonKind::kContainer},
      {"nameServerAvailability", JsonKind::kContainer},
      {"nameServerStatus", JsonKind::kContainer},
      {"probes", JsonKind::kContainer},
      {"testData", JsonKind::kContainer},
      {"metrics", JsonKind::kContainer},
      {"testedInterface", JsonKind::kContainer},
      {"years", JsonKind::kContainer},
      {"months", JsonKind::kContainer},
      {"days", JsonKind::kContainer},
      {"measurements", JsonKind::kContainer},
  };
  return *kTypes;
}

inline void CheckTypes(const nlohmann::json& j, const std::string& where) {
  if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) CheckTypes(j[i], where + "[" + std::to_string(i) + "]");
    return;
  }
  if (!j.is_object()) return;
  for (const auto& [key, value] : j.items()) {
    const std::string at = where + "." + key;
    const auto it = MosapiFieldTypes().find(key);
    if (it == MosapiFieldTypes().end()) {
      ADD_FAILURE() << "unknown field " << at;
      continue;
    }
    switch (it->second) {
      case JsonKind::kNumber: EXPECT_TRUE(value.is_number()) << at; break;
      case JsonKind::kInteger: EXPECT_TRUE(value.is_number_integer()) << at; break;
      case JsonKind::kString: EXPECT_TRUE(value.is_string()) << at; break;
      case JsonKind::kStringOrNull: EXPECT_TRUE(value.is_string() || value.is_null()) << at; break;
      case JsonKind::kBool: EXPECT_TRUE(value.is_boolean()) << at; break;
      case JsonKind::kIntOrNull:
        EXPECT_TRUE(value.is_number_integer() || value.is_null()) << at;
        break;
      case JsonKind::kContainer:
        EXPECT_TRUE(value.is_object() || value.is_array()) << at;
        CheckTypes(value, at);
        break;
    }
  }
}

// Parses body (which must be valid JSON) and checks the §5 types.
inline nlohmann::json ExpectMosapiTypes(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << "not JSON: " << body;
  if (j.is_discarded()) return j;
  EXPECT_TRUE(j.is_object());
  EXPECT_TRUE(j.contains("version"));
  EXPECT_TRUE(j.contains("lastUpdateApiDatabase"));
  CheckTypes(j, "$");
  return j;
}

// Golden comparison plus type check.
inline nlohmann::json ExpectGoldenDocument(const std::string& name, const std::string& body) {
  ExpectGolden(name, body);
  return ExpectMosapiTypes(body);
}

}  // namespace tldmon::documents::testing

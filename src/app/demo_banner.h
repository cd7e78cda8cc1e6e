// What `tldmon demo` prints once the API is up (docs/operations.md "tldmon
// demo"): where it is served, each demo entity's base URL, user and story,
// the shared password, and curl commands for login, state and logout with a
// cookie jar that work as printed (copy, paste, run).
//
// Pure and thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "app/api_runtime.h"
#include "core/entity_id.h"

namespace tldmon::app {

struct DemoEntityInfo {
  EntityId id;
  std::string story;  // "healthy", "active DNS incident", ...
};

struct DemoBannerInput {
  std::vector<ServedEndpoint> endpoints;  // at least one
  std::string certificate_file;           // absolute; empty without HTTPS
  bool self_signed = false;
  std::string cookie_jar;                // absolute path for curl -b/-c
  std::vector<DemoEntityInfo> entities;  // at least one; the first one gets the curl example
  // The simulated demo's hint at ry/broken (false: `demo --live`, which has no such entity).
  bool simulated_entities = true;
  // TLS client certificate of the first entity (DANE/TLSA, demo_dane.h): its
  // files, or why it is not shown. All empty: not offered.
  std::string client_certificate, client_key, dane_note;
  // Whether /ui/ is served (docs/dashboard.md).
  bool dashboard = false;
  // The admin API's token file (docs/admin-api.md); empty: not offered.
  std::string admin_token_file;
};

std::string DemoBanner(const DemoBannerInput& in);

// The curl command lines of the banner for `entity` on `endpoint` (login,
// state, logout), one string each, as printed.
std::vector<std::string> DemoCurlCommands(const ServedEndpoint& endpoint,
                                          const std::string& certificate_file,
                                          const std::string& cookie_jar, const EntityId& entity);

}  // namespace tldmon::app

#include "admin/rdap_base_urls.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "admin/https_url.h"

namespace tldmon::admin {

Status ValidateRdapBaseUrlList(const RdapBaseUrlList& list) {
  std::uint32_t previous = 0;
  for (const RegistrarRdapBaseUrls& r : list.registrars) {
    const std::string who = "IANA ID " + std::to_string(r.iana_id);
    if (r.iana_id == 0) return InvalidArgument("IANA ID 0 is not a registrar");
    if (r.iana_id <= previous) return InvalidArgument(who + " is out of order or repeated");
    previous = r.iana_id;
    if (r.urls.empty()) return InvalidArgument(who + " has no RDAP base URL");
    std::set<std::string_view> seen;
    for (const std::string& url : r.urls) {
      const Status s = ValidateHttpsUrl(url);
      if (!s.ok()) return InvalidArgument(who + ": " + s.message());
      if (!seen.insert(url).second) return InvalidArgument(who + ": URL listed twice: " + url);
    }
  }
  return Status::Ok();
}

std::string RenderRdapBaseUrlList(const RdapBaseUrlList& list) {
  using OrderedJson = nlohmann::ordered_json;
  // Group registrars by URL list. Registrars arrive in ascending id order, so
  // a group's position (its first member) is its smallest id.
  std::vector<std::pair<std::vector<std::string>, const std::vector<std::string>*>> groups;
  std::map<std::vector<std::string>, std::size_t> group_of;
  for (const RegistrarRdapBaseUrls& r : list.registrars) {
    const auto [it, inserted] = group_of.emplace(r.urls, groups.size());
    if (inserted) groups.emplace_back(std::vector<std::string>{}, &it->first);
    groups[it->second].first.push_back(std::to_string(r.iana_id));
  }
  OrderedJson services = OrderedJson::array();
  for (const auto& [ids, urls] : groups) {
    services.push_back(OrderedJson::array({OrderedJson(ids), OrderedJson(*urls)}));
  }
  OrderedJson out;
  out["publication"] = FormatIso8601(list.publication);
  out["description"] = kRdapBaseUrlListDescription;
  out["services"] = std::move(services);
  out["version"] = "1.0";
  return out.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace tldmon::admin

#include "admin/probe_node_list.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace tldmon::admin {

std::string RenderProbeNodeList(const std::vector<ProbeNode>& probes,
                                UnixSeconds last_update_api_database) {
  using OrderedJson = nlohmann::ordered_json;
  std::vector<const ProbeNode*> sorted;
  sorted.reserve(probes.size());
  for (const ProbeNode& p : probes) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ProbeNode* a, const ProbeNode* b) { return a->name < b->name; });
  OrderedJson nodes = OrderedJson::array();
  for (const ProbeNode* p : sorted) {
    OrderedJson node;
    node["city"] = p->name;
    node["ipv4"] = p->ipv4 ? OrderedJson(p->ipv4_addresses) : OrderedJson::array();
    node["ipv6"] = p->ipv6 ? OrderedJson(p->ipv6_addresses) : OrderedJson::array();
    nodes.push_back(std::move(node));
  }
  OrderedJson out;
  out["version"] = 2;
  out["lastUpdateApiDatabase"] = last_update_api_database;
  out["probeNodes"] = std::move(nodes);
  return out.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace tldmon::admin

#include "app/demo_admin_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "admin/admin_repository.h"

namespace tldmon::app {
namespace {

constexpr UnixSeconds kDay = 86400;

// A small, plausible report: a healthy TLD has no listed domains, the others
// a few under their own name (registrars: under example.com, which they
// sponsor in the demo's story).
admin::MetricaReport DemoReport(const EntityId& id, UnixSeconds day, int age) {
  admin::MetricaReport r;
  r.entity = id;
  r.domain_list_date = ToCivilDate(day);
  r.domain_list_generation_date = FormatIso8601(day + kDay + 3600);
  const std::string suffix = id.kind == EntityKind::kRegistry ? id.id : "example.com";
  const bool healthy = id.kind == EntityKind::kRegistry && id.id == "example";
  admin::ThreatData phishing{"phishing", 0, {}};
  admin::ThreatData malware{"malware", 0, {}};
  if (!healthy) {
    for (int i = 0; i <= age % 2; ++i)
      phishing.domains.push_back(fmt::format("login-{}-{}.{}", age, i, suffix));
    malware.domains.push_back(fmt::format("dl{}.{}", age, suffix));
  }
  phishing.count = static_cast<std::int64_t>(phishing.domains.size());
  malware.count = static_cast<std::int64_t>(malware.domains.size());
  r.unique_abuse_domains = phishing.count + malware.count;
  r.domain_list_data = {admin::ThreatData{"spam", 0, {}}, phishing,
                        admin::ThreatData{"botnetCc", admin::kThreatTypeDisabled, {}}, malware};
  return r;
}

}  // namespace

Result<bool> EnsureDemoAdminData(store::Store& store, std::span<const EntityConfig> entities,
                                 UnixSeconds now) {
  admin::AdminRepository repo(store);
  bool changed = false;
  const UnixSeconds today = now - FloorMod(now, kDay);
  for (const EntityConfig& e : entities) {
    auto latest = repo.LatestMetricaReport(e.id);
    if (!latest.ok()) return latest.status();
    if (latest->has_value()) continue;
    std::vector<admin::MetricaReport> reports;
    for (int age = kDemoMetricaDays; age >= 1; --age)
      reports.push_back(DemoReport(e.id, today - age * kDay, age));
    TLDMON_RETURN_IF_ERROR(repo.PutMetricaReports(e.id, reports));
    changed = true;
  }
  auto urls = repo.RdapBaseUrls();
  if (!urls.ok()) return urls.status();
  if (!urls->has_value()) {
    admin::RdapBaseUrlList list;
    list.publication = now;
    for (const EntityConfig& e : entities)
      if (e.id.kind == EntityKind::kRegistrar && !e.rdap_base_url.empty())
        list.registrars.push_back(
            {static_cast<std::uint32_t>(std::stoul(e.id.id)), {e.rdap_base_url}});
    // A list of one looks like a bug to a client author; two more entries
    // (documentation-only names, RFC 2606) show the grouping by URL.
    list.registrars.push_back({1, {"https://rdap.registrar1.test/"}});
    list.registrars.push_back({2, {"https://rdap.registrar1.test/"}});
    std::sort(list.registrars.begin(), list.registrars.end(),
              [](const auto& a, const auto& b) { return a.iana_id < b.iana_id; });
    TLDMON_RETURN_IF_ERROR(repo.PutRdapBaseUrlList(list));
    changed = true;
  }
  return changed;
}

}  // namespace tldmon::app

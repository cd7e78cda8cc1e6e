#include "auth/role.h"

#include <array>

#include "core/text.h"

namespace tldmon::auth {
namespace {

// Names exactly as ICANN's NSp lists them (mosapi-api.md §4.5).
constexpr std::array<std::string_view, kRoleCount> kNames = {
    "MoSAPI - TLD SLAM Data",
    "MoSAPI - TLD DAAR Data",
    "MoSAPI - Registrars Base RDAP URL List",
    "MoSAPI/RRI - TLD Maintenance Window",
    "MoSAPI/RRI - SLAM Probe Node List",
    "RRI - TLD Monthly Reporting",
    "RRI - TLD Data Escrow Daily Reporting",
};

}  // namespace

std::string_view RoleName(Role role) { return kNames[static_cast<std::size_t>(role)]; }

Result<Role> ParseRole(std::string_view name) {
  const std::string_view t = TrimBlanks(name);
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == t) return static_cast<Role>(i);
  }
  // Bounded echo: the name may come from an untrusted file.
  std::string known;
  for (std::string_view n : kNames) known += (known.empty() ? "\"" : ", \"") + std::string(n) + "\"";
  return InvalidArgument("unknown role '" + std::string(t.substr(0, 80)) + "'; the roles are " + known);
}

std::vector<Role> RoleSet::ToVector() const {
  std::vector<Role> out;
  for (int i = 0; i < kRoleCount; ++i) {
    const auto r = static_cast<Role>(i);
    if (Contains(r)) out.push_back(r);
  }
  return out;
}

std::vector<std::string> RoleSet::Names() const {
  std::vector<std::string> out;
  for (Role r : ToVector()) out.emplace_back(RoleName(r));
  return out;
}

Result<RoleSet> RoleSet::FromNames(const std::vector<std::string>& names) {
  RoleSet set;
  for (const std::string& n : names) {
    Result<Role> r = ParseRole(n);
    if (!r.ok()) return r.status();
    set.Add(*r);
  }
  return set;
}

RoleSet DefaultRoles(EntityKind kind) {
  if (kind == EntityKind::kRegistrar) return RoleSet{Role::kTldSlamData, Role::kTldDaarData};
  return RoleSet{Role::kTldSlamData, Role::kTldDaarData, Role::kRegistrarsBaseRdapUrlList,
                 Role::kTldMaintenanceWindow, Role::kSlamProbeNodeList};
}

}  // namespace tldmon::auth

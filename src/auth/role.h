// Role: an authorization role as ICANN's Naming Services portal names it
// (mosapi-api.md §4.5). Roles gate endpoint groups; the server maps each
// endpoint to the one Role it requires.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entity_id.h"
#include "core/status.h"

namespace tldmon::auth {

enum class Role : std::uint8_t {
  // "MoSAPI - TLD SLAM Data": monitoring state, alarmed, downtime, incidents,
  // measurements, recent measurements, network troubleshooting.
  kTldSlamData = 0,
  // "MoSAPI - TLD DAAR Data": DAAR / Domain METRICA endpoints.
  kTldDaarData = 1,
  // "MoSAPI - Registrars Base RDAP URL List": registrarRdapBaseUrl/list.
  kRegistrarsBaseRdapUrlList = 2,
  // "MoSAPI/RRI - TLD Maintenance Window": maintenance-window endpoints.
  kTldMaintenanceWindow = 3,
  // "MoSAPI/RRI - SLAM Probe Node List": probe-node IP list.
  kSlamProbeNodeList = 4,
  // RRI-only roles (§4.5): they gate the RRI endpoints (src/rri,
  // docs/rri.md) — the monthly reports, and the escrow deposit reports.
  kRriTldMonthlyReporting = 5,
  kRriTldDataEscrowDailyReporting = 6,
};

inline constexpr int kRoleCount = 7;

// The exact NSp name, e.g. "MoSAPI - TLD SLAM Data".
std::string_view RoleName(Role role);
// Inverse of RoleName. Exact match after trimming surrounding blanks (names
// are compared case-sensitively: they are identifiers, not prose).
Result<Role> ParseRole(std::string_view name);

// A small value set of roles. Thread-compatible (a plain value).
class RoleSet {
 public:
  constexpr RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) Add(r);
  }

  void Add(Role r) { bits_ |= Bit(r); }
  void Remove(Role r) { bits_ &= static_cast<std::uint32_t>(~Bit(r)); }
  bool Contains(Role r) const { return (bits_ & Bit(r)) != 0; }
  bool empty() const { return bits_ == 0; }
  // In enum order.
  std::vector<Role> ToVector() const;
  // Role names in enum order, for persistence and display.
  std::vector<std::string> Names() const;
  // Parses a list of role names; fails on the first unknown name.
  static Result<RoleSet> FromNames(const std::vector<std::string>& names);

  friend bool operator==(const RoleSet&, const RoleSet&) = default;

 private:
  static constexpr std::uint32_t Bit(Role r) { return 1U << static_cast<unsigned>(r); }
  std::uint32_t bits_ = 0;
};

// The roles a newly configured entity gets (mosapi-api.md §4.5 project
// default): a registry has every MoSAPI role; a registrar has SLAM data
// (its rdds/rdap services) and METRICA. RRI roles are never defaulted.
RoleSet DefaultRoles(EntityKind kind);

}  // namespace tldmon::auth

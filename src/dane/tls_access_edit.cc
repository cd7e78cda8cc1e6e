#include "dane/tls_access_edit.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/time.h"

namespace tldmon::dane {
namespace {

std::vector<TlsAccessEntry>::iterator FindDomain(std::vector<TlsAccessEntry>& entries,
                                                 std::string_view domain) {
  return std::find_if(entries.begin(), entries.end(),
                      [&](const TlsAccessEntry& e) { return e.domain == domain; });
}

std::string JoinOrDash(const std::vector<std::string>& v) {
  std::string s;
  for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
  return s.empty() ? std::string("-") : s;
}

}  // namespace

nlohmann::json TlsAccessEntryJson(const TlsAccessEntry& e) {
  nlohmann::json acl = nlohmann::json::array();
  for (const auth::IpPrefix& p : e.acl) acl.push_back(p.ToString());
  return {{"domain", e.domain}, {"roles", e.roles.Names()}, {"acl", acl}};
}

nlohmann::json TlsAccessAddOutcome::Json(const EntityId& entity) const {
  return {{"entity", entity.Path()}, {"changed", changed}, {"entry", TlsAccessEntryJson(entry)}};
}

std::string TlsAccessAddOutcome::Text(const EntityId& entity) const {
  if (!changed)
    return fmt::format("{} already has {} with these roles and prefixes", entity.Path(), entry.domain);
  if (existed)
    return fmt::format("extended {} of {}: {} roles, {} prefixes", entry.domain, entity.Path(),
                       entry.roles.ToVector().size(), entry.acl.size());
  return fmt::format("added {} to {}: certificates matching its TLSA records get {} role(s) from {} "
                     "prefix(es)",
                     entry.domain, entity.Path(), entry.roles.ToVector().size(), entry.acl.size());
}

Result<TlsAccessAddOutcome> AddTlsAccess(store::Store& store, const EntityId& entity,
                                         const TlsAccessAddRequest& request) {
  auto domain = NormalizeTlsaOwnerName(request.domain);
  if (!domain.ok()) return domain.status();
  auto roles = auth::RoleSet::FromNames(request.roles);
  if (!roles.ok()) return roles.status();
  if (roles->empty()) return InvalidArgument("an entry needs at least one role");
  auto acl = auth::ParseAllowList(request.allow);
  if (!acl.ok()) return acl.status();
  if (acl->empty()) return InvalidArgument("an entry needs at least one source prefix (its ACL)");

  TlsAccessRepository repo(store);
  auto table = repo.Load();
  if (!table.ok()) return table.status();
  std::vector<TlsAccessEntry> entries = (*table)[entity];
  TlsAccessAddOutcome out;
  auto it = FindDomain(entries, *domain);
  out.existed = it != entries.end();
  if (!out.existed) {
    if (entries.size() >= kMaxTlsEntriesPerEntity)
      return FailedPrecondition(fmt::format("{} has {} TLS access entries already, the most allowed",
                                            entity.Path(), entries.size()));
    entries.push_back({*domain, {}, {}});
    it = entries.end() - 1;
  }
  const TlsAccessEntry before = *it;
  for (auth::Role r : roles->ToVector()) it->roles.Add(r);
  for (const auth::IpPrefix& p : *acl)
    if (std::find(it->acl.begin(), it->acl.end(), p) == it->acl.end()) it->acl.push_back(p);
  out.entry = *it;
  out.changed = !out.existed || !(before == out.entry);
  if (out.changed) TLDMON_RETURN_IF_ERROR(repo.Put(entity, entries));
  return out;
}

Result<std::string> RemoveTlsAccess(store::Store& store, const EntityId& entity,
                                    std::string_view domain_text) {
  auto domain = NormalizeTlsaOwnerName(domain_text);
  if (!domain.ok()) return domain.status();
  TlsAccessRepository repo(store);
  auto table = repo.Load();
  if (!table.ok()) return table.status();
  std::vector<TlsAccessEntry> entries = (*table)[entity];
  const auto it = FindDomain(entries, *domain);
  if (it == entries.end())
    return NotFound(fmt::format("{} has no TLS access entry for {}; see `tldmon admin tls list {}`",
                                entity.Path(), *domain, entity.Path()));
  entries.erase(it);
  TLDMON_RETURN_IF_ERROR(repo.Put(entity, entries));
  return *domain;
}

TlsAccessListing ListTlsAccess(const TlsAccessTable& table, const std::optional<EntityId>& only,
                               const std::map<std::string, TlsaNameStatus>& states) {
  TlsAccessListing out;
  out.json = {{"entries", nlohmann::json::array()}};
  for (const auto& [entity, entries] : table) {
    if (only && entity != *only) continue;
    for (const TlsAccessEntry& e : entries) {
      nlohmann::json j = TlsAccessEntryJson(e);
      j["entity"] = entity.Path();
      const auto s = states.find(e.domain);
      std::string dns = "not looked up yet (serve not running?)";
      if (s != states.end()) {
        dns = fmt::format("{}, {} record(s)", TlsaStateName(s->second.state), s->second.records);
        if (!s->second.why.empty()) dns += ": " + s->second.why;
        j["dns"] = {{"state", std::string(TlsaStateName(s->second.state))},
                    {"records", s->second.records},
                    {"why", s->second.why}};
      }
      std::string roles;
      for (const std::string& r : e.roles.Names()) roles += (roles.empty() ? "" : "; ") + r;
      std::string acl;
      for (const auth::IpPrefix& p : e.acl) acl += (acl.empty() ? "" : " ") + p.ToString();
      out.text += fmt::format("{}  {}\n  roles: {}\n  acl:   {}\n  TLSA:  {}\n", entity.Path(),
                              e.domain, roles, acl, dns);
      out.json["entries"].push_back(std::move(j));
    }
  }
  if (out.json["entries"].empty())
    out.text = only ? only->Path() + " has no TLS access entries (see `tldmon admin tls add --help`)\n"
                    : "no TLS access entries (see `tldmon admin tls add --help`)\n";
  return out;
}

Result<TlsAccessImportReport> ImportTlsAccess(store::Store& store, const TlsAccessImport& import,
                                              bool dry_run) {
  TlsAccessRepository repo(store);
  auto current = repo.Load();
  if (!current.ok()) return current.status();
  TlsAccessImportReport out;
  nlohmann::json entities = nlohmann::json::array();
  for (const auto& [entity, entries] : import.entities) {
    const auto old_it = current->find(entity);
    const std::vector<TlsAccessEntry> none;
    const std::vector<TlsAccessEntry>& old = old_it == current->end() ? none : old_it->second;
    std::vector<std::string> added, removed, changed;
    for (const TlsAccessEntry& e : entries) {
      const auto o = std::find_if(old.begin(), old.end(), [&](const auto& x) { return x.domain == e.domain; });
      if (o == old.end()) added.push_back(e.domain);
      else if (!(*o == e)) changed.push_back(e.domain);
    }
    for (const TlsAccessEntry& o : old) {
      if (std::none_of(entries.begin(), entries.end(), [&](const auto& x) { return x.domain == o.domain; }))
        removed.push_back(o.domain);
    }
    out.changes += added.size() + removed.size() + changed.size();
    entities.push_back({{"entity", entity.Path()}, {"added", added}, {"removed", removed}, {"changed", changed}});
    out.text += fmt::format("{}: added {}; removed {}; changed {}\n", entity.Path(), JoinOrDash(added),
                            JoinOrDash(removed), JoinOrDash(changed));
  }
  if (!dry_run && out.changes > 0) TLDMON_RETURN_IF_ERROR(repo.PutAll(import.entities));
  out.text += fmt::format("{} {} change(s) for {} entities, submitted by \"{}\" with the attestation \"{}\"\n",
                          dry_run ? "would apply" : "applied", out.changes, import.entities.size(),
                          import.submitted_by.substr(0, 200), import.attestation.substr(0, 200));
  out.json = {{"dryRun", dry_run},
              {"changes", out.changes},
              {"submittedBy", import.submitted_by},
              {"attestation", import.attestation},
              {"entities", entities}};
  return out;
}

}  // namespace tldmon::dane

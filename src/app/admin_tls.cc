#include "app/admin_tls.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/admin_context.h"
#include "app/data_dir.h"
#include "dane/tls_access.h"
#include "dane/tls_access_import.h"
#include "dane/tlsa_status.h"

namespace tldmon::app {
namespace {

nlohmann::json EntryJson(const dane::TlsAccessEntry& e) {
  nlohmann::json acl = nlohmann::json::array();
  for (const auth::IpPrefix& p : e.acl) acl.push_back(p.ToString());
  return {{"domain", e.domain}, {"roles", e.roles.Names()}, {"acl", acl}};
}

// What serve last saw of each owner name (<data>/tlsa-status.json), if any.
std::map<std::string, dane::TlsaNameStatus> DnsStates(const std::string& data, UnixSeconds* written) {
  std::map<std::string, dane::TlsaNameStatus> out;
  auto text = ReadWholeFile(data + "/tlsa-status.json");
  if (!text.ok()) return out;
  auto parsed = dane::ParseTlsaStatusJson(*text);
  if (!parsed.ok()) return out;
  *written = parsed->written;
  for (dane::TlsaNameStatus& s : parsed->names) out[s.name] = std::move(s);
  return out;
}

struct AddArgs {
  AdminOptions admin;
  std::string entity, domain;
  std::vector<std::string> roles, allow;
};

int RunAdd(const AddArgs& a) {
  const AdminOutput out("tls add", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  auto domain = dane::NormalizeTlsaOwnerName(a.domain);
  if (!domain.ok()) return out.Fail(domain.status());
  auto roles = auth::RoleSet::FromNames(a.roles);
  if (!roles.ok()) return out.Fail(roles.status());
  auto acl = auth::ParseAllowList(a.allow);
  if (!acl.ok()) return out.Fail(acl.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  if (Status s = RequireEntity(**store, *id); !s.ok()) return out.Fail(s);
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  dane::TlsAccessRepository repo(**store);
  auto table = repo.Load();
  if (!table.ok()) return out.Fail(table.status());
  std::vector<dane::TlsAccessEntry> entries = (*table)[*id];
  auto it = std::find_if(entries.begin(), entries.end(),
                         [&](const dane::TlsAccessEntry& e) { return e.domain == *domain; });
  // Adding to an existing entry extends its roles and ACL.
  const bool existed = it != entries.end();
  if (!existed) {
    entries.push_back({*domain, {}, {}});
    it = entries.end() - 1;
  }
  const dane::TlsAccessEntry before = *it;
  for (auth::Role r : roles->ToVector()) it->roles.Add(r);
  for (const auth::IpPrefix& p : *acl)
    if (std::find(it->acl.begin(), it->acl.end(), p) == it->acl.end()) it->acl.push_back(p);
  const dane::TlsAccessEntry after = *it;
  const bool changed = !existed || !(before == after);
  if (changed) {
    if (Status s = repo.Put(*id, entries); !s.ok()) return out.Fail(s);
    if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  }
  const std::string text =
      !changed ? fmt::format("{} already has {} with these roles and prefixes", id->Path(), *domain)
      : existed ? fmt::format("extended {} of {}: {} roles, {} prefixes", *domain, id->Path(),
                              after.roles.ToVector().size(), after.acl.size())
                : fmt::format("added {} to {}: certificates matching its TLSA records get {} role(s) "
                              "from {} prefix(es)",
                              *domain, id->Path(), after.roles.ToVector().size(), after.acl.size());
  return out.Done({{"entity", id->Path()}, {"changed", changed}, {"entry", EntryJson(after)}}, text);
}

struct RemoveArgs {
  AdminOptions admin;
  std::string entity, domain;
};

int RunRemove(const RemoveArgs& a) {
  const AdminOutput out("tls remove", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  auto domain = dane::NormalizeTlsaOwnerName(a.domain);
  if (!domain.ok()) return out.Fail(domain.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  dane::TlsAccessRepository repo(**store);
  auto table = repo.Load();
  if (!table.ok()) return out.Fail(table.status());
  std::vector<dane::TlsAccessEntry> entries = (*table)[*id];
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const dane::TlsAccessEntry& e) { return e.domain == *domain; });
  if (it == entries.end())
    return out.Fail(NotFound(fmt::format("{} has no TLS access entry for {}; see `tldmon admin tls "
                                         "list {}`",
                                         id->Path(), *domain, id->Path())));
  entries.erase(it);
  if (Status s = repo.Put(*id, entries); !s.ok()) return out.Fail(s);
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done({{"entity", id->Path()}, {"removed", *domain}},
                  fmt::format("removed {} from {}; its certificates are refused from the next "
                              "request a running serve answers after its next tick",
                              *domain, id->Path()));
}

struct ListArgs {
  AdminOptions admin;
  std::string entity;
};

int RunList(const ListArgs& a) {
  const AdminOutput out("tls list", a.admin);
  auto filter = ParseOptionalEntityArgument(a.entity);
  if (!filter.ok()) return out.Fail(filter.status());
  const std::optional<EntityId> only = *filter;
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto table = dane::TlsAccessRepository(**store).Load();
  if (!table.ok()) return out.Fail(table.status());
  UnixSeconds written = 0;
  const auto states = DnsStates(a.admin.data, &written);
  nlohmann::json list = nlohmann::json::array();
  std::string text;
  for (const auto& [entity, entries] : *table) {
    if (only && entity != *only) continue;
    for (const dane::TlsAccessEntry& e : entries) {
      nlohmann::json j = EntryJson(e);
      j["entity"] = entity.Path();
      const auto s = states.find(e.domain);
      std::string dns = "not looked up yet (serve not running?)";
      if (s != states.end()) {
        dns = fmt::format("{}, {} record(s)", dane::TlsaStateName(s->second.state), s->second.records);
        if (!s->second.why.empty()) dns += ": " + s->second.why;
        j["dns"] = {{"state", std::string(dane::TlsaStateName(s->second.state))},
                    {"records", s->second.records},
                    {"why", s->second.why}};
      }
      std::string roles;
      for (const std::string& r : e.roles.Names()) roles += (roles.empty() ? "" : "; ") + r;
      std::string acl;
      for (const auth::IpPrefix& p : e.acl) acl += (acl.empty() ? "" : " ") + p.ToString();
      text += fmt::format("{}  {}\n  roles: {}\n  acl:   {}\n  TLSA:  {}\n", entity.Path(), e.domain,
                          roles, acl, dns);
      list.push_back(std::move(j));
    }
  }
  if (list.empty())
    text = only ? only->Path() + " has no TLS access entries (see `tldmon admin tls add --help`)\n"
                : "no TLS access entries (see `tldmon admin tls add --help`)\n";
  else if (written != 0)
    text += fmt::format("(TLSA states as serve saw them at {})\n", FormatIso8601(written));
  return out.Done({{"entries", list}}, text);
}

struct ImportArgs {
  AdminOptions admin;
  std::string file;
  bool dry_run = false;
};

int RunImport(const ImportArgs& a) {
  const AdminOutput out("tls import", a.admin);
  if (std::filesystem::is_directory(a.file))
    return out.Fail(InvalidArgument(a.file + " is a directory, not an import file"));
  auto text = ReadWholeFile(a.file);
  if (!text.ok()) return out.Fail(InvalidArgument("cannot read " + a.file));
  auto parsed = dane::ParseTlsAccessImport(*text);
  if (!parsed.ok()) return out.Fail(InvalidArgument(a.file + ": " + parsed.status().message()));
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  for (const auto& [entity, entries] : parsed->entities)
    if (Status s = RequireEntity(**store, entity); !s.ok()) return out.Fail(s);
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  dane::TlsAccessRepository repo(**store);
  auto current = repo.Load();
  if (!current.ok()) return out.Fail(current.status());
  // The report: per entity, domains added, removed and changed.
  nlohmann::json report = nlohmann::json::array();
  std::string lines;
  std::size_t changes = 0;
  for (const auto& [entity, entries] : parsed->entities) {
    const auto old_it = current->find(entity);
    const std::vector<dane::TlsAccessEntry> none;
    const std::vector<dane::TlsAccessEntry>& old = old_it == current->end() ? none : old_it->second;
    std::vector<std::string> added, removed, changed;
    for (const dane::TlsAccessEntry& e : entries) {
      const auto o = std::find_if(old.begin(), old.end(), [&](const auto& x) { return x.domain == e.domain; });
      if (o == old.end()) added.push_back(e.domain);
      else if (!(*o == e)) changed.push_back(e.domain);
    }
    for (const dane::TlsAccessEntry& o : old) {
      if (std::none_of(entries.begin(), entries.end(), [&](const auto& x) { return x.domain == o.domain; }))
        removed.push_back(o.domain);
    }
    changes += added.size() + removed.size() + changed.size();
    report.push_back({{"entity", entity.Path()}, {"added", added}, {"removed", removed}, {"changed", changed}});
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const std::string& x : v) s += (s.empty() ? "" : ", ") + x;
      return s.empty() ? std::string("-") : s;
    };
    lines += fmt::format("{}: added {}; removed {}; changed {}\n", entity.Path(), join(added), join(removed),
                         join(changed));
  }
  if (!a.dry_run && changes > 0) {
    if (Status s = repo.PutAll(parsed->entities); !s.ok()) return out.Fail(s);
    if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  }
  lines += fmt::format("{} {} change(s) for {} entities, submitted by \"{}\" with the attestation \"{}\"\n",
                       a.dry_run ? "would apply" : "applied", changes, parsed->entities.size(),
                       parsed->submitted_by.substr(0, 200), parsed->attestation.substr(0, 200));
  return out.Done({{"dryRun", a.dry_run},
                   {"changes", changes},
                   {"submittedBy", parsed->submitted_by},
                   {"attestation", parsed->attestation},
                   {"entities", report}},
                  lines);
}

}  // namespace

void AddAdminTlsCommands(CLI::App* admin, int* exit_code) {
  CLI::App* tls = admin->add_subcommand(
      "tls", "TLS client certificates authenticated by DANE/TLSA records (docs/auth.md)");
  tls->require_subcommand(1);

  auto add = std::make_shared<AddArgs>();
  CLI::App* c = tls->add_subcommand(
      "add", "Let certificates matching the TLSA records at a domain name act for an entity");
  c->add_option("entity", add->entity, "ry/<tld> or rr/<ianaId>")->required();
  c->add_option("--domain", add->domain, "Owner name of the TLSA records, e.g. rsp1.nic.example")
      ->required();
  c->add_option("--role", add->roles, "Role granted (NSp name); repeat for several")->required();
  c->add_option("--allow", add->allow, "Source prefix of the entry's ACL; repeat for several")
      ->required();
  AddAdminOptions(c, &add->admin);
  c->callback([add, exit_code] { *exit_code = RunAdd(*add); });

  auto rm = std::make_shared<RemoveArgs>();
  CLI::App* r = tls->add_subcommand("remove", "Remove the entry of a domain name");
  r->add_option("entity", rm->entity, "ry/<tld> or rr/<ianaId>")->required();
  r->add_option("--domain", rm->domain, "Owner name of the entry")->required();
  AddAdminOptions(r, &rm->admin);
  r->callback([rm, exit_code] { *exit_code = RunRemove(*rm); });

  auto ls = std::make_shared<ListArgs>();
  CLI::App* l = tls->add_subcommand("list", "The entries, with the TLSA state serve last saw");
  l->add_option("entity", ls->entity, "Only this entity (ry/<tld> or rr/<ianaId>)");
  AddAdminOptions(l, &ls->admin);
  l->callback([ls, exit_code] { *exit_code = RunList(*ls); });

  auto im = std::make_shared<ImportArgs>();
  CLI::App* i = tls->add_subcommand(
      "import", "Bulk upload (docs/formats/tls-access-import.md): all or nothing, with attestation");
  i->add_option("file", im->file, "JSON file")->required();
  i->add_flag("--dry-run", im->dry_run, "Report what would change; change nothing");
  AddAdminOptions(i, &im->admin);
  i->callback([im, exit_code] { *exit_code = RunImport(*im); });
}

}  // namespace tldmon::app

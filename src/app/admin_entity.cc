#include "app/admin_entity.h"

#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "app/admin_context.h"
#include "probeapi/probe_tokens.h"
#include "app/entity_options.h"
#include "auth/access_repository.h"
#include "core/clock.h"

namespace tldmon::app {
namespace {

struct EntityArgs {
  AdminOptions admin;
  std::string entity;
  EntityOptions options;
  // CLI11 binds flags to plain values; folded into `options` before use.
  bool cctld = false, gtld = false, dnssec = false, no_dnssec = false;

  void Fold() {
    if (cctld) options.cctld = true;
    if (gtld) options.cctld = false;
    if (dnssec) options.dnssec = true;
    if (no_dnssec) options.dnssec = false;
  }
};

void AddEntityOptions(CLI::App* cmd, EntityArgs* a) {
  cmd->add_option("entity", a->entity, "ry/<tld> or rr/<ianaId>")->required();
  auto* cc = cmd->add_flag("--cctld", a->cctld, "The TLD is a ccTLD");
  auto* g = cmd->add_flag("--gtld", a->gtld, "The TLD is a gTLD (default)");
  cc->excludes(g);
  cmd->add_option("--services", a->options.services, "Services, e.g. dns,dnssec,rdds,rdap");
  cmd->add_option("--ns", a->options.ns, "Name server NAME=IP[,IP...] (repeatable)");
  cmd->add_option("--min-ns", a->options.min_ns, "Minimum name servers up: N or N;TS:M...");
  auto* on = cmd->add_flag("--dnssec", a->dnssec, "Test DNSSEC (default)");
  auto* off = cmd->add_flag("--no-dnssec", a->no_dnssec, "Do not test DNSSEC");
  on->excludes(off);
  cmd->add_option("--test-prefix", a->options.test_prefix,
                  "Label of the non-existent name queried");
  cmd->add_option("--rdds", a->options.rdds43, "RDDS43 (WHOIS) server host");
  cmd->add_option("--rdds80", a->options.rdds80, "RDDS80 (web WHOIS) URL");
  cmd->add_option("--rdap", a->options.rdap, "RDAP base URL (https)");
  cmd->add_option("--test-domain", a->options.test_domain, "Existing domain queried by RDDS/RDAP");
}

std::string ServicesText(const EntityConfig& e) {
  std::string out;
  for (Service s : kAllServices)
    if (e.IsEnabled(s)) out += (out.empty() ? "" : ", ") + std::string(PathName(s));
  return out;
}

Result<std::vector<EntityConfig>::const_iterator> Find(const std::vector<EntityConfig>& all,
                                                       const EntityId& id) {
  for (auto it = all.begin(); it != all.end(); ++it)
    if (it->id == id) return it;
  return NotFound("no entity " + id.Path() + " is configured; see `tldmon admin entity list`");
}

int RunAdd(EntityArgs& a) {
  a.Fold();
  const AdminOutput out("entity add", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  auto config = BuildEntity(*id, a.options);
  if (!config.ok()) return out.Fail(config.status());
  auto store = OpenAdminStore(a.admin, /*create=*/true);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  auto all = (*store)->LoadEntities();
  if (!all.ok()) return out.Fail(all.status());
  if (Find(*all, *id).ok())
    return out.Fail(
        AlreadyExists(id->Path() + " is already configured; use `tldmon admin entity update`"));
  // A new entity gets its default roles and an empty allow-list, so that
  // `role list` shows what it has and nobody can use it until an allow-list
  // entry and a password are set (docs/auth.md).
  auth::AccessRepository access(**store);
  auto snapshot = access.Load();
  if (!snapshot.ok()) return out.Fail(snapshot.status());
  bool has_access = false;
  for (const auth::EntityAccessRecord& r : snapshot->entities)
    has_access = has_access || r.entity == *id;
  std::optional<auth::EntityAccessRecord> defaults;
  if (!has_access) defaults = auth::EntityAccessRecord{*id, {}, auth::DefaultRoles(id->kind)};
  if (Status s = access.PutEntityWithAccess(*config, defaults); !s.ok()) return out.Fail(s);
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done({{"entity", EntityJson(*config)}},
                  fmt::format("added {} ({})", id->Path(), ServicesText(*config)));
}

int RunUpdate(EntityArgs& a) {
  a.Fold();
  const AdminOutput out("entity update", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  if (a.options.empty())
    return out.Fail(InvalidArgument("nothing to change: give at least one option"));
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  auto all = (*store)->LoadEntities();
  if (!all.ok()) return out.Fail(all.status());
  auto it = Find(*all, *id);
  if (!it.ok()) return out.Fail(it.status());
  const SystemClock wall;
  auto updated = UpdateEntity(**it, a.options, wall.Now());
  if (!updated.ok()) return out.Fail(updated.status());
  const bool changed = !(*updated == **it);
  if (changed) {
    if (Status s = (*store)->PutEntities(std::span<const EntityConfig>(&*updated, 1)); !s.ok())
      return out.Fail(s);
    if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  }
  return out.Done({{"changed", changed}, {"entity", EntityJson(*updated)}},
                  changed ? fmt::format("updated {} ({})", id->Path(), ServicesText(*updated))
                          : fmt::format("{} unchanged", id->Path()));
}

struct RemoveArgs {
  AdminOptions admin;
  std::string entity;
};

int RunRemove(const RemoveArgs& a) {
  const AdminOutput out("entity remove", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  if (Status s = RequireEntity(**store, *id); !s.ok()) return out.Fail(s);
  if (Status s = (*store)->RemoveEntity(*id); !s.ok()) return out.Fail(s);
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done(
      {{"entity", id->Path()}},
      fmt::format("removed {} (no longer monitored; its history stays in the store)", id->Path()));
}

int RunList(const AdminOptions& o) {
  const AdminOutput out("entity list", o);
  auto store = OpenAdminStore(o, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto all = (*store)->LoadEntities();
  if (!all.ok()) return out.Fail(all.status());
  nlohmann::json list = nlohmann::json::array();
  std::string text =
      fmt::format("{:<24} {:<6} {:<24} {}\n", "ENTITY", "TYPE", "SERVICES", "TARGETS");
  for (const EntityConfig& e : *all) {
    list.push_back(EntityJson(e));
    std::string targets;
    for (const NameServer& ns : e.name_servers) targets += (targets.empty() ? "" : " ") + ns.name;
    if (!e.rdds43_server.empty()) targets += (targets.empty() ? "" : " ") + e.rdds43_server;
    if (!e.rdap_base_url.empty()) targets += (targets.empty() ? "" : " ") + e.rdap_base_url;
    const char* type = e.id.is_registrar() ? "rr" : e.cctld ? "ccTLD" : "gTLD";
    text += fmt::format("{:<24} {:<6} {:<24} {}\n", e.id.Path(), type, ServicesText(e), targets);
  }
  return out.Done({{"entities", list}}, text);
}

// ---- probes ----

struct ProbeArgs {
  AdminOptions admin;
  std::string name;
  bool no_ipv4 = false, no_ipv6 = false, no_rdds = false, no_rdap = false;
  std::vector<std::string> ipv4, ipv6;
};

nlohmann::json ProbeJson(std::size_t index, const store::ProbeRecord& r) {
  return {{"index", index},
          {"name", r.node.name},
          {"enabled", r.enabled},
          {"ipv4", r.node.ipv4},
          {"ipv6", r.node.ipv6},
          {"rdds", r.node.rdds},
          {"rdap", r.node.rdap},
          {"ipv4Addresses", r.node.ipv4_addresses},
          {"ipv6Addresses", r.node.ipv6_addresses}};
}

std::string TokenNotice(const std::string& token) {
  return "token: " + token +
         "\n  (shown only now; put it in the probe's token_file, see docs/operations.md)";
}

int RunProbeAdd(const ProbeArgs& a) {
  const AdminOutput out("probe add", a.admin);
  ProbeNode p;
  p.name = a.name;
  p.ipv4 = !a.no_ipv4;
  p.ipv6 = !a.no_ipv6;
  p.rdds = !a.no_rdds;
  p.rdap = !a.no_rdap;
  p.ipv4_addresses = a.ipv4;
  p.ipv6_addresses = a.ipv6;
  if (Status s = p.Validate(); !s.ok()) return out.Fail(s);
  auto store = OpenAdminStore(a.admin, /*create=*/true);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  auto index = (*store)->AddProbe(p);
  if (!index.ok()) return out.Fail(index.status());
  // The probe's credential for /probe/v1/: shown once, only its digest is kept.
  auto token = probeapi::IssueProbeToken(**store, p.name);
  if (!token.ok()) return out.Fail(token.status());
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done({{"probe", ProbeJson(*index, {p, true})}, {"token", *token}},
                  fmt::format("added probe {} (index {})\n{}", p.name, *index, TokenNotice(*token)));
}

struct ProbeStateArgs {
  AdminOptions admin;
  std::string name;
};

int RunProbeToken(const ProbeStateArgs& a, bool revoke) {
  const AdminOutput out(revoke ? "probe revoke" : "probe token", a.admin);
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  if (revoke) {
    if (Status s = probeapi::RevokeProbeToken(**store, a.name); !s.ok()) return out.Fail(s);
    if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
    return out.Done({{"probe", a.name}, {"token", nullptr}},
                    fmt::format("probe {}: token revoked; its requests are refused from now on", a.name));
  }
  auto token = probeapi::IssueProbeToken(**store, a.name);
  if (!token.ok()) return out.Fail(token.status());
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done({{"probe", a.name}, {"token", *token}},
                  fmt::format("probe {}: new token (the previous one no longer works)\n{}", a.name,
                              TokenNotice(*token)));
}

int RunProbeList(const AdminOptions& o) {
  const AdminOutput out("probe list", o);
  auto store = OpenAdminStore(o, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto probes = (*store)->LoadProbes();
  if (!probes.ok()) return out.Fail(probes.status());
  nlohmann::json list = nlohmann::json::array();
  std::string text = fmt::format("{:>5} {:<24} {:<8} {}\n", "INDEX", "NAME", "STATE", "TESTS");
  for (std::size_t i = 0; i < probes->size(); ++i) {
    const store::ProbeRecord& r = (*probes)[i];
    list.push_back(ProbeJson(i, r));
    std::string tests;
    for (const auto& [on, name] : {std::pair{r.node.ipv4, "ipv4"},
                                   {r.node.ipv6, "ipv6"},
                                   {r.node.rdds, "rdds"},
                                   {r.node.rdap, "rdap"}})
      if (on) tests += (tests.empty() ? "" : ",") + std::string(name);
    text += fmt::format("{:>5} {:<24} {:<8} {}\n", i, r.node.name,
                        r.enabled ? "enabled" : "disabled", tests);
  }
  return out.Done({{"probes", list}}, text);
}

int RunProbeEnable(const ProbeStateArgs& a, bool enable) {
  const AdminOutput out(enable ? "probe enable" : "probe disable", a.admin);
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  auto probes = (*store)->LoadProbes();
  if (!probes.ok()) return out.Fail(probes.status());
  for (std::size_t i = 0; i < probes->size(); ++i) {
    if ((*probes)[i].node.name != a.name) continue;
    if (Status s = (*store)->SetProbeEnabled(static_cast<ProbeIndex>(i), enable); !s.ok())
      return out.Fail(s);
    if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
    return out.Done({{"probe", a.name}, {"enabled", enable}},
                    fmt::format("probe {} {}", a.name, enable ? "enabled" : "disabled"));
  }
  return out.Fail(
      NotFound("no probe named '" + a.name.substr(0, 64) + "'; see `tldmon admin probe list`"));
}

}  // namespace

void AddAdminEntityCommands(CLI::App* admin, int* exit_code) {
  CLI::App* entity =
      admin->add_subcommand("entity", "TLDs (ry/<tld>) and registrars (rr/<ianaId>)");
  entity->require_subcommand(1);

  auto add = std::make_shared<EntityArgs>();
  CLI::App* a = entity->add_subcommand("add", "Configure a new entity");
  AddEntityOptions(a, add.get());
  AddAdminOptions(a, &add->admin);
  a->callback([add, exit_code] { *exit_code = RunAdd(*add); });

  auto upd = std::make_shared<EntityArgs>();
  CLI::App* u = entity->add_subcommand("update", "Change an entity (only the options given)");
  AddEntityOptions(u, upd.get());
  AddAdminOptions(u, &upd->admin);
  u->callback([upd, exit_code] { *exit_code = RunUpdate(*upd); });

  auto rem = std::make_shared<RemoveArgs>();
  CLI::App* r = entity->add_subcommand("remove", "Stop monitoring an entity");
  r->add_option("entity", rem->entity, "ry/<tld> or rr/<ianaId>")->required();
  AddAdminOptions(r, &rem->admin);
  r->callback([rem, exit_code] { *exit_code = RunRemove(*rem); });

  auto list = std::make_shared<AdminOptions>();
  CLI::App* l = entity->add_subcommand("list", "List the configured entities");
  AddAdminOptions(l, list.get());
  l->callback([list, exit_code] { *exit_code = RunList(*list); });
}

void AddAdminProbeCommands(CLI::App* admin, int* exit_code) {
  CLI::App* probe = admin->add_subcommand("probe", "Probe nodes");
  probe->require_subcommand(1);

  auto add = std::make_shared<ProbeArgs>();
  CLI::App* a = probe->add_subcommand("add", "Add a probe node (probes are never renumbered)");
  a->add_option("name", add->name, "Probe name, [A-Za-z0-9._-]")->required();
  a->add_flag("--no-ipv4", add->no_ipv4, "The probe cannot test IPv4 targets");
  a->add_flag("--no-ipv6", add->no_ipv6, "The probe cannot test IPv6 targets");
  a->add_flag("--no-rdds", add->no_rdds, "The probe does not test RDDS");
  a->add_flag("--no-rdap", add->no_rdap, "The probe does not test RDAP");
  a->add_option("--ipv4-address", add->ipv4, "Source IPv4 address (repeatable; probe node list)");
  a->add_option("--ipv6-address", add->ipv6, "Source IPv6 address (repeatable)");
  AddAdminOptions(a, &add->admin);
  a->callback([add, exit_code] { *exit_code = RunProbeAdd(*add); });

  auto list = std::make_shared<AdminOptions>();
  CLI::App* l = probe->add_subcommand("list", "List the probe nodes");
  AddAdminOptions(l, list.get());
  l->callback([list, exit_code] { *exit_code = RunProbeList(*list); });

  for (const bool enable : {true, false}) {
    auto args = std::make_shared<ProbeStateArgs>();
    CLI::App* c = probe->add_subcommand(enable ? "enable" : "disable",
                                        enable ? "Put a probe back into service"
                                               : "Take a probe out of service (manually offline)");
    c->alias(enable ? "online" : "offline");
    c->add_option("name", args->name, "Probe name")->required();
    AddAdminOptions(c, &args->admin);
    c->callback([args, exit_code, enable] { *exit_code = RunProbeEnable(*args, enable); });
  }

  for (const bool revoke : {false, true}) {
    auto args = std::make_shared<ProbeStateArgs>();
    CLI::App* c = probe->add_subcommand(
        revoke ? "revoke" : "token",
        revoke ? "Revoke the probe's token (its pushes are refused at once)"
               : "Issue a new token for the probe (printed once; the old one stops working)");
    c->add_option("name", args->name, "Probe name")->required();
    AddAdminOptions(c, &args->admin);
    c->callback([args, exit_code, revoke] { *exit_code = RunProbeToken(*args, revoke); });
  }
}

}  // namespace tldmon::app

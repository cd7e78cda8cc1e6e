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
#include "dane/tls_access_edit.h"
#include "dane/tls_access_import.h"
#include "dane/tlsa_status.h"

namespace tldmon::app {
namespace {

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

struct TlsAddArgs {
  AdminOptions admin;
  std::string entity, domain;
  std::vector<std::string> roles, allow;
};

int RunTlsAdd(const TlsAddArgs& a) {
  const AdminOutput out("tls add", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  if (Status s = RequireEntity(**store, *id); !s.ok()) return out.Fail(s);
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  auto added = dane::AddTlsAccess(**store, *id, {a.domain, a.roles, a.allow});
  if (!added.ok()) return out.Fail(added.status());
  if (added->changed)
    if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done(added->Json(*id), added->Text(*id));
}

struct TlsRemoveArgs {
  AdminOptions admin;
  std::string entity, domain;
};

int RunTlsRemove(const TlsRemoveArgs& a) {
  const AdminOutput out("tls remove", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  auto removed = dane::RemoveTlsAccess(**store, *id, a.domain);
  if (!removed.ok()) return out.Fail(removed.status());
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done({{"entity", id->Path()}, {"removed", *removed}},
                  fmt::format("removed {} from {}; its certificates are refused from the next "
                              "request a running serve answers after its next tick",
                              *removed, id->Path()));
}

struct TlsListArgs {
  AdminOptions admin;
  std::string entity;
};

int RunTlsList(const TlsListArgs& a) {
  const AdminOutput out("tls list", a.admin);
  auto filter = ParseOptionalEntityArgument(a.entity);
  if (!filter.ok()) return out.Fail(filter.status());
  const std::optional<EntityId> only = *filter;
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto table = dane::TlsAccessRepository(**store).Load();
  if (!table.ok()) return out.Fail(table.status());
  UnixSeconds written = 0;
  dane::TlsAccessListing listing = dane::ListTlsAccess(*table, only, DnsStates(a.admin.data, &written));
  if (!listing.json["entries"].empty() && written != 0)
    listing.text += fmt::format("(TLSA states as serve saw them at {})\n", FormatIso8601(written));
  return out.Done(std::move(listing.json), listing.text);
}

struct TlsImportArgs {
  AdminOptions admin;
  std::string file;
  bool dry_run = false;
};

int RunTlsImport(const TlsImportArgs& a) {
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
  auto report = dane::ImportTlsAccess(**store, *parsed, a.dry_run);
  if (!report.ok()) return out.Fail(report.status());
  if (!a.dry_run && report->changes > 0)
    if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done(std::move(report->json), report->text);
}

}  // namespace

void AddAdminTlsCommands(CLI::App* admin, int* exit_code) {
  CLI::App* tls = admin->add_subcommand(
      "tls", "TLS client certificates authenticated by DANE/TLSA records (docs/auth.md)");
  tls->require_subcommand(1);

  auto add = std::make_shared<TlsAddArgs>();
  CLI::App* c = tls->add_subcommand(
      "add", "Let certificates matching the TLSA records at a domain name act for an entity");
  c->add_option("entity", add->entity, "ry/<tld> or rr/<ianaId>")->required();
  c->add_option("--domain", add->domain, "Owner name of the TLSA records, e.g. rsp1.nic.example")
      ->required();
  c->add_option("--role", add->roles, "Role granted (NSp name); repeat for several")->required();
  c->add_option("--allow", add->allow, "Source prefix of the entry's ACL; repeat for several")
      ->required();
  AddAdminOptions(c, &add->admin);
  c->callback([add, exit_code] { *exit_code = RunTlsAdd(*add); });

  auto rm = std::make_shared<TlsRemoveArgs>();
  CLI::App* r = tls->add_subcommand("remove", "Remove the entry of a domain name");
  r->add_option("entity", rm->entity, "ry/<tld> or rr/<ianaId>")->required();
  r->add_option("--domain", rm->domain, "Owner name of the entry")->required();
  AddAdminOptions(r, &rm->admin);
  r->callback([rm, exit_code] { *exit_code = RunTlsRemove(*rm); });

  auto ls = std::make_shared<TlsListArgs>();
  CLI::App* l = tls->add_subcommand("list", "The entries, with the TLSA state serve last saw");
  l->add_option("entity", ls->entity, "Only this entity (ry/<tld> or rr/<ianaId>)");
  AddAdminOptions(l, &ls->admin);
  l->callback([ls, exit_code] { *exit_code = RunTlsList(*ls); });

  auto im = std::make_shared<TlsImportArgs>();
  CLI::App* i = tls->add_subcommand(
      "import", "Bulk upload (docs/formats/tls-access-import.md): all or nothing, with attestation");
  i->add_option("file", im->file, "JSON file")->required();
  i->add_flag("--dry-run", im->dry_run, "Report what would change; change nothing");
  AddAdminOptions(i, &im->admin);
  i->callback([im, exit_code] { *exit_code = RunTlsImport(*im); });
}

}  // namespace tldmon::app

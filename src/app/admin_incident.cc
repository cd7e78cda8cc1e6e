#include "app/admin_incident.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "admin/admin_repository.h"
#include "admin/date_text.h"
#include "admin/metrica_import.h"
#include "admin/rdap_base_urls_import.h"
#include "app/admin_context.h"
#include "app/data_dir.h"
#include "core/clock.h"
#include "ingest/cycle_pipeline.h"

namespace tldmon::app {
namespace {

Result<Service> ParseServiceArgument(const std::string& text, const EntityId& entity) {
  const std::optional<Service> s = ParseServiceName(text);
  if (!s || *s == Service::kEpp)
    return InvalidArgument("unknown service '" + text.substr(0, 32) +
                           "' (dns, dnssec, rdds, rdap)");
  if (!EntityConfig::ServiceAllowed(entity.kind, *s))
    return InvalidArgument("a registrar has only rdds and rdap, not " + text);
  return *s;
}

nlohmann::json IncidentJson(const engine::Incident& inc) {
  nlohmann::json j = {
      {"incidentID", inc.Id()},
      {"startTime", FormatIso8601(inc.start_time)},
      {"endTime", inc.end_time ? nlohmann::json(FormatIso8601(*inc.end_time)) : nlohmann::json()},
      {"active", inc.active()},
      {"falsePositive", inc.false_positive}};
  return j;
}

struct IncidentListArgs {
  AdminOptions admin;
  std::string entity;
  std::string service;
};

int RunIncidentList(const IncidentListArgs& a) {
  const AdminOutput out("incident list", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  auto service = ParseServiceArgument(a.service, *id);
  if (!service.ok()) return out.Fail(service.status());
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto incidents = (*store)->Incidents(*id, *service);
  if (!incidents.ok()) return out.Fail(incidents.status());
  nlohmann::json list = nlohmann::json::array();
  std::string text =
      fmt::format("{:<24} {:<21} {:<21} {}\n", "INCIDENT", "START", "END", "FALSE-POSITIVE");
  for (const engine::Incident& inc : *incidents) {
    list.push_back(IncidentJson(inc));
    text += fmt::format("{:<24} {:<21} {:<21} {}\n", inc.Id(), FormatIso8601(inc.start_time),
                        inc.end_time ? FormatIso8601(*inc.end_time) : "(active)",
                        inc.false_positive ? "yes" : "no");
  }
  return out.Done(
      {{"entity", id->Path()}, {"service", std::string(PathName(*service))}, {"incidents", list}},
      text);
}

struct FalsePositiveArgs {
  AdminOptions admin;
  std::string entity;
  std::string service;
  std::string incident;
  std::string state;
  std::string who;
};

int RunFalsePositive(const FalsePositiveArgs& a) {
  const AdminOutput out("incident false-positive", a.admin);
  auto id = ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  auto service = ParseServiceArgument(a.service, *id);
  if (!service.ok()) return out.Fail(service.status());
  if (a.state != "on" && a.state != "off")
    return out.Fail(
        InvalidArgument("the flag must be 'on' or 'off', not '" + a.state.substr(0, 16) + "'"));
  const bool on = a.state == "on";
  std::string who = a.who;
  if (who.empty()) {
    const char* user = std::getenv("USER");
    who = user != nullptr && *user != '\0' ? user : "admin";
  }
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  if (Status s = RequireEntity(**store, *id); !s.ok()) return out.Fail(s);
  // The engine as committed, without documents: the running serve (if any)
  // republishes after it re-opens on the change generation.
  const SystemClock wall;
  ingest::PipelineOptions options;
  options.start = wall.Now();
  auto pipeline = ingest::CyclePipeline::Open(store->get(), nullptr, &wall, options);
  if (!pipeline.ok()) return out.Fail(pipeline.status());
  auto result = (*pipeline)->SetFalsePositive(*id, *service, a.incident, on, who, wall.Now());
  if (!result.ok()) {
    if (result.status().code() == StatusCode::kNotFound)
      return out.Fail(NotFound(result.status().message() + "; see `tldmon admin incident list " +
                               id->Path() + " " + std::string(PathName(*service)) + "`"));
    return out.Fail(result.status());
  }
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  const engine::ServiceSummary summary = (*pipeline)->engine().Summarize(*id, *service);
  nlohmann::json j = {{"entity", id->Path()},
                      {"service", std::string(PathName(*service))},
                      {"incident", IncidentJson(result->incident)},
                      {"downtime", summary.downtime_minutes},
                      {"emergencyThreshold", summary.emergency_threshold}};
  return out.Done(
      j, fmt::format("incident {} of {} {}: false positive {}; rolling-week downtime now {} min "
                     "({:.3f}% of the emergency threshold)",
                     a.incident, id->Path(), PathName(*service), on ? "set" : "cleared",
                     summary.downtime_minutes, summary.emergency_threshold));
}

// ---- imports ----

Result<std::string> ReadImportFile(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return InvalidArgument("cannot read " + path + ": it is a directory; give the file to import");
  if (!std::filesystem::exists(path, ec)) return NotFound("cannot read " + path + ": no such file");
  if (!std::filesystem::is_regular_file(path, ec))
    return InvalidArgument("cannot read " + path + ": not a regular file");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return IoError("cannot read " + path + ": " + ec.message());
  if (size > max_bytes)
    return InvalidArgument(
        fmt::format("{} is {} bytes, over the limit of {}", path, size, max_bytes));
  return ReadWholeFile(path);
}

// The entity a METRICA file is about: the `tld` or `ianaId` of its (first)
// report. The parser then checks every report against it.
Result<EntityId> MetricaTarget(std::string_view bytes) {
  nlohmann::json doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgument("invalid JSON (give --entity, or fix the file)");
  const nlohmann::json& first = doc.is_array() && !doc.empty() ? doc[0] : doc;
  if (first.is_object()) {
    if (auto tld = first.find("tld"); tld != first.end() && tld->is_string()) {
      std::string name = tld->get<std::string>();
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return ParseEntityArgument("ry/" + name);
    }
    if (auto iana = first.find("ianaId"); iana != first.end() && iana->is_number_unsigned())
      return ParseEntityArgument("rr/" + std::to_string(iana->get<std::uint64_t>()));
  }
  return InvalidArgument("cannot tell which entity the file is for (no tld/ianaId); give --entity");
}

struct MetricaArgs {
  AdminOptions admin;
  std::string file;
  std::string entity;
};

int RunMetricaImport(const MetricaArgs& a) {
  const AdminOutput out("metrica import", a.admin);
  const admin::MetricaImportLimits limits;
  auto bytes = ReadImportFile(a.file, limits.max_bytes);
  if (!bytes.ok()) return out.Fail(bytes.status());
  auto id = a.entity.empty() ? MetricaTarget(*bytes) : ParseEntityArgument(a.entity);
  if (!id.ok()) return out.Fail(id.status());
  const SystemClock wall;
  auto reports = admin::ParseMetricaImport(*bytes, *id, wall.Now(), limits);
  if (!reports.ok()) return out.Fail(InvalidArgument(a.file + ": " + reports.status().message()));
  auto store = OpenAdminStore(a.admin, /*create=*/false);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  if (Status s = RequireEntity(**store, *id); !s.ok()) return out.Fail(s);
  if (Status s = admin::AdminRepository(**store).PutMetricaReports(*id, *reports); !s.ok())
    return out.Fail(s);
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  nlohmann::json dates = nlohmann::json::array();
  for (const admin::MetricaReport& r : *reports)
    dates.push_back(admin::FormatDate(r.domain_list_date));
  return out.Done({{"entity", id->Path()}, {"reports", reports->size()}, {"dates", dates}},
                  fmt::format("imported {} METRICA report(s) for {}", reports->size(), id->Path()));
}

struct RdapArgs {
  AdminOptions admin;
  std::string file;
};

int RunRdapImport(const RdapArgs& a) {
  const AdminOutput out("rdap-base-urls import", a.admin);
  const admin::RdapBaseUrlImportLimits limits;
  auto bytes = ReadImportFile(a.file, limits.max_bytes);
  if (!bytes.ok()) return out.Fail(bytes.status());
  const SystemClock wall;
  auto list = admin::ParseRdapBaseUrlImport(*bytes, wall.Now(), limits);
  if (!list.ok()) return out.Fail(InvalidArgument(a.file + ": " + list.status().message()));
  auto store = OpenAdminStore(a.admin, /*create=*/true);
  if (!store.ok()) return out.Fail(store.status());
  auto change = AdminChange::Begin(a.admin);
  if (!change.ok()) return out.Fail(change.status());
  if (Status s = admin::AdminRepository(**store).PutRdapBaseUrlList(*list); !s.ok())
    return out.Fail(s);
  if (Status s = change->Commit(**store, out); !s.ok()) return out.Fail(s);
  return out.Done(
      {{"registrars", list->registrars.size()}, {"publication", FormatIso8601(list->publication)}},
      fmt::format("imported the RDAP base URLs of {} registrar(s)", list->registrars.size()));
}

}  // namespace

void AddAdminIncidentCommands(CLI::App* admin, int* exit_code) {
  CLI::App* incident = admin->add_subcommand("incident", "Incidents and false-positive flags");
  incident->require_subcommand(1);

  auto list = std::make_shared<IncidentListArgs>();
  CLI::App* l = incident->add_subcommand("list", "Incidents of one service of an entity");
  l->add_option("entity", list->entity, "ry/<tld> or rr/<ianaId>")->required();
  l->add_option("service", list->service, "dns, dnssec, rdds or rdap")->required();
  AddAdminOptions(l, &list->admin);
  l->callback([list, exit_code] { *exit_code = RunIncidentList(*list); });

  auto fp = std::make_shared<FalsePositiveArgs>();
  CLI::App* f = incident->add_subcommand(
      "false-positive", "Set or clear an incident's false-positive flag (downtime is recomputed)");
  f->add_option("entity", fp->entity, "ry/<tld> or rr/<ianaId>")->required();
  f->add_option("service", fp->service, "dns, dnssec, rdds or rdap")->required();
  f->add_option("incident", fp->incident, "incidentID, <startTime>.<eventId>")->required();
  f->add_option("flag", fp->state, "on or off")->required();
  f->add_option("--who", fp->who, "Operator name for the audit trail (default $USER)");
  AddAdminOptions(f, &fp->admin);
  f->callback([fp, exit_code] { *exit_code = RunFalsePositive(*fp); });
}

void AddAdminImportCommands(CLI::App* admin, int* exit_code) {
  CLI::App* metrica = admin->add_subcommand("metrica", "Domain METRICA reports");
  metrica->require_subcommand(1);
  auto m = std::make_shared<MetricaArgs>();
  CLI::App* mi =
      metrica->add_subcommand("import", "Import reports (docs/formats/metrica-import.md)");
  mi->add_option("file", m->file, "JSON file")->required();
  mi->add_option("--entity", m->entity, "ry/<tld> or rr/<ianaId> (default: the file's tld/ianaId)");
  AddAdminOptions(mi, &m->admin);
  mi->callback([m, exit_code] { *exit_code = RunMetricaImport(*m); });

  CLI::App* rdap = admin->add_subcommand("rdap-base-urls", "The registrars' RDAP base URL list");
  rdap->require_subcommand(1);
  auto r = std::make_shared<RdapArgs>();
  CLI::App* ri =
      rdap->add_subcommand("import", "Replace the list (docs/formats/rdap-base-urls-import.md)");
  ri->add_option("file", r->file, "JSON or CSV file")->required();
  AddAdminOptions(ri, &r->admin);
  ri->callback([r, exit_code] { *exit_code = RunRdapImport(*r); });
}

}  // namespace tldmon::app

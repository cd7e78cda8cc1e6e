#include "app/admin_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "app/admin_access.h"
#include "app/admin_alert.h"
#include "app/admin_rri.h"
#include "app/admin_entity.h"
#include "app/admin_incident.h"
#include "app/admin_migrate.h"
#include "app/admin_operator.h"
#include "app/admin_status.h"
#include "app/admin_tls.h"
#include "app/data_dir.h"
#include "app/serve_config.h"
#include "app/status_table.h"
#include "app/storage_table.h"
#include "app/terminal_text.h"
#include "core/clock.h"
#include "core/time.h"
#include "dane/tlsa_status.h"
#include "engine/engine_state.h"
#include "store/postgres/postgres_store.h"

namespace tldmon::app {
namespace {

struct StatusArgs {
  std::string data = "./demo-data";
  std::string store;  // --store: a PostgreSQL store instead of --data's
  bool json = false;
  bool storage_only = false;
  bool tlsa_only = false;
  std::string month;  // "YYYY-MM": the monthly figures instead of the status table
};

int StatusFail(const std::string& message) {
  std::cerr << "admin status: " << EscapeControlBytes(message) << "\n";
  return 1;
}

// `admin status --month YYYY-MM`: the monthly figures (docs/formats/monthly-figures.md).
int PrintMonth(const StatusArgs& args, const engine::Engine& eng) {
  Result<UnixSeconds> month = ParseMonthArg(args.month);
  if (!month.ok()) {
    std::cerr << "admin status: " << EscapeControlBytes(month.status().message()) << "\n";
    return 2;
  }
  auto reports = MonthlyReports(eng, *month);
  if (!reports.ok()) {
    std::cerr << "admin status: " << EscapeControlBytes(reports.status().message()) << "\n";
    return 1;
  }
  if (args.json) {
    UnixSeconds last = engine::kNever;
    for (UnixSeconds c : eng.state().last_cycle) last = std::max(last, c);
    std::cout << MonthlyJson(*reports, last).dump(2) << "\n";
  } else {
    PrintMonthlyTable(std::cout, *reports);
  }
  return 0;
}

// The TLSA owner names as serve last saw them (<data>/tlsa-status.json,
// written after every refresh round); nullopt when serve never wrote it.
std::optional<dane::TlsaStatusFile> ReadTlsaStatus(const std::string& data) {
  auto text = ReadWholeFile(data + "/tlsa-status.json");
  if (!text.ok()) return std::nullopt;
  auto parsed = dane::ParseTlsaStatusJson(*text);
  if (!parsed.ok()) return std::nullopt;
  return std::move(parsed).value();
}

void PrintTlsaTable(std::ostream& out, const dane::TlsaStatusFile& file) {
  const UnixSeconds now = SystemClock().Now();
  out << fmt::format(
      "TLS client certificates: TLSA owner names as serve saw them at {} ({} s ago):\n",
      FormatIso8601(file.written), now - file.written);
  out << fmt::format("  {:<40} {:<16} {:>7} {:>8}  {}\n", "NAME", "STATE", "RECORDS", "AGE",
                     "LAST ERROR");
  for (const dane::TlsaNameStatus& s : file.names) {
    out << fmt::format("  {:<40} {:<16} {:>7} {:>7}s  {}\n", s.name, dane::TlsaStateName(s.state),
                       s.records, s.fetched_at == 0 ? -1 : now - s.fetched_at,
                       EscapeControlBytes(s.why.substr(0, 120)));
  }
}

int RunStatus(const StatusArgs& args) {
  if (args.tlsa_only) {
    const auto tlsa = ReadTlsaStatus(args.data);
    if (!tlsa)
      return StatusFail("no TLSA status in " + args.data +
                        " (serve writes tlsa-status.json once TLS access entries exist)");
    if (args.json) {
      std::cout << dane::TlsaStatusJson(tlsa->names, tlsa->written);
    } else {
      PrintTlsaTable(std::cout, *tlsa);
    }
    return 0;
  }
  // Read-only: status must work on a directory this user may only read (a
  // serve running as another user), and must never create, migrate or
  // otherwise change a store.
  Result<std::unique_ptr<store::Store>> store = NotFound("");
  if (!args.store.empty()) {
    // Several hosts: reads only (migrations aside, which serve applies too).
    if (Status s = CheckStoreUrl(args.store); !s.ok()) return StatusFail("--store: " + s.message());
    auto pg = store::PostgresStore::Open(args.store);
    if (!pg.ok()) return StatusFail(pg.status().ToString());
    store = std::unique_ptr<store::Store>(std::move(*pg));
  } else {
    store::SqliteStore::Options options;
    options.read_only = true;
    auto lite = store::SqliteStore::Open(StorePath(args.data), options);
    if (!lite.ok()) {
      if (lite.status().code() == StatusCode::kNotFound)
        return StatusFail("no store at " + StorePath(args.data));
      return StatusFail(lite.status().ToString());
    }
    store = std::unique_ptr<store::Store>(std::move(*lite));
  }
  auto days = (*store)->StorageByDay();
  if (!days.ok()) return StatusFail(days.status().ToString());
  if (args.storage_only) {
    if (args.json)
      std::cout << StorageRowsJson(*days).dump(2) << "\n";
    else
      PrintStorageTable(std::cout, *days);
    return 0;
  }
  auto eng = LoadCommittedEngine(**store);
  if (!eng.ok()) return StatusFail(eng.status().ToString());
  if (!args.month.empty()) return PrintMonth(args, **eng);
  const std::vector<ServiceRow> rows = CollectServiceRows(**eng);
  if (args.json) {
    std::cout << ServiceRowsJson(rows).dump(2) << "\n";
    return 0;
  }
  const UnixSeconds last = (*eng)->state().last_cycle[static_cast<std::size_t>(TestKind::kDns)];
  std::cout << fmt::format("{} entities, {} probes; last DNS cycle {}\n\n",
                           (*eng)->entities().size(), (*eng)->probes().size(),
                           last == engine::kNever ? std::string("none") : FormatIso8601(last));
  PrintServiceTable(std::cout, rows);
  std::cout << "\nStored probe data per UTC day:\n";
  PrintStorageTable(std::cout, *days);
  if (const auto tlsa = ReadTlsaStatus(args.data)) {
    std::cout << "\n";
    PrintTlsaTable(std::cout, *tlsa);
  }
  return 0;
}

}  // namespace

void AddAdminCommand(CLI::App& app, int* exit_code) {
  CLI::App* admin = app.add_subcommand("admin", "Operator commands on a data directory");
  admin->require_subcommand(1);
  auto args = std::make_shared<StatusArgs>();
  CLI::App* status = admin->add_subcommand("status", "Status of every entity and service");
  status->add_option("--data", args->data, "Data directory")->capture_default_str();
  status->add_option(
      "--store", args->store,
      "postgresql://... : the PostgreSQL store of several serve hosts instead of --data's");
  status->add_flag("--json", args->json, "JSON instead of a table");
  status->add_flag("--storage", args->storage_only,
                   "Only the stored probe data per day (with --json: its rows)");
  status->add_flag("--tlsa", args->tlsa_only,
                   "Only the TLSA owner names of TLS client certificates (state, age, last error)");
  status->add_option("--month", args->month,
                     "Monthly SLR, RTT and NS-IP figures of YYYY-MM (the latest cycle's month)");
  status->callback([args, exit_code] { *exit_code = RunStatus(*args); });
  AddAdminEntityCommands(admin, exit_code);
  AddAdminProbeCommands(admin, exit_code);
  AddAdminAccessCommands(admin, exit_code);
  AddAdminOperatorCommands(admin, exit_code);
  AddAdminAlertCommands(admin, exit_code);
  AddAdminTlsCommands(admin, exit_code);
  AddAdminIncidentCommands(admin, exit_code);
  AddAdminImportCommands(admin, exit_code);
  AddAdminMigrateCommand(admin, exit_code);
  AddAdminRriCommands(admin, exit_code);
}

}  // namespace tldmon::app

#include "app/simulate_command.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/data_dir.h"
#include "app/network_setup.h"
#include "app/progress_meter.h"
#include "app/settings_file.h"
#include "app/simulate_summary.h"
#include "app/status_table.h"
#include "app/stop_signal.h"
#include "core/clock.h"
#include "documents/document_store.h"
#include "ingest/cycle_pipeline.h"
#include "sim/fault_parse.h"
#include "sim/network.h"
#include "sim/network_feed.h"
#include "sim/network_topology.h"

namespace tldmon::app {
namespace {

constexpr UnixSeconds kGraceSeconds = 120;
// Above this many entities the end-of-run table lists only the interesting ones.
constexpr std::size_t kFullTableEntities = 40;

struct SimulateArgs {
  int tlds = 12;
  int probes = 25;
  double days = 1;
  std::string start = "2026-01-01T00:00:00Z";
  std::uint64_t seed = 1;
  std::vector<std::string> faults;
  std::string fault_file;
  std::string data;
  std::string summary_json;
  bool quiet = false;
  bool no_documents = false;
  int progress_ms = 1000;
};

// Removes a temporary data directory when the run ends.
struct TempDir {
  std::string path;
  ~TempDir() {
    if (path.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

toml::table SettingsOf(const SimulationSpec& spec) {
  toml::array faults;
  for (const std::string& f : spec.faults) faults.push_back(f);
  return toml::table{{"kind", "simulation"},
                     {"tlds", spec.tlds},
                     {"probes", spec.probes},
                     {"start", FormatIso8601(spec.start)},
                     {"seed", static_cast<std::int64_t>(spec.seed)},
                     {"quiet", spec.quiet},
                     {"faults", faults}};
}

// A resumed run must simulate the same network: everything but the length
// must match what the directory was created with.
Status CheckOrWriteSettings(const std::string& dir, const SimulationSpec& spec) {
  const std::string path = dir + "/simulation.toml";
  const toml::table wanted = SettingsOf(spec);
  auto stored = LoadSettings(path);
  if (stored.status().code() == StatusCode::kNotFound) return SaveSettings(path, wanted);
  if (!stored.ok()) return stored.status();
  if (*stored != wanted) {
    std::ostringstream a, b;
    a << *stored;
    b << wanted;
    return FailedPrecondition(dir + " holds a different simulation; use the same --tlds, --probes, "
                              "--start, --seed, --quiet and faults, or another --data directory.\n"
                              "stored:\n" + a.str() + "\nrequested:\n" + b.str());
  }
  return Status::Ok();
}

Result<std::vector<sim::Fault>> ParseFaults(const SimulateArgs& args, UnixSeconds start,
                                            std::vector<std::string>* specs) {
  std::vector<sim::Fault> faults;
  for (const std::string& s : args.faults) {
    auto f = sim::ParseFault(s, start);
    if (!f.ok()) return f.status();
    faults.push_back(std::move(*f));
    specs->push_back(s);
  }
  if (!args.fault_file.empty()) {
    auto text = ReadWholeFile(args.fault_file);
    if (!text.ok()) return text.status();
    auto fs = sim::ParseFaultFile(*text, start);
    if (!fs.ok()) return InvalidArgument(args.fault_file + ": " + fs.status().message());
    for (auto& f : *fs) faults.push_back(std::move(f));
    // The file's contents, not its name, identify the simulation.
    specs->push_back("fault-file:\n" + *text);
  }
  return faults;
}

void PrintSummaryTable(const engine::Engine& engine) {
  std::vector<ServiceRow> rows = CollectServiceRows(engine);
  if (engine.entities().size() > kFullTableEntities) {
    std::vector<ServiceRow> interesting;
    for (ServiceRow& r : rows)
      if (r.incidents > 0 || r.status == "Down") interesting.push_back(std::move(r));
    std::cout << fmt::format("\n{} entities; services with incidents or Down now:\n",
                             engine.entities().size());
    rows = std::move(interesting);
  } else {
    std::cout << "\n";
  }
  PrintServiceTable(std::cout, rows);
}

int RunSimulate(const SimulateArgs& args) {
  if (args.tlds < 1 || args.probes < 1) {
    std::cerr << "simulate: --tlds and --probes must be at least 1\n";
    return 2;
  }
  if (!(args.days > 0) || args.days > 366) {
    std::cerr << "simulate: --days must be in (0, 366]\n";
    return 2;
  }
  auto start_opt = ParseTime(args.start);
  if (!start_opt) {
    std::cerr << "simulate: --start: not a time: " << args.start << "\n";
    return 2;
  }
  SimulationSpec spec;
  spec.tlds = args.tlds;
  spec.probes = args.probes;
  spec.seed = args.seed;
  spec.quiet = args.quiet;
  // Whole RDDS/RDAP cycles (300 s), so every test kind covers the same span.
  spec.start = CycleStart(*start_opt + 299, 300);
  spec.end = CycleStart(spec.start + std::llround(args.days * 86400.0), 300);
  if (spec.end <= spec.start) spec.end = spec.start + 300;

  auto faults = ParseFaults(args, spec.start, &spec.faults);
  if (!faults.ok()) {
    std::cerr << "simulate: " << faults.status().message() << "\n";
    return 2;
  }

  TempDir temp;
  std::string dir = args.data;
  if (dir.empty()) {
    char tmpl[] = "/tmp/tldmon-simulate-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) {
      std::cerr << "simulate: cannot create a temporary directory\n";
      return 1;
    }
    dir = temp.path = tmpl;
  } else if (Status s = EnsureDirectory(dir); !s.ok()) {
    std::cerr << "simulate: " << s.message() << "\n";
    return 1;
  } else if (Status c = CheckOrWriteSettings(dir, spec); !c.ok()) {
    std::cerr << "simulate: " << c.message() << "\n";
    return 1;
  }

  auto store = OpenDataStore(dir);
  if (!store.ok()) {
    std::cerr << "simulate: " << store.status().ToString() << "\n";
    return 1;
  }
  const std::vector<EntityConfig> entities = sim::SyntheticTlds(spec.tlds, spec.seed);
  const std::vector<ProbeNode> probes = sim::SyntheticProbes(spec.probes, spec.seed);
  if (Status s = EnsureConfiguration(store->get(), engine::SlaParams::Defaults(), entities, probes);
      !s.ok()) {
    std::cerr << "simulate: " << s.message() << "\n";
    return 1;
  }

  FakeClock clock(spec.start);
  documents::DocumentStore documents;
  ingest::PipelineOptions popts;
  popts.grace_seconds = kGraceSeconds;
  popts.start = spec.start;
  popts.publish_documents = !args.no_documents;
  // The alert events of the simulated faults are recorded with the default
  // rules (docs/alerts.md), as serve would record them; a serve started on
  // the data directory later delivers them.
  popts.alerts = engine::AlertRules{};
  auto pipeline = ingest::CyclePipeline::Open(store->get(), &documents, &clock, popts);
  if (!pipeline.ok()) {
    std::cerr << "simulate: " << pipeline.status().ToString() << "\n";
    return 1;
  }
  ingest::CyclePipeline& p = **pipeline;
  const UnixSeconds resume = std::max(p.ResumePoint(), spec.start);
  clock.Set(resume);

  sim::NetworkOptions nopts = args.quiet ? sim::NetworkOptions::Quiet(spec.seed) : sim::NetworkOptions{};
  nopts.seed = spec.seed;
  nopts.faults = std::move(*faults);
  const sim::NetworkSimulator network(p.engine().entities(), p.engine().probes(), nopts);
  sim::NetworkFeed feed(&network, &p, &clock);

  std::cout << fmt::format("simulate: {} TLDs, {} probes, {} .. {}, seed {}, {} fault(s), data {}\n",
                           spec.tlds, spec.probes, FormatIso8601(spec.start), FormatIso8601(spec.end),
                           spec.seed, nopts.faults.size(), args.data.empty() ? "(temporary)" : dir);
  if (p.restored()) {
    std::cout << (feed.Finished(spec.end) ? "simulate: already complete in " + dir + "\n"
                                          : "simulate: resuming from " + FormatIso8601(resume) + "\n")
              << std::flush;
  }

  InstallStopHandlers();
  ProgressMeter meter(std::cout, spec.start, spec.end,
                      std::chrono::milliseconds(std::max(10, args.progress_ms)));
  bool stopped = false;
  const Status run = feed.RunUntil(spec.end, kGraceSeconds, [&](UnixSeconds t) {
    meter.Update(t + 60, feed.totals().cycles);
    stopped = StopRequested();
    return !stopped;
  });
  if (!run.ok()) {
    std::cerr << "simulate: " << run.ToString() << "\n";
    return 1;
  }
  if (stopped) {
    std::cout << "simulate: interrupted; run the same command again to resume\n";
    return 130;
  }
  meter.Finish(spec.end, feed.totals().cycles);

  PrintSummaryTable(p.engine());
  std::cout << fmt::format("\n{} cycles processed in this run, {} incidents opened, {} closed\n",
                           feed.totals().cycles, feed.totals().incidents_opened,
                           feed.totals().incidents_closed);

  if (!args.summary_json.empty()) {
    const std::string body = SimulationSummaryJson(p.engine(), spec).dump(2) + "\n";
    if (Status s = WriteFileAtomically(args.summary_json, body); !s.ok()) {
      std::cerr << "simulate: " << s.message() << "\n";
      return 1;
    }
    std::cout << "summary written to " << args.summary_json << "\n";
  }
  return 0;
}

}  // namespace

void AddSimulateCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<SimulateArgs>();
  CLI::App* cmd = app.add_subcommand(
      "simulate", "Run the pipeline on a simulated probe network through simulated time");
  cmd->add_option("--tlds", args->tlds, "Number of simulated TLDs")->capture_default_str();
  cmd->add_option("--probes", args->probes, "Number of simulated probe nodes")->capture_default_str();
  cmd->add_option("--days", args->days, "Simulated days (fractions allowed)")->capture_default_str();
  cmd->add_option("--start", args->start, "Simulation start (ISO 8601 UTC or Unix seconds)")
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "Seed of the simulated network")->capture_default_str();
  cmd->add_option("--fault", args->faults, "Scripted fault (docs/formats/faults.md); repeatable");
  cmd->add_option("--fault-file", args->fault_file, "File of faults, one per line");
  cmd->add_option("--data", args->data,
                  "Data directory; the run persists there and a second run resumes");
  cmd->add_option("--summary-json", args->summary_json, "Write the final counters as JSON here");
  cmd->add_flag("--quiet-network", args->quiet, "No background noise: only the faults change anything");
  cmd->add_flag("--no-documents", args->no_documents, "Do not render MoSAPI documents after each cycle");
  // For tests that need several progress lines from a short run.
  cmd->add_option("--progress-ms", args->progress_ms, "Real time between progress lines (ms)")
      ->group("");
  cmd->callback([args, exit_code] { *exit_code = RunSimulate(*args); });
}

}  // namespace tldmon::app

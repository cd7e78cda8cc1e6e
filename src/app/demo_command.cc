#include "app/demo_command.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "app/data_dir.h"
#include "app/network_setup.h"
#include "app/progress_meter.h"
#include "app/settings_file.h"
#include "app/status_table.h"
#include "app/stop_signal.h"
#include "core/clock.h"
#include "engine/document_paths.h"
#include "engine/document_store.h"
#include "ingest/cycle_pipeline.h"
#include "sim/fault_parse.h"
#include "sim/network.h"
#include "sim/network_feed.h"
#include "sim/network_topology.h"

namespace tldmon::app {
namespace {

constexpr int kDemoProbes = 25;
constexpr UnixSeconds kWeek = 7 * 86400;

struct DemoArgs {
  std::string data = "./demo-data";
  bool once = false;
};

struct DemoSettings {
  UnixSeconds start = 0;
  std::uint64_t seed = 1;
  int probes = kDemoProbes;
  std::vector<std::string> faults;
};

std::string At(UnixSeconds t) { return FormatIso8601(t); }

// The demo's story, anchored at the moment the data directory was created:
// ry/example healthy; ry/broken with an outage three days ago and two of its
// three name servers silent for the last two hours (an active DNS incident);
// ry/dnssec-fail serving bogus signatures for the last 45 minutes;
// ry/rdap-flap answering 503 twenty minutes of every hour since yesterday;
// the registrar rr/9999 fine but for a short WHOIS hiccup on a few probes.
DemoSettings NewSettings(UnixSeconds now) {
  DemoSettings s;
  s.start = CycleStart(now - kWeek, 300);
  const UnixSeconds minute = CycleStart(now, 60);
  const UnixSeconds past_outage = s.start + 4 * 86400;
  s.faults = {
      fmt::format("ns-down entity=ry/broken ns=ns1 from={} for=25m", At(past_outage)),
      fmt::format("ns-down entity=ry/broken ns=ns2 from={} for=25m", At(past_outage)),
      fmt::format("ns-down entity=ry/broken ns=ns1 from={}", At(minute - 2 * 3600)),
      fmt::format("ns-down entity=ry/broken ns=ns2 from={}", At(minute - 2 * 3600)),
      fmt::format("dnssec-broken entity=ry/dnssec-fail from={}", At(minute - 45 * 60)),
      fmt::format("rdap-error entity=ry/rdap-flap http=503 flap=20m/40m from={}", At(minute - 86400)),
      fmt::format("rdds43-timeout entity=rr/9999 probes=20% from={} for=1h", At(s.start + 5 * 86400)),
  };
  return s;
}

toml::table ToToml(const DemoSettings& s) {
  toml::array faults;
  for (const auto& f : s.faults) faults.push_back(f);
  return toml::table{{"kind", "demo"},
                     {"start", At(s.start)},
                     {"seed", static_cast<std::int64_t>(s.seed)},
                     {"probes", s.probes},
                     {"faults", faults}};
}

Result<DemoSettings> FromToml(const toml::table& t) {
  DemoSettings s;
  auto start = ParseTime(t["start"].value_or(std::string()));
  if (!start) return InvalidArgument("demo.toml: bad start");
  s.start = *start;
  s.seed = static_cast<std::uint64_t>(t["seed"].value_or(std::int64_t{1}));
  s.probes = static_cast<int>(t["probes"].value_or(std::int64_t{kDemoProbes}));
  if (const toml::array* arr = t["faults"].as_array())
    for (const auto& f : *arr)
      if (auto v = f.value<std::string>()) s.faults.push_back(*v);
  return s;
}

std::vector<EntityConfig> DemoEntities(std::uint64_t seed) {
  std::vector<EntityConfig> out;
  int index = 0;
  for (const char* tld : {"example", "broken", "dnssec-fail", "rdap-flap"})
    out.push_back(sim::SyntheticTld(tld, index++, seed));
  out.push_back(sim::SyntheticRegistrar(9999));
  return out;
}

// The entity-level documents a MoSAPI client polls: state, alarmed, downtime.
bool IsPolledDocument(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const std::size_t next = std::min(path.find('/', pos), path.size());
    parts.push_back(path.substr(pos, next - pos));
    pos = next + 1;
  }
  if (parts.size() == 5 && parts[3] == "monitoring" && parts[4] == "state") return true;
  return parts.size() == 6 && parts[3] == "monitoring" &&
         (parts[5] == "alarmed" || parts[5] == "downtime");
}

// Mirrors the polled documents into <dir>/documents/<path>.json and drops
// files whose document no longer exists (a disabled service's downtime).
Result<int> WriteDocuments(const engine::DocumentStore& docs, const std::string& dir) {
  const std::string root = dir + "/documents";
  int written = 0;
  for (const auto& [path, doc] : *docs.Snapshot()) {
    if (!IsPolledDocument(path)) continue;
    const std::string file = root + "/" + path + ".json";
    TLDMON_RETURN_IF_ERROR(EnsureDirectory(std::filesystem::path(file).parent_path().string()));
    TLDMON_RETURN_IF_ERROR(WriteFileAtomically(file, doc->body() + "\n"));
    ++written;
  }
  return written;
}

void PrintAlarms(const engine::Engine& engine, UnixSeconds t) {
  std::string alarms;
  for (const ServiceRow& r : CollectServiceRows(engine))
    if (r.alarmed == "Yes") alarms += fmt::format(" {} {}", r.entity.Path(), JsonKey(r.service));
  std::cout << fmt::format("tick {}: alarmed:{}\n", At(t), alarms.empty() ? " none" : alarms) << std::flush;
}

void ShowResult(const ingest::CyclePipeline& p, const engine::DocumentStore& docs,
                const std::string& dir) {
  std::cout << "\n";
  PrintServiceTable(std::cout, CollectServiceRows(p.engine()));
  auto written = WriteDocuments(docs, dir);
  if (!written.ok()) {
    std::cerr << "demo: " << written.status().ToString() << "\n";
    return;
  }
  const EntityId broken{EntityKind::kRegistry, "broken"};
  const std::string example = engine::StatePath(broken, engine::ApiVersion::kV2);
  std::cout << fmt::format("\n{} MoSAPI documents (state, alarmed, downtime) are in {}/documents/\n",
                           *written, dir);
  if (auto doc = docs.Find(example)) {
    std::cout << "for example " << dir << "/documents/" << example << ".json:\n" << doc->body() << "\n";
  }
  std::cout << "\nThe MoSAPI HTTP API server comes in a later issue; until then the documents above are "
               "what it will serve.\n"
            << "Run `tldmon admin status --data " << dir << "` for this table at any time; run "
            << "`tldmon demo --data " << dir << "` again to resume.\n";
}

int RunDemo(const DemoArgs& args) {
  const SystemClock wall;
  const std::string dir = args.data;
  if (Status s = EnsureDirectory(dir); !s.ok()) {
    std::cerr << "demo: " << s.message() << "\n";
    return 1;
  }
  const std::string settings_path = dir + "/demo.toml";
  DemoSettings settings;
  auto stored = LoadSettings(settings_path);
  const bool resuming = stored.ok();
  if (resuming) {
    auto s = FromToml(*stored);
    if (!s.ok()) {
      std::cerr << "demo: " << s.status().message() << "\n";
      return 1;
    }
    settings = std::move(*s);
  } else if (stored.status().code() == StatusCode::kNotFound) {
    settings = NewSettings(wall.Now());
    if (Status s = SaveSettings(settings_path, ToToml(settings)); !s.ok()) {
      std::cerr << "demo: " << s.message() << "\n";
      return 1;
    }
  } else {
    std::cerr << "demo: " << stored.status().message() << "\n";
    return 1;
  }

  std::vector<sim::Fault> faults;
  for (const std::string& spec : settings.faults) {
    auto f = sim::ParseFault(spec, settings.start);
    if (!f.ok()) {
      std::cerr << "demo: " << settings_path << ": " << f.status().message() << "\n";
      return 1;
    }
    faults.push_back(std::move(*f));
  }

  auto store = OpenDataStore(dir);
  if (!store.ok()) {
    std::cerr << "demo: " << store.status().ToString() << "\n";
    return 1;
  }
  if (Status s = EnsureConfiguration(store->get(), engine::SlaParams::Defaults(),
                                     DemoEntities(settings.seed),
                                     sim::SyntheticProbes(settings.probes, settings.seed));
      !s.ok()) {
    std::cerr << "demo: " << s.message() << "\n";
    return 1;
  }

  FakeClock clock(settings.start);
  engine::DocumentStore docs;
  ingest::PipelineOptions popts;
  popts.start = settings.start;
  auto pipeline = ingest::CyclePipeline::Open(store->get(), &docs, &clock, popts);
  if (!pipeline.ok()) {
    std::cerr << "demo: " << pipeline.status().ToString() << "\n";
    return 1;
  }
  ingest::CyclePipeline& p = **pipeline;
  sim::NetworkOptions nopts;
  nopts.seed = settings.seed;
  nopts.faults = std::move(faults);
  const sim::NetworkSimulator network(p.engine().entities(), p.engine().probes(), nopts);
  sim::NetworkFeed feed(&network, &p, &clock);

  UnixSeconds t = CycleStart(std::max(p.ResumePoint(), settings.start), 60);
  std::cout << fmt::format("demo: {} in {} ({} entities, {} probes, simulated since {})\n",
                           resuming ? "resuming" : "seeded a new demo", dir, p.engine().entities().size(),
                           p.engine().probes().size(), At(settings.start));
  InstallStopHandlers();

  // Fast-forward through simulated time up to the current minute.
  const UnixSeconds target = CycleStart(wall.Now(), 60);
  if (t < target) {
    std::cout << fmt::format("demo: fast-forwarding {} .. {}\n", At(t), At(target));
    ProgressMeter meter(std::cout, t, target);
    for (; t < target && !StopRequested(); t += 60) {
      if (Status s = feed.FeedMinute(t); !s.ok()) {
        std::cerr << "demo: " << s.ToString() << "\n";
        return 1;
      }
      meter.Update(t + 60, feed.totals().cycles);
    }
    meter.Finish(t, feed.totals().cycles);
  }

  if (!args.once && !StopRequested()) {
    std::cout << "demo: caught up; now one tick per minute in real time (Ctrl-C to stop)\n";
    if (auto w = WriteDocuments(docs, dir); !w.ok()) std::cerr << "demo: " << w.status().ToString() << "\n";
    PrintAlarms(p.engine(), t);
    while (!StopRequested()) {
      bool fed = false;
      while (t + 60 <= wall.Now() && !StopRequested()) {
        if (Status s = feed.FeedMinute(t); !s.ok()) {
          std::cerr << "demo: " << s.ToString() << "\n";
          return 1;
        }
        t += 60;
        fed = true;
      }
      if (fed) {
        if (auto w = WriteDocuments(docs, dir); !w.ok()) std::cerr << "demo: " << w.status().ToString() << "\n";
        PrintAlarms(p.engine(), t);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  }
  ShowResult(p, docs, dir);
  return 0;
}

}  // namespace

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Seed demo TLDs, fast-forward a simulated week, then run in real time");
  cmd->add_option("--data", args->data, "Data directory (resumed if it exists)")->capture_default_str();
  cmd->add_flag("--once", args->once, "Stop after catching up with the present");
  cmd->callback([args, exit_code] { *exit_code = RunDemo(*args); });
}

}  // namespace tldmon::app

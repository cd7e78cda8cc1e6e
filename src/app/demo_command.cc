#include "app/alert_channels.h"
#include "app/demo_command.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/admin_context.h"
#include "app/api_runtime.h"
#include "app/data_dir.h"
#include "app/demo_access.h"
#include "app/demo_admin_data.h"
#include "app/demo_banner.h"
#include "app/demo_dane.h"
#include "app/live_demo.h"
#include "app/demo_feed_driver.h"
#include "app/engine_loop.h"
#include "app/file_lock.h"
#include "app/network_setup.h"
#include "app/progress_meter.h"
#include "app/serve_command.h"
#include "app/settings_file.h"
#include "app/status_table.h"
#include "app/stop_signal.h"
#include "app/storage_thread.h"
#include "core/clock.h"
#include "documents/document_paths.h"
#include "documents/document_store.h"
#include "ingest/cycle_pipeline.h"
#include "sim/fault_parse.h"
#include "sim/network.h"
#include "sim/network_topology.h"

namespace tldmon::app {
namespace {

constexpr int kDemoProbes = 25;
constexpr UnixSeconds kWeek = 7 * 86400;

struct DemoArgs {
  std::string data = "./demo-data";
  bool once = false;
  std::string config;
  std::vector<std::string> https;
  std::vector<std::string> http;
  std::string log_level = "info";
  bool live = false;
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
      fmt::format("rdap-error entity=ry/rdap-flap http=503 flap=20m/40m from={}",
                  At(minute - 86400)),
      fmt::format("rdds43-timeout entity=rr/9999 probes=20% from={} for=1h",
                  At(s.start + 5 * 86400)),
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

// Seeds a new demo directory, or completes one whose seeding was
// interrupted. A directory whose entities were changed since (`tldmon admin
// entity ...`) is used as it is: the demo serves what the store holds.
Status SeedDemo(store::Store* store, const DemoSettings& settings) {
  auto entities = store->LoadEntities();
  if (!entities.ok()) return entities.status();
  const std::vector<ProbeNode> probes = sim::SyntheticProbes(settings.probes, settings.seed);
  if (entities->empty())
    return EnsureConfiguration(store, engine::SlaParams::Defaults(), DemoEntities(settings.seed),
                               probes);
  auto stored = store->LoadProbes();
  if (!stored.ok()) return stored.status();
  // Probes are added one by one; a run killed in between left a prefix.
  for (std::size_t i = 0; i < stored->size() && i < probes.size(); ++i)
    if (!((*stored)[i].node == probes[i])) return Status::Ok();  // the operator's probes: keep them
  for (std::size_t i = stored->size(); i < probes.size(); ++i) {
    auto idx = store->AddProbe(probes[i]);
    if (!idx.ok()) return idx.status();
  }
  return Status::Ok();
}

std::vector<DemoEntityInfo> DemoStories() {
  return {{{EntityKind::kRegistry, "example"}, "healthy"},
          {{EntityKind::kRegistry, "broken"}, "active DNS incident (2 of 3 name servers silent)"},
          {{EntityKind::kRegistry, "dnssec-fail"}, "bogus DNSSEC signatures for the last 45 min"},
          {{EntityKind::kRegistry, "rdap-flap"}, "RDAP answers 503 twenty minutes of every hour"},
          {{EntityKind::kRegistrar, "9999"}, "registrar: RDDS and RDAP"}};
}

void ShowResult(const ingest::CyclePipeline& p, const documents::DocumentStore& docs,
                const std::string& dir) {
  std::cout << "\n";
  PrintServiceTable(std::cout, CollectServiceRows(p.engine()));
  auto written = WritePolledDocuments(docs, dir);
  if (!written.ok()) {
    std::cerr << "demo: " << written.status().ToString() << "\n";
    return;
  }
  const EntityId broken{EntityKind::kRegistry, "broken"};
  const std::string example = documents::StatePath(broken, documents::ApiVersion::kV2);
  std::cout << fmt::format(
      "\n{} MoSAPI documents (state, alarmed, downtime) are in {}/documents/\n", *written, dir);
  if (auto doc = docs.Find(example)) {
    std::cout << "for example " << dir << "/documents/" << example << ".json:\n"
              << doc->body() << "\n";
  }
  std::cout << "Run `tldmon admin status --data " << dir << "` for this table at any time; run "
            << "`tldmon demo --data " << dir << "` again to resume.\n";
}

int Fail(const Status& s) {
  std::cerr << "demo: " << s.message() << "\n";
  return 1;
}

int RunDemo(const DemoArgs& args) {
  const SystemClock wall;
  const std::string dir = args.data;
  auto start = PrepareServing("demo", args.log_level, args.config, args.https, args.http, dir);
  if (!start.ok()) return Fail(start.status());
  const ServeConfig* config = &start->config;

  const std::string settings_path = dir + "/demo.toml";
  DemoSettings settings;
  auto stored = LoadSettings(settings_path);
  const bool resuming = stored.ok();
  if (resuming) {
    auto s = FromToml(*stored);
    if (!s.ok()) return Fail(s.status());
    settings = std::move(*s);
  } else if (stored.status().code() == StatusCode::kNotFound) {
    settings = NewSettings(wall.Now());
    if (Status s = SaveSettings(settings_path, ToToml(settings)); !s.ok()) return Fail(s);
  } else {
    return Fail(stored.status());
  }

  std::vector<sim::Fault> faults;
  for (const std::string& spec : settings.faults) {
    auto f = sim::ParseFault(spec, settings.start);
    if (!f.ok()) return Fail(InvalidArgument(settings_path + ": " + f.status().message()));
    faults.push_back(std::move(*f));
  }

  // DANE/TLSA client certificates: a local signed zone and a client
  // certificate, before serving (the config learns where the zone is).
  ServeConfig served = *config;
  DemoDane dane;
  if (!args.once) {
    auto started = StartDemoDane(dir, wall.Now(), served);
    if (!started.ok()) return Fail(started.status());
    dane = std::move(started).value();
  }
  config = &served;

  auto store = OpenDataStore(dir);
  if (!store.ok()) return Fail(store.status());
  {
    auto lock = FileLock::Acquire(EngineLockPath(dir), std::chrono::seconds(60));
    if (!lock.ok()) return Fail(lock.status());
    if (Status s = SeedDemo(store->get(), settings); !s.ok()) return Fail(s);
    std::vector<EntityId> ids;
    for (const DemoEntityInfo& e : DemoStories()) ids.push_back(e.id);
    // Access records raise the store's change generation as they are written.
    auto changed = EnsureDemoAccess(**store, ids, config->auth.pwhash);
    if (!changed.ok()) return Fail(changed.status());
    // METRICA reports and the RDAP base URL list, so every endpoint answers.
    auto seeded = EnsureDemoAdminData(**store, DemoEntities(settings.seed), wall.Now());
    if (!seeded.ok()) return Fail(seeded.status());
    if (dane.zone != nullptr) {
      // ry/example and ry/broken: one certificate, two TLDs (an RSP's case).
      if (Status s = EnsureDemoDaneEntries(**store, {ids[0], ids[1]}); !s.ok()) return Fail(s);
    }
  }

  FakeClock clock(settings.start);
  documents::DocumentStore docs;
  DemoFeedDriver driver(&clock, settings.start, settings.seed, std::move(faults), &docs, dir,
                        &std::cout);
  EngineLoopOptions loop_options;
  loop_options.lock_path = EngineLockPath(dir);
  loop_options.tick = config->tick;
  loop_options.pipeline.start = settings.start;
  loop_options.pipeline.grace_seconds = config->grace_seconds;
  if (config->alerts.enabled) loop_options.pipeline.alerts = config->alerts.rules;
  EngineLoop loop(store->get(), &docs, &clock, &wall, &driver, loop_options);
  if (Status s = loop.Open(); !s.ok()) return Fail(s);
  std::cout << fmt::format("demo: {} in {} ({} entities, {} probes, simulated since {})\n",
                           resuming ? "resuming" : "seeded a new demo", dir,
                           loop.pipeline()->engine().entities().size(),
                           loop.pipeline()->engine().probes().size(), At(settings.start));
  InstallStopHandlers();

  // Fast-forward through simulated time up to the current minute.
  Status ff = loop.RunLocked([&](ingest::CyclePipeline&) -> Status {
    const UnixSeconds from = driver.next_minute();
    const UnixSeconds target = CycleStart(wall.Now(), 60);
    if (from >= target) return Status::Ok();
    std::cout << fmt::format("demo: fast-forwarding {} .. {}\n", At(from), At(target));
    ProgressMeter meter(std::cout, from, target);
    std::int64_t cycles = 0;
    Status s = driver.FastForward(target, [&](UnixSeconds next, std::int64_t c) {
      cycles = c;
      meter.Update(next, c);
      return !StopRequested();
    });
    meter.Finish(driver.next_minute(), cycles);
    return s;
  });
  if (!ff.ok()) return Fail(ff);

  if (!args.once && !StopRequested()) {
    auto runtime = ApiRuntime::Start(**store, docs, wall, *config, dir, nullptr, &loop);
    if (!runtime.ok()) return Fail(runtime.status());
    ApiRuntime& rt = **runtime;
    auto alerting = ServingAlerts::Prepare(store->get(), &wall, *config, "demo");
    if (!alerting.ok()) return Fail(alerting.status());
    loop.SetHooks(alerting->Hook(rt.LoopHooks(wall), rt, wall));
    if (auto w = WritePolledDocuments(docs, dir); !w.ok())
      std::cerr << "demo: " << w.status().ToString() << "\n";
    DemoBannerInput banner;
    banner.endpoints = rt.endpoints();
    banner.certificate_file = rt.certificate_file();
    banner.self_signed = rt.self_signed();
    banner.cookie_jar =
        (std::filesystem::absolute(dir) / "cookies.txt").lexically_normal().string();
    banner.entities = DemoStories();
    banner.client_certificate = dane.client_certificate;
    banner.client_key = dane.client_key;
    banner.dane_note = dane.note;
    banner.admin_token_file = rt.admin_token_file();
    banner.dashboard = config->dashboard.enabled;
    std::cout << DemoBanner(banner) << "\n"
              << "demo: caught up; now one tick per minute in real time (Ctrl-C to stop)\n"
              << std::flush;
    loop.Start();
    alerting->Start();
    // The simulated week is compacted right away, later days at midnight.
    StorageThread storage(store->get(), &wall, config->storage);
    storage.Start();
    WaitForStop();
    std::cout << "demo: stopping\n" << std::flush;
    rt.Shutdown();
    storage.Stop();
    loop.Stop();
    alerting->Stop();
  }
  if (loop.pipeline() == nullptr) {
    // The last tick failed; show what the store holds.
    if (Status s = loop.Open(); !s.ok()) return Fail(s);
  }
  ShowResult(*loop.pipeline(), docs, dir);
  return 0;
}

}  // namespace

void AddDemoCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<DemoArgs>();
  CLI::App* cmd = app.add_subcommand(
      "demo", "Seed demo TLDs, fast-forward a simulated week, then run in real time");
  cmd->add_option("--data", args->data, "Data directory (resumed if it exists)")
      ->capture_default_str();
  cmd->add_flag("--once", args->once, "Stop after catching up with the present (serves nothing)");
  cmd->add_option("--config", args->config, "Configuration file (TOML, docs/configuration.md)");
  cmd->add_option("--https", args->https,
                  "Serve HTTPS on ADDR:PORT (repeatable; default 127.0.0.1:8443)");
  cmd->add_option("--http", args->http, "Serve plain HTTP on ADDR:PORT (repeatable; loopback use)");
  cmd->add_option("--log-level", args->log_level, "trace, debug, info, warn, error")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  cmd->add_flag("--live", args->live,
                "Real measurements instead of the simulation: signed fake TLDs on nsd, unbound, serve and "
                "three probe nodes on this machine, with a scripted fault (data: ./demo-live-data)");
  cmd->callback([args, exit_code] {
    if (args->live) {
      LiveDemoArgs live;
      if (args->data != "./demo-data") live.data = args->data;
      if (!args->https.empty()) live.https = args->https.front();
      live.log_level = args->log_level;
      *exit_code = RunLiveDemo(live);
      return;
    }
    *exit_code = RunDemo(*args);
  });
}

}  // namespace tldmon::app

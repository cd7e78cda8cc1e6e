#include "app/serve_command.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

#include "app/admin_context.h"
#include "app/alert_channels.h"
#include "app/api_runtime.h"
#include "app/cluster_role.h"
#include "app/data_dir.h"
#include "app/engine_loop.h"
#include "app/file_lock.h"
#include "app/listen_address.h"
#include "app/serve_store.h"
#include "app/stop_signal.h"
#include "app/storage_thread.h"
#include "core/clock.h"

namespace tldmon::app {
namespace {

struct ServeArgs {
  std::string data;
  std::string config;
  std::vector<std::string> https;
  std::vector<std::string> http;
  std::string store;  // --store: overrides [store] url
  std::string log_level = "info";
};

// [sla] overrides become the store's parameters (under the engine lock, like
// every configuration change; the store raises the change generation).
Status ApplySlaConfig(store::Store& store, const ServeConfig& config, const std::string& data) {
  if (config.sla.empty()) return Status::Ok();
  auto lock = FileLock::Acquire(EngineLockPath(data), std::chrono::seconds(60));
  if (!lock.ok()) return lock.status();
  auto current = store.LoadSlaParams();
  if (!current.ok()) return current.status();
  auto wanted = ApplySlaOverrides(*current, config);
  if (!wanted.ok()) return wanted.status();
  // PutSlaParams raises the change generation in its own transaction.
  return store.PutSlaParams(*wanted);
}

int Fail(const Status& s) {
  std::cerr << "serve: " << s.message() << "\n";
  return 1;
}

int RunServe(const ServeArgs& args) {
  auto start =
      PrepareServing("serve", args.log_level, args.config, args.https, args.http, args.data);
  if (!start.ok()) return Fail(start.status());
  const ServeConfig* config = &start->config;
  InstallStopHandlers();

  ServeConfig::Store store_config = config->store;
  if (!args.store.empty()) {
    if (Status s = CheckStoreUrl(args.store); !s.ok())
      return Fail(InvalidArgument("--store: " + s.message()));
    store_config.url = args.store;
  }
  auto opened = OpenServeStore(args.data, store_config);
  if (!opened.ok()) return Fail(opened.status());
  std::unique_ptr<store::Store>* store = &opened->store;
  if (Status s = ApplySlaConfig(**store, *config, args.data); !s.ok()) return Fail(s);
  // Several hosts: the lease decides which one runs the engine.
  std::unique_ptr<ClusterRole> cluster;
  if (opened->postgres != nullptr)
    cluster = std::make_unique<ClusterRole>(opened->conninfo, opened->postgres,
                                            std::chrono::seconds(store_config.lease_seconds));

  const SystemClock wall;
  documents::DocumentStore documents;
  DueCyclesDriver driver;
  EngineLoopOptions loop_options;
  loop_options.lock_path = EngineLockPath(args.data);
  loop_options.tick = config->tick;
  loop_options.pipeline.grace_seconds = config->grace_seconds;
  if (config->alerts.enabled) loop_options.pipeline.alerts = config->alerts.rules;
  loop_options.pipeline.start = wall.Now();
  // Outlives every re-open of the pipeline (delivery_tracker.h).
  ingest::DeliveryTracker deliveries(config->catch_up_seconds);
  loop_options.pipeline.deliveries = &deliveries;
  loop_options.role = cluster.get();
  EngineLoop loop(store->get(), &documents, &wall, &wall, &driver, loop_options);
  if (Status s = loop.Open(); !s.ok()) return Fail(s);
  // Overdue cycles wait until the probes that were online have backfilled
  // what they measured while serve was down, or the window passes.
  deliveries.BeginCatchUp(loop.pipeline()->ProbesOnlineBefore(), wall.Now());
  if (deliveries.catching_up())
    spdlog::info(
        "engine: waiting up to {} s for {} probe(s) to deliver what they measured while "
        "serve was down",
        config->catch_up_seconds, deliveries.waiting_for().size());

  // Probe results reach the pipeline between two engine ticks.
  struct LoopSink final : probeapi::IngestSink {
    EngineLoop* loop;
    explicit LoopSink(EngineLoop* l) : loop(l) {}
    Status WithPipeline(const std::function<Status(ingest::CyclePipeline&)>& fn) override {
      return loop->WithPipeline(fn);
    }
  } sink(&loop);
  // Several hosts share MoSAPI sessions and lockouts: a client may log in on
  // one and read from another.
  auto runtime = ApiRuntime::Start(**store, documents, wall, *config, args.data, &sink, &loop,
                                   opened->postgres != nullptr ? opened->conninfo : std::string());
  if (!runtime.ok()) return Fail(runtime.status());
  ApiRuntime& rt = **runtime;
  auto alerting = ServingAlerts::Prepare(store->get(), &wall, *config, "serve");
  if (!alerting.ok()) return Fail(alerting.status());
  if (cluster != nullptr) alerting->active = [&loop] { return loop.leading(); };
  EngineLoopHooks hooks = alerting->Hook(rt.LoopHooks(wall), rt, wall);
  if (cluster != nullptr) {
    // One host delivers alerts: the leader, whose cycles queue them.
    hooks.on_role = [&alerting](bool leading) {
      if (leading)
        alerting->Start();
      else
        alerting->Stop();
    };
    rt.SetHealth([c = cluster.get()] { return c->HealthJson(); });
    rt.AddMetrics([c = cluster.get()](std::string& out) { c->AppendMetrics(out); });
    cluster->SetWake([&loop] { loop.Wake(); });
  }
  loop.SetHooks(std::move(hooks));

  const auto& p = *loop.pipeline();
  std::cout << "serve: " << p.engine().entities().size() << " entities, "
            << p.engine().probes().size() << " probes " << opened->where << "\n";
  if (cluster != nullptr)
    std::cout << "serve: one of several hosts; the engine runs on whichever holds the lease"
                 " (GET /healthz says which)\n";
  for (const ServedEndpoint& e : rt.endpoints())
    std::cout << "serve: listening on " << e.url << "\n";
  if (!rt.certificate_file().empty())
    std::cout << "serve: TLS certificate " << rt.certificate_file()
              << (rt.self_signed() ? " (self-signed; clients: curl --cacert <it>)" : "") << "\n";
  if (!rt.admin_token_file().empty())
    std::cout << "serve: admin API at /admin/v1/ for loopback callers; bearer token in "
              << rt.admin_token_file() << " (docs/admin-api.md)\n";
  std::cout << "serve: endpoints also in " << args.data << "/serve.json; SIGTERM or Ctrl-C stops\n"
            << std::flush;

  if (cluster != nullptr) cluster->Start();
  loop.Start();
  if (cluster == nullptr) alerting->Start();
  StorageThread storage(store->get(), &wall, config->storage);
  storage.Start();
  WaitForStop();
  std::cout << "serve: stopping\n" << std::flush;
  rt.Shutdown();
  storage.Stop();
  loop.Stop();
  // Resign the lease: another host takes over at once, not after its ttl.
  if (cluster != nullptr) cluster->Stop();
  alerting->Stop();
  std::cout << "serve: stopped\n" << std::flush;
  return 0;
}

}  // namespace

Result<ServingStart> PrepareServing(const std::string& command, const std::string& log_level,
                                    const std::string& config_path,
                                    const std::vector<std::string>& https,
                                    const std::vector<std::string>& http, const std::string& data) {
  spdlog::set_default_logger(spdlog::stderr_color_mt(command));
  spdlog::set_level(spdlog::level::from_str(log_level));
  auto config = LoadServeConfig(config_path);
  if (!config.ok()) return config.status();
  http::ListenEndpoint fallback;
  fallback.address = "127.0.0.1";
  fallback.port = 8443;
  fallback.tls = true;
  TLDMON_RETURN_IF_ERROR(ResolveEndpoints(https, http, fallback, &*config));
  TLDMON_RETURN_IF_ERROR(EnsureDirectory(data));
  auto serve_lock = FileLock::TryAcquire(ServeLockPath(data));
  if (!serve_lock.ok())
    return serve_lock.status().code() == StatusCode::kUnavailable
               ? Unavailable("another tldmon serve or demo is running on " + data)
               : serve_lock.status();
  return ServingStart{std::move(*config), std::move(*serve_lock)};
}

Status ResolveEndpoints(const std::vector<std::string>& https, const std::vector<std::string>& http,
                        const http::ListenEndpoint& fallback, ServeConfig* config) {
  if (!https.empty() || !http.empty()) {
    config->server.endpoints.clear();
    for (const auto& [list, tls] : {std::pair{&https, true}, std::pair{&http, false}}) {
      for (const std::string& text : *list) {
        auto e = ParseListenAddress(text, tls);
        if (!e.ok())
          return InvalidArgument(std::string(tls ? "--https: " : "--http: ") +
                                 e.status().message());
        config->server.endpoints.push_back(*e);
      }
    }
  }
  if (config->server.endpoints.empty()) config->server.endpoints.push_back(fallback);
  return Status::Ok();
}

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Run the engine and serve the MoSAPI API");
  cmd->add_option("--data", args->data, "Data directory")->required();
  cmd->add_option("--config", args->config, "Configuration file (TOML, docs/configuration.md)");
  cmd->add_option("--https", args->https,
                  "Serve HTTPS on ADDR:PORT (repeatable; default 127.0.0.1:8443)");
  cmd->add_option("--http", args->http,
                  "Serve plain HTTP on ADDR:PORT (repeatable; for loopback use)");
  cmd->add_option("--store", args->store,
                  "postgresql://... : share a PostgreSQL store with other serve hosts (default:"
                  " SQLite in --data; no password here: [store] password_file or PGPASSFILE)");
  cmd->add_option("--log-level", args->log_level, "trace, debug, info, warn, error")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
  cmd->callback([args, exit_code] { *exit_code = RunServe(*args); });
}

}  // namespace tldmon::app

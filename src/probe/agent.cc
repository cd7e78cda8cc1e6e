#include "probe/agent.h"
#include "probe/curl_multi.h"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "core/detached_completion.h"
#include "probe/agent_runner.h"
#include "probe/config_client.h"
#include "probe/pusher.h"
#include "probe/scheduler.h"
#include "probe/scheduler_clock.h"

namespace tldmon::probe {
namespace {

// The config thread's body: poll at once, then every `every` (sooner while
// there is no configuration at all, so a new probe starts testing quickly).
void ConfigLoop(std::stop_token stop, ConfigClient& client, bool have_config,
                std::chrono::seconds every,
                const std::function<void(std::shared_ptr<const probewire::ProbeConfig>)>& apply) {
  std::mutex mu;
  std::condition_variable_any cv;
  while (!stop.stop_requested()) {
    ConfigPoll poll = client.Poll();
    if (poll.outcome == ConfigPoll::Outcome::kUpdated && poll.config) {
      apply(std::make_shared<const probewire::ProbeConfig>(std::move(*poll.config)));
      have_config = true;
    } else if (poll.outcome == ConfigPoll::Outcome::kFailed && !have_config) {
      // ConfigClient logged why; say what it means while there is nothing.
      spdlog::warn("probe: no test configuration yet; only the online check runs");
    }
    const auto wait = have_config ? every : std::min(every, std::chrono::seconds(10));
    std::unique_lock lock(mu);
    cv.wait_for(lock, stop, wait, [] { return false; });
  }
}

}  // namespace

Status RunAgent(const AgentOptions& options, const Clock& clock,
                const std::function<bool()>& stop_requested) {
  std::error_code ec;
  std::filesystem::create_directories(options.data_dir, ec);
  if (ec) {
    return IoError("cannot create the probe data directory " + options.data_dir + ": " +
                           ec.message());
  }
  const std::string outbox_path = Outbox::PathIn(options.data_dir);
  auto tests_outbox = Outbox::Open(outbox_path);
  if (!tests_outbox.ok()) return tests_outbox.status();
  auto push_outbox = Outbox::Open(outbox_path);
  if (!push_outbox.ok()) return push_outbox.status();
  auto config_outbox = Outbox::Open(outbox_path);
  if (!config_outbox.ok()) return config_outbox.status();
  if (auto depth = (*tests_outbox)->Depth(); depth.ok() && *depth > 0) {
    spdlog::info("probe outbox {}: {} results from before the restart still to send",
                 outbox_path, *depth);
  }

  boost::asio::io_context io;
  boost::asio::thread_pool checks(2);    // signature verification off the loop
  CurlMulti web(io.get_executor());     // libcurl (RDDS80, RDAP) on the loop
  SignatureCache signatures;

  AgentRunnerEnv env;
  env.probe_name = options.name;
  env.dns.resolver = options.resolver;
  env.dns.ipv4 = options.ipv4;
  env.dns.ipv6 = options.ipv6;
  env.dns.name_server_port = options.name_server_port;
  env.dns.cache = &signatures;
  env.dns.checks = &checks;
  env.rdds.resolver = options.resolver;
  env.rdds.ipv4 = options.ipv4;
  env.rdds.ipv6 = options.ipv6;
  env.rdds.rdds43_port = options.rdds43_port;
  env.rdds.web = &web;
  env.online.root_servers =
      options.root_servers.empty() ? DefaultRootServers() : options.root_servers;
  env.online.ipv4 = options.ipv4;
  env.online.ipv6 = options.ipv6;
  env.online.min_servers = options.online_min_servers;
  env.online.reply_ms = options.online_reply_ms;
  AgentRunner runner(std::move(env), **tests_outbox, clock);

  CentralHttp push_http(options.central);
  PusherOptions push_options;
  push_options.probe_name = options.name;
  push_options.batch_items = options.push_batch_items;
  push_options.max_age_seconds = options.outbox_max_age_seconds;
  push_options.max_rows = options.outbox_max_rows;
  std::mt19937_64 rng{std::random_device{}()};
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  Pusher pusher(**push_outbox, push_http, push_options, clock,
                PushBackoff(std::chrono::seconds(1), std::chrono::minutes(5),
                            [&rng, &unit] { return unit(rng); }));

  SystemCycleClock cycle_clock(io, clock);
  SchedulerOptions scheduler_options;
  scheduler_options.probe_name = options.name;
  scheduler_options.concurrency = options.max_in_flight;
  scheduler_options.ipv4 = options.ipv4;
  scheduler_options.ipv6 = options.ipv6;
  Scheduler scheduler(io, runner, **tests_outbox, cycle_clock, scheduler_options,
                      [&pusher] { pusher.Wake(); });
  auto apply = [&scheduler, &runner](std::shared_ptr<const probewire::ProbeConfig> config) {
    scheduler.SetConfig(config);
    runner.SetConfig(std::move(config));
  };

  CentralHttp config_http(options.central);
  ConfigClient config_client(config_http, options.data_dir, config_outbox->get(), clock);
  bool have_config = false;
  if (auto last = config_client.LoadLastGood()) {
    apply(std::make_shared<const probewire::ProbeConfig>(std::move(*last)));
    have_config = true;
  }

  std::jthread push_thread([&pusher](std::stop_token stop) { pusher.Run(stop); });
  std::jthread config_thread([&, have_config](std::stop_token stop) {
    ConfigLoop(stop, config_client, have_config, options.config_poll,
               [&io, &apply](std::shared_ptr<const probewire::ProbeConfig> config) {
                 boost::asio::post(io, [&apply, config] { apply(config); });
               });
  });

  scheduler.Start();
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        boost::asio::steady_timer timer(io);
        while (!stop_requested()) {
          timer.expires_after(std::chrono::milliseconds(200));
          co_await timer.async_wait(boost::asio::use_awaitable);
        }
        io.stop();
      },
      DetachedCompletion("probe stop watcher"));
  spdlog::info("probe {} testing; results to {} (outbox {})", options.name,
               options.central.base_url, outbox_path);
  io.run();

  // Tests in flight are abandoned: their cycle's reports were not queued
  // and the central side counts those minutes as this probe's absence.
  config_thread.request_stop();
  push_thread.request_stop();
  pusher.Wake();
  config_thread.join();
  push_thread.join();
  checks.join();
  auto depth = (*tests_outbox)->Depth();
  spdlog::info("probe stopped; {} results queued for the next start",
               depth.ok() ? std::to_string(*depth) : "?");
  return Status::Ok();
}

}  // namespace tldmon::probe

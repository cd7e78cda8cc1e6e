#include "app/live_demo.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/data_dir.h"
#include "app/demo_access.h"
#include "app/demo_banner.h"
#include "app/stop_signal.h"
#include "auth/auth_limits.h"
#include "core/clock.h"
#include "lab/dns_lab.h"
#include "probeapi/probe_tokens.h"

namespace tldmon::app {
namespace {

namespace fs = std::filesystem;

// The TLDs of the live demo and what happens to them.
constexpr const char* kHealthy = "live-example";
constexpr const char* kFlaky = "live-flaky";    // ns2 stops a few minutes in
constexpr const char* kBogus = "live-dnssec";   // ns2 serves corrupted signatures
constexpr int kProbes = 3;

std::string SelfExe() {
  std::error_code ec;
  const auto p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? "tldmon" : p.string();
}

int Fail(const std::string& what) {
  std::cerr << "tldmon demo --live: " << what << "\n";
  return 1;
}

std::string Clock(UnixSeconds t) { return FormatIso8601(t).substr(11, 8); }

// serve.json, once serve has written it: its endpoints and certificate.
bool ReadServeJson(const std::string& path, DemoBannerInput* in) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return false;
  const nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object() || !j.contains("endpoints")) return false;
  for (const auto& e : j["endpoints"]) {
    in->endpoints.push_back({e.value("url", ""), e.value("address", ""),
                             static_cast<std::uint16_t>(e.value("port", 0)), e.value("tls", false)});
  }
  in->certificate_file = j.value("certificate", "");
  in->self_signed = j.value("selfSigned", false);
  return !in->endpoints.empty();
}

}  // namespace

int RunLiveDemo(const LiveDemoArgs& args) {
  InstallStopHandlers();
  const std::string data = fs::absolute(args.data).lexically_normal().string();
  // The lab's keys are new each run, so the entities must be too.
  std::error_code ec;
  fs::remove_all(data, ec);
  fs::create_directories(data + "/probes", ec);
  if (ec) return Fail("cannot create " + data + ": " + ec.message());

  std::cout << "demo --live: signing the fake TLDs and starting nsd, unbound (a few seconds) ...\n"
            << std::flush;
  lab::DnsLabOptions lab_options;
  lab_options.tlds = {{kHealthy, {lab::ZoneVariant::kGood, lab::ZoneVariant::kGood}},
                      {kFlaky, {lab::ZoneVariant::kGood, lab::ZoneVariant::kGood}},
                      {kBogus, {lab::ZoneVariant::kGood, lab::ZoneVariant::kBogus}}};
  lab_options.root_servers = 5;
  auto started = lab::DnsLab::Start(lab_options);
  if (!started.ok()) return Fail(started.status().message());
  std::unique_ptr<lab::DnsLab> dns = std::move(started).value();

  // The central side's configuration, written before serve starts.
  std::vector<std::string> tokens;
  {
    auto store = OpenDataStore(data);
    if (!store.ok()) return Fail(store.status().message());
    std::vector<EntityConfig> entities;
    std::vector<EntityId> ids;
    for (const char* tld : {kHealthy, kFlaky, kBogus}) {
      EntityConfig e;
      e.id = EntityId{EntityKind::kRegistry, tld};
      e.SetEnabled(Service::kDns, true);
      e.SetEnabled(Service::kDnssec, true);
      e.name_servers = dns->NameServers(tld);
      e.min_ns = MinNsSchedule{2, {}};
      ids.push_back(e.id);
      entities.push_back(std::move(e));
    }
    if (Status s = (*store)->PutEntities(entities); !s.ok()) return Fail(s.message());
    for (int i = 1; i <= kProbes; ++i) {
      ProbeNode node;
      node.name = "LiveProbe" + std::to_string(i);
      node.ipv6 = false;
      if (auto added = (*store)->AddProbe(node); !added.ok()) return Fail(added.status().message());
      auto token = probeapi::IssueProbeToken(**store, node.name);
      if (!token.ok()) return Fail(token.status().message());
      tokens.push_back(*token);
    }
    auto access = EnsureDemoAccess(**store, ids, auth::AuthLimits{}.pwhash);
    if (!access.ok()) return Fail(access.status().message());
  }
  std::ofstream(data + "/serve.toml")
      << "# tldmon demo --live: short grace, the lab's three probes are enough\n"
         "[engine]\ntick_seconds = 1\ngrace_seconds = 15\n"
         "[sla]\n\"dns.min_online\" = 3\n\"dnssec.min_online\" = 3\nprobe_online_delay_seconds = 0\n";

  const std::string self = SelfExe();
  lab::ChildProcess serve;
  if (Status s = serve.Start({self, "serve", "--data", data, "--config", data + "/serve.toml",
                              "--https", args.https, "--log-level", args.log_level},
                             data + "/serve.log");
      !s.ok())
    return Fail(s.message());
  DemoBannerInput banner;
  for (int i = 0; i < 300 && !ReadServeJson(data + "/serve.json", &banner); ++i) {
    if (!serve.Alive() || StopRequested()) {
      return Fail("serve stopped; see " + data + "/serve.log");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (banner.endpoints.empty()) return Fail("serve did not start; see " + data + "/serve.log");
  banner.dashboard = true;  // serve's default config

  std::string roots;
  for (const std::string& r : dns->RootServers()) roots += (roots.empty() ? "\"" : ", \"") + r + "\"";
  std::vector<std::unique_ptr<lab::ChildProcess>> probes;
  for (int i = 1; i <= kProbes; ++i) {
    const std::string dir = data + "/probes/LiveProbe" + std::to_string(i);
    std::ofstream(dir + ".token") << tokens[static_cast<std::size_t>(i - 1)] << "\n";
    std::ofstream(dir + ".toml") << "[probe]\nname = \"LiveProbe" << i << "\"\ncentral_url = \""
                                 << banner.endpoints[0].url << "\"\ntoken_file = \"" << dir
                                 << ".token\"\nca_file = \"" << banner.certificate_file
                                 << "\"\ndata = \"" << dir << "\"\nconfig_poll_seconds = 10\n"
                                 << "[dns]\nresolver = \"" << dns->Resolver()
                                 << "\"\nipv6 = false\nname_server_port = " << dns->port()
                                 << "\n[online]\nroot_servers = [" << roots << "]\n";
    auto p = std::make_unique<lab::ChildProcess>();
    if (Status s = p->Start({self, "probe", "--config", dir + ".toml", "--log-level", args.log_level},
                            dir + ".log");
        !s.ok())
      return Fail(s.message());
    probes.push_back(std::move(p));
  }

  banner.cookie_jar = data + "/cookies.txt";
  banner.simulated_entities = false;
  banner.entities = {{EntityId{EntityKind::kRegistry, kFlaky}, "a name server stops a few minutes in"},
                     {EntityId{EntityKind::kRegistry, kHealthy}, "healthy"},
                     {EntityId{EntityKind::kRegistry, kBogus}, "one name server has bogus DNSSEC signatures"}};
  SystemClock clock;
  const UnixSeconds start = clock.Now();
  const UnixSeconds fault_at = start + args.fault_after_seconds;
  const UnixSeconds fault_end = fault_at + args.fault_for_seconds;
  const NameServer flaky_ns2 = dns->NameServers(kFlaky)[1];
  std::cout << DemoBanner(banner) << "\n"
            << "Real measurements: 3 probe nodes test " << kHealthy << ", " << kFlaky << " and " << kBogus
            << " on nsd (127.0.0.x, port " << dns->port() << "), DNSSEC through unbound ("
            << dns->Resolver() << ").\n"
            << "Verdicts start with the first full minute; watch them with the curl commands above, or:\n"
            << "  " << self << " admin status --data " << data << "\n"
            << "  " << self << " probe status --data " << data << "/probes/LiveProbe1\n"
            << "Scripted fault: " << flaky_ns2.name << " (" << flaky_ns2.ips[0] << ") stops at "
            << Clock(fault_at) << " UTC for " << args.fault_for_seconds / 60
            << " minutes: DNS of ry/" << kFlaky << " goes Down and an incident opens, then closes.\n"
            << "Logs: " << data << "/serve.log, " << data << "/probes/*.log. Ctrl-C stops everything.\n"
            << std::flush;

  bool fault_started = false, fault_ended = false;
  while (!StopRequested()) {
    const UnixSeconds now = clock.Now();
    if (!fault_started && now >= fault_at) {
      dns->StopServer(flaky_ns2.ips[0]);
      fault_started = true;
      std::cout << Clock(now) << " fault: " << flaky_ns2.name << " stopped (until " << Clock(fault_end)
                << ")\n" << std::flush;
    }
    if (fault_started && !fault_ended && now >= fault_end) {
      Status s = dns->StartServer(flaky_ns2.ips[0]);
      fault_ended = true;
      std::cout << Clock(now) << " fault over: " << flaky_ns2.name << " "
                << (s.ok() ? "serves again" : "did not restart: " + s.message()) << "\n" << std::flush;
    }
    if (!serve.Alive()) return Fail("serve stopped; see " + data + "/serve.log");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  std::cout << "demo --live: stopping the probes, serve and the lab ...\n" << std::flush;
  for (auto& p : probes) p->Stop();
  serve.Stop();
  return 0;
}

}  // namespace tldmon::app

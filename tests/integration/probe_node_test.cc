// `tldmon probe` against `tldmon serve` through the real binaries on
// loopback: the probe fetches its configuration, tests, queues and pushes;
// SIGKILLed at 20 random points (seeded) and restarted each time, it loses
// nothing it queued and the central side counts nothing twice.
//
// The name server and the root servers of this test are addresses where
// nothing listens, so every test fails fast with a code (there is no DNS
// server in this test; real name servers are the DNS fixture tests' business).
// The test lasts a few minutes of wall time: DNS cycles are 60 s, the
// shortest the SLA parameters allow.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <ctime>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "lab/dns_lab.h"
#include "subprocess.h"
#include "test_paths.h"

namespace tldmon::integration {
namespace {

class ProbeNodeTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (serve_ != nullptr && !serve_->eof()) serve_->Kill(SIGKILL);
  }
  std::string Data() const { return tmp_ / "central"; }

  RunResult Admin(std::vector<std::string> args) {
    std::vector<std::string> argv = {kBinary, "admin"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--data");
    argv.push_back(Data());
    return RunToEnd(argv, std::chrono::seconds(120));
  }

  void StartServe() {
    std::ofstream(tmp_ / "serve.toml")
        << "[engine]\ntick_seconds = 1\ngrace_seconds = 10\n[sla]\n\"dns.min_online\" = 1\n";
    serve_ = std::make_unique<Subprocess>(std::vector<std::string>{
        kBinary, "serve", "--data", Data(), "--config", tmp_ / "serve.toml", "--http", "127.0.0.1:0"});
    ASSERT_TRUE(serve_->started());
    std::string line;
    while (central_.empty() && serve_->ReadLine(&line, In(std::chrono::seconds(60)))) {
      const std::size_t at = line.find("listening on ");
      if (at != std::string::npos) central_ = line.substr(at + 13);
    }
    ASSERT_FALSE(central_.empty());
  }
  // serve's output is a pipe: read what is there so it never blocks on it.
  void DrainServe() {
    std::string line;
    while (serve_->ReadLine(&line, In(std::chrono::milliseconds(5)))) {
    }
  }

  void WriteProbeConfig(const std::string& token) {
    std::ofstream(tmp_ / "token") << token << "\n";
    const int port = lab::FreeDnsPort();  // nothing listens there
    std::ofstream(tmp_ / "probe.toml")
        << "[probe]\nname = \"P1\"\ncentral_url = \"" << central_ << "\"\ntoken_file = \"token\"\n"
        << "data = \"node\"\nconfig_poll_seconds = 5\n"
        << "[dns]\nresolver = \"127.0.0.1@" << port << "\"\nipv6 = false\nname_server_port = "
        << port << "\n[online]\nroot_servers = [\"127.0.0.3@" << port << "\"]\nmin_servers = 1\n";
  }
  std::unique_ptr<Subprocess> StartProbe() {
    auto p = std::make_unique<Subprocess>(
        std::vector<std::string>{kBinary, "probe", "--config", tmp_ / "probe.toml"});
    EXPECT_TRUE(p->started());
    return p;
  }
  nlohmann::json ProbeStatus() {
    const RunResult r = RunToEnd({kBinary, "probe", "status", "--data", tmp_ / "node", "--json"},
                                 std::chrono::seconds(60));
    EXPECT_EQ(r.exit_code(), 0) << r.output;
    return nlohmann::json::parse(r.output, nullptr, false);
  }
  // The probe reports the central store holds (every day).
  long long CentralReports() {
    const RunResult r = Admin({"status", "--storage", "--json"});
    EXPECT_EQ(r.exit_code(), 0) << r.output;
    const nlohmann::json j = nlohmann::json::parse(r.output, nullptr, false);
    long long n = 0;
    if (!j.is_array()) {
      ADD_FAILURE() << r.output;
      return -1;
    }
    for (const auto& row : j) n += row.value("reports", 0LL);
    return n;
  }

  TempDir tmp_;
  std::unique_ptr<Subprocess> serve_;
  std::string central_;
};

TEST_F(ProbeNodeTest, KilledTwentyTimesItLosesNothingAndNothingIsCountedTwice) {
  ASSERT_EQ(Admin({"entity", "add", "ry/killtest", "--services", "dns", "--no-dnssec", "--ns",
                   "ns1.killtest=127.0.0.2", "--min-ns", "1"})
                .exit_code(),
            0);
  const RunResult added = Admin({"probe", "add", "P1", "--no-ipv6", "--json"});
  ASSERT_EQ(added.exit_code(), 0) << added.output;
  const auto probe_json = nlohmann::json::parse(added.output, nullptr, false);
  ASSERT_TRUE(probe_json.contains("token")) << added.output;
  StartServe();
  WriteProbeConfig(probe_json["token"].get<std::string>());
  const auto wall = [] { return static_cast<long long>(std::time(nullptr)); };
  const long long started = wall();

  // Every cycle a probe logs as queued ("probe dns cycle <time>: ...").
  const std::regex queued(R"(probe dns cycle (\S+): 1 tests)");
  std::set<std::string> logged;
  auto collect = [&](const std::string& output) {
    for (std::sregex_iterator it(output.begin(), output.end(), queued), end; it != end; ++it)
      logged.insert((*it)[1]);
  };

  std::mt19937 rng(20261203);
  std::uniform_int_distribution<int> run_ms(500, 9000);
  const int kKills = 20;
  for (int i = 0; i < kKills; ++i) {
    auto probe = StartProbe();
    std::string out;
    const Deadline until = In(std::chrono::milliseconds(run_ms(rng)));
    std::string line;
    while (probe->ReadLine(&line, until)) out += line + "\n";
    probe->Kill(SIGKILL);
    out += probe->ReadAll(In(std::chrono::seconds(10)));
    const int status = probe->Wait();
    ASSERT_TRUE(WIFSIGNALED(status)) << "the probe stopped by itself:\n" << out;
    collect(out);
    DrainServe();
  }

  // A last run through at least two more cycles, then until its outbox is empty.
  auto probe = StartProbe();
  std::string out, line;
  const std::size_t before = logged.size();
  const Deadline bound = In(std::chrono::seconds(200));
  while (probe->ReadLine(&line, bound)) {
    out += line + "\n";
    collect(line);
    DrainServe();
    if (logged.size() >= before + 2) break;
  }
  ASSERT_GE(logged.size(), before + 2) << out;
  long long depth = -1;
  for (int i = 0; i < 60 && depth != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const nlohmann::json st = ProbeStatus();
    depth = st.value("outbox_depth", -1LL);
    DrainServe();
  }
  probe->Kill(SIGTERM);
  out += probe->ReadAll(In(std::chrono::seconds(30)));
  const int status = probe->Wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << out;
  collect(out);
  ASSERT_EQ(depth, 0) << "the outbox did not drain:\n" << out;

  // Nothing lost: every queued cycle is stored centrally. A kill between the
  // queueing and its log line can add a stored cycle without a line, at most
  // one per kill. Nothing twice: one report per cycle at most, so never more
  // reports than cycles since the first one.
  const long long stored = CentralReports();
  const long long logged_n = static_cast<long long>(logged.size());
  EXPECT_GE(stored, logged_n);
  EXPECT_LE(stored, logged_n + kKills);
  EXPECT_LE(stored, wall() / 60 - started / 60 + 1) << "more reports than DNS cycles in the run";
  ASSERT_FALSE(logged.empty());
  EXPECT_GT(logged_n, 0);
  serve_->Kill(SIGTERM);
  serve_->ReadAll(In(std::chrono::seconds(30)));
  serve_->Wait();
}

}  // namespace
}  // namespace tldmon::integration

// `tldmon serve` through the real binary on loopback (plain HTTP, port 0):
// login, documents and logout; `tldmon admin` changes picked up while it
// runs (allow-lists, new entities, a false positive that changes downtime);
// graceful SIGTERM; refused configurations. HTTPS with the generated
// certificate is exercised with the real curl in demo_test.cc and tests/e2e.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <ctime>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http_client.h"
#include "subprocess.h"
#include "test_paths.h"

namespace tldmon::integration {
namespace {

constexpr auto kServeBound = std::chrono::seconds(120);

// Cheap Argon2id (tests hash and verify many times) and a 1 s engine tick.
constexpr const char* kFastConfig =
    "[auth]\nargon2_opslimit = 1\nargon2_memlimit_kib = 8\n[engine]\ntick_seconds = 1\n";

class ServeTest : public ::testing::Test {
 protected:
  void SetUp() override { std::ofstream(tmp_ / "fast.toml") << kFastConfig; }
  void TearDown() override {
    if (server_ != nullptr && !server_->eof()) server_->Kill(SIGKILL);
  }

  std::string Data() const { return tmp_ / "data"; }

  RunResult Admin(std::vector<std::string> args, const std::string& stdin_data = "") {
    std::vector<std::string> argv = {kBinary, "admin"};
    argv.insert(argv.end(), args.begin(), args.end());
    for (const char* a : {"--data"}) argv.push_back(a);
    argv.push_back(Data());
    return RunToEnd(argv, kServeBound, stdin_data);
  }

  // Runs a changing admin command with --json and returns the change
  // generation it committed.
  std::uint64_t Change(std::vector<std::string> args, const std::string& stdin_data = "") {
    args.push_back("--json");
    const RunResult r = Admin(args, stdin_data);
    EXPECT_EQ(r.exit_code(), 0) << r.output;
    const nlohmann::json j = nlohmann::json::parse(r.output, nullptr, false);
    if (j.is_discarded() || !j.contains("generation")) {
      ADD_FAILURE() << "no generation in: " << r.output;
      return 0;
    }
    return j["generation"].get<std::uint64_t>();
  }

  // An entity a client may use from loopback with password "pw".
  void AddUsableEntity(const std::string& entity, const std::string& ns) {
    ASSERT_EQ(Admin({"entity", "add", entity, "--ns", ns}).exit_code(), 0);
    UsableAccess(entity);
  }
  void UsableAccess(const std::string& entity) {
    ASSERT_EQ(
        Admin({"password", "set", entity, "--config", tmp_ / "fast.toml"}, "pw\n").exit_code(), 0);
    ASSERT_EQ(Admin({"allow", "add", entity, "127.0.0.0/8"}).exit_code(), 0);
  }

  // Starts serve and reads its output up to the "listening on" lines.
  void StartServe() {
    server_ = std::make_unique<Subprocess>(
        std::vector<std::string>{kBinary, "serve", "--data", Data(), "--config", tmp_ / "fast.toml",
                                 "--http", "127.0.0.1:0", "--https", "127.0.0.1:0"});
    ASSERT_TRUE(server_->started());
    const Deadline deadline = In(std::chrono::seconds(60));
    std::string line;
    while ((http_.empty() || https_.empty()) && server_->ReadLine(&line, deadline)) {
      output_ += line + "\n";
      const std::size_t at = line.find("listening on ");
      if (at == std::string::npos) continue;
      const std::string url = line.substr(at + 13);
      (url.rfind("https://", 0) == 0 ? https_ : http_) = url;
    }
    ASSERT_FALSE(http_.empty()) << output_;
    ASSERT_FALSE(https_.empty()) << output_;
  }

  // Reads server output until a line contains `text` (the server logs
  // "generation N" once it has re-read the store after a change).
  bool WaitForOutput(const std::string& text) {
    const Deadline deadline = In(std::chrono::seconds(60));
    std::string line;
    while (server_->ReadLine(&line, deadline)) {
      output_ += line + "\n";
      if (line.find(text) != std::string::npos) return true;
    }
    return false;
  }
  bool WaitForGeneration(std::uint64_t g) {
    return WaitForOutput("(generation " + std::to_string(g) + ")");
  }

  // SIGTERM; returns the exit status after the rest of the output.
  int Stop() {
    server_->Kill(SIGTERM);
    output_ += server_->ReadAll(In(std::chrono::seconds(60)));
    const int status = server_->Wait();
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // Logs in and returns the Cookie header value (empty on failure).
  std::string Login(const std::string& entity, const std::string& user, int* status = nullptr) {
    const HttpResponse r = HttpGet(http_, "/" + entity + "/login",
                                   {"Authorization: " + BasicAuthorization(user, "pw")});
    if (status != nullptr) *status = r.status;
    return r.status == 200 ? CookiePair(r.Header("set-cookie")) : "";
  }
  HttpResponse Get(const std::string& path, const std::string& cookie) {
    return HttpGet(http_, path, {"Cookie: " + cookie});
  }

  TempDir tmp_;
  std::unique_ptr<Subprocess> server_;
  std::string http_, https_, output_;
};

TEST_F(ServeTest, ServesASessionAndStopsGracefullyOnSigterm) {
  AddUsableEntity("ry/example", "ns1.example=192.0.2.1,2001:db8::1");
  StartServe();

  // serve.json names the bound endpoints with their real ports.
  const nlohmann::json info =
      nlohmann::json::parse(ReadFile(Data() + "/serve.json"), nullptr, false);
  ASSERT_FALSE(info.is_discarded());
  ASSERT_EQ(info["endpoints"].size(), 2u);
  EXPECT_EQ(info["endpoints"][0]["url"], https_);
  EXPECT_EQ(info["endpoints"][0]["tls"], true);
  EXPECT_EQ(info["endpoints"][1]["url"], http_);
  EXPECT_NE(info["endpoints"][1]["port"], 0);
  EXPECT_EQ(info["certificate"], Data() + "/tls/server.crt");  // generated on first start
  EXPECT_TRUE(Exists(Data() + "/tls/server.key"));

  // mosapi-api.md §4.2: Basic on login only, then the session cookie.
  const HttpResponse login = HttpGet(http_, "/ry/example/login",
                                     {"Authorization: " + BasicAuthorization("example_ry", "pw")});
  ASSERT_EQ(login.status, 200) << login.body << output_;
  EXPECT_EQ(login.body, "Login successful");
  const std::string cookie = CookiePair(login.Header("set-cookie"));
  ASSERT_EQ(cookie.rfind("id=", 0), 0u) << login.Header("set-cookie");

  const HttpResponse state = Get("/ry/example/v2/monitoring/state", cookie);
  ASSERT_EQ(state.status, 200) << state.body;
  const nlohmann::json doc = nlohmann::json::parse(state.body, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << state.body;
  EXPECT_EQ(doc["tld"], "example");
  EXPECT_TRUE(doc["testedServices"].contains("DNS"));
  EXPECT_EQ(HttpGet(http_, "/ry/example/v2/monitoring/state").status, 401);
  EXPECT_EQ(HttpGet(http_, "/ry/example/login",
                    {"Authorization: " + BasicAuthorization("example_ry", "no")})
                .status,
            401);
  EXPECT_EQ(Get("/ry/example/logout", cookie).status, 200);
  EXPECT_EQ(Get("/ry/example/v2/monitoring/state", cookie).status, 401);

  // A second serve on the same directory is refused while the first runs.
  const RunResult second =
      RunToEnd({kBinary, "serve", "--data", Data(), "--http", "127.0.0.1:0"}, kServeBound);
  EXPECT_NE(second.exit_code(), 0) << second.output;
  EXPECT_NE(second.output.find("another tldmon serve or demo is running"), std::string::npos)
      << second.output;

  EXPECT_EQ(Stop(), 0) << output_;
  EXPECT_NE(output_.find("serve: stopped"), std::string::npos) << output_;
  EXPECT_FALSE(Exists(Data() + "/serve.json"));
}

TEST_F(ServeTest, PicksUpAdminChangesWhileRunning) {
  AddUsableEntity("ry/example", "ns1.example=192.0.2.1");
  StartServe();
  ASSERT_FALSE(Login("ry/example", "example_ry").empty()) << output_;

  // The allow-list no longer admits loopback: 403 (docs/auth.md).
  ASSERT_TRUE(WaitForGeneration(Change({"allow", "remove", "ry/example", "127.0.0.0/8"})))
      << output_;
  int status = 0;
  EXPECT_TRUE(Login("ry/example", "example_ry", &status).empty());
  EXPECT_EQ(status, 403);
  ASSERT_TRUE(WaitForGeneration(Change({"allow", "add", "ry/example", "127.0.0.1"}))) << output_;
  EXPECT_FALSE(Login("ry/example", "example_ry").empty());

  // A new entity is served as soon as serve has re-read the store.
  ASSERT_EQ(Admin({"entity", "add", "ry/second", "--ns", "ns1.second=192.0.2.2"}).exit_code(), 0);
  ASSERT_EQ(
      Admin({"password", "set", "ry/second", "--config", tmp_ / "fast.toml"}, "pw\n").exit_code(),
      0);
  ASSERT_TRUE(WaitForGeneration(Change({"allow", "add", "ry/second", "127.0.0.0/8"}))) << output_;
  const std::string cookie = Login("ry/second", "second_ry");
  ASSERT_FALSE(cookie.empty()) << output_;
  const HttpResponse state = Get("/ry/second/v2/monitoring/state", cookie);
  EXPECT_EQ(state.status, 200) << state.body;
  EXPECT_NE(state.body.find("\"tld\":\"second\""), std::string::npos) << state.body;

  // A removed entity's documents are withdrawn.
  ASSERT_TRUE(WaitForGeneration(Change({"entity", "remove", "ry/second"}))) << output_;
  EXPECT_EQ(Get("/ry/second/v2/monitoring/state", cookie).status, 404);

  EXPECT_EQ(Stop(), 0) << output_;
}

// The engine's figures change under a running serve: a simulated outage
// (ending about an hour ago) gives each TLD one DNS incident of 18 Down
// minutes (cli_test.cc); `admin incident false-positive` excludes them
// (slam-algorithms.md §7) and the served downtime document follows.
TEST_F(ServeTest, FalsePositiveReachesTheServedDowntime) {
  const std::time_t now = std::time(nullptr);
  const RunResult sim =
      RunToEnd({kBinary, "simulate", "--tlds", "1", "--probes", "20", "--days", "0.05",
                "--quiet-network", "--fault", "ns-down entity=* from=+10m for=20m", "--start",
                std::to_string(now - 2 * 3600), "--data", Data()},
               kServeBound);
  ASSERT_EQ(sim.exit_code(), 0) << sim.output;
  const RunResult list = Admin({"entity", "list", "--json"});
  const nlohmann::json entities = nlohmann::json::parse(list.output)["entities"];
  ASSERT_EQ(entities.size(), 1u);
  const std::string entity = entities[0]["entity"];
  const std::string tld = entity.substr(3);
  UsableAccess(entity);
  const nlohmann::json incidents = nlohmann::json::parse(
      Admin({"incident", "list", entity, "dns", "--json"}).output)["incidents"];
  ASSERT_EQ(incidents.size(), 1u);
  const std::string id = incidents[0]["incidentID"];

  StartServe();
  const std::string cookie = Login(entity, tld + "_ry");
  ASSERT_FALSE(cookie.empty()) << output_;
  const std::string downtime_path = "/" + entity + "/v2/monitoring/dns/downtime";
  HttpResponse before = Get(downtime_path, cookie);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(nlohmann::json::parse(before.body)["downtime"], 18) << before.body;

  ASSERT_TRUE(WaitForGeneration(Change({"incident", "false-positive", entity, "dns", id, "on"})))
      << output_;
  const HttpResponse after = Get(downtime_path, cookie);
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(nlohmann::json::parse(after.body)["downtime"], 0) << after.body;
  const HttpResponse incident =
      Get("/" + entity + "/v2/monitoring/dns/incidents/" + id + "/falsePositive", cookie);
  EXPECT_EQ(incident.status, 200) << incident.body;
  EXPECT_NE(incident.body.find("\"falsePositive\":true"), std::string::npos) << incident.body;

  EXPECT_EQ(Stop(), 0) << output_;
}

TEST_F(ServeTest, RefusesBadArgumentsAndConfiguration) {
  std::ofstream(tmp_ / "typo.toml") << "[server]\nthread = 4\n";
  std::ofstream(tmp_ / "sla.toml") << "[sla]\n\"dns.cycle_seconds\" = 7\n";
  const struct {
    std::vector<std::string> args;
    const char* message;
  } cases[] = {
      {{kBinary, "serve", "--data", Data(), "--https", "localhost:8443"}, "not an IPv4 address"},
      {{kBinary, "serve", "--data", Data(), "--http", "127.0.0.1:99999"}, "0..65535"},
      {{kBinary, "serve", "--data", Data(), "--config", tmp_ / "typo.toml"},
       "unknown key 'thread'"},
      {{kBinary, "serve", "--data", Data(), "--config", tmp_ / "missing.toml"}, "cannot read"},
      {{kBinary, "serve", "--data", Data(), "--config", tmp_ / "sla.toml", "--http", "127.0.0.1:0"},
       "invalid SLA parameters"},
      {{kBinary, "serve", "--http", "127.0.0.1:0"}, "--data"},
  };
  for (const auto& c : cases) {
    const RunResult r = RunToEnd(c.args, kServeBound);
    EXPECT_TRUE(r.exited()) << r.output;
    EXPECT_NE(r.exit_code(), 0) << r.output;
    EXPECT_NE(r.output.find(c.message), std::string::npos) << c.message << " not in:\n" << r.output;
  }
}

}  // namespace
}  // namespace tldmon::integration

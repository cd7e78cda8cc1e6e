// `tldmon demo` as a user meets it: after the fast-forward it serves the API
// and prints base URLs, users, the password and curl commands; the curl
// session works exactly as printed (run through /bin/sh), HTTPS with the
// generated self-signed certificate. Then SIGTERM ends it cleanly with the
// status table.
#include <gtest/gtest.h>

#include <thread>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http_client.h"
#include "subprocess.h"
#include "test_paths.h"

namespace tldmon::integration {
namespace {

bool HaveCurl() { return access("/usr/bin/curl", X_OK) == 0 || access("/bin/curl", X_OK) == 0; }

TEST(DemoTest, PrintedCurlSessionWorksAsPrinted) {
  if (!HaveCurl()) GTEST_SKIP() << "curl is not installed (scripts/install-deps)";
  TempDir tmp;
  std::ofstream(tmp / "fast.toml") << "[auth]\nargon2_opslimit = 1\nargon2_memlimit_kib = 8\n";
  Subprocess demo({kBinary, "demo", "--data", tmp / "data", "--https", "127.0.0.1:0", "--http",
                   "127.0.0.1:0", "--config", tmp / "fast.toml"});
  ASSERT_TRUE(demo.started());
  // The fast-forward simulates a week; bounded generously for a loaded machine.
  const Deadline deadline = In(std::chrono::seconds(600));
  std::string output, line, http;
  std::vector<std::string> curls;
  bool caught_up = false;
  while (!caught_up && demo.ReadLine(&line, deadline)) {
    output += line + "\n";
    if (line.rfind("  curl ", 0) == 0) curls.push_back(line.substr(2));
    if (line.find("http://127.0.0.1:") != std::string::npos && http.empty()) {
      const std::size_t at = line.find("http://");
      http = line.substr(at, line.find(' ', at) - at);
    }
    caught_up = line.find("demo: caught up") != std::string::npos;
  }
  ASSERT_TRUE(caught_up) << output;

  // The block the issue asks for: users, password, base URLs of the entities.
  for (const char* want :
       {"example_ry", "broken_ry", "dnssec-fail_ry", "rdap-flap_ry", "9999_rr", "\"demo\"",
        "/ry/example", "/ry/broken", "/ry/dnssec-fail", "/rr/9999", "server.crt"})
    EXPECT_NE(output.find(want), std::string::npos) << want << " missing in:\n" << output;

  // Login, state, logout — each command exactly as printed — and the state
  // again with the demo's TLS client certificate (DANE/TLSA, no password).
  ASSERT_EQ(curls.size(), 6u) << output;
  EXPECT_NE(curls[0].find("https://"), std::string::npos) << curls[0];
  EXPECT_NE(curls[0].find("--cacert"), std::string::npos) << curls[0];
  const RunResult login = RunToEnd({"/bin/sh", "-c", curls[0]}, std::chrono::seconds(60));
  EXPECT_EQ(login.exit_code(), 0) << curls[0] << "\n" << login.output;
  EXPECT_EQ(login.output, "Login successful") << curls[0];
  const RunResult state = RunToEnd({"/bin/sh", "-c", curls[1]}, std::chrono::seconds(60));
  EXPECT_EQ(state.exit_code(), 0) << curls[1] << "\n" << state.output;
  const nlohmann::json doc = nlohmann::json::parse(state.output, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << state.output;
  EXPECT_EQ(doc["tld"], "example");
  EXPECT_EQ(doc["status"], "Up");  // the healthy one
  const RunResult logout = RunToEnd({"/bin/sh", "-c", curls[2]}, std::chrono::seconds(60));
  EXPECT_EQ(logout.output, "Logout successful") << curls[2];
  // After logout the jar's cookie no longer works.
  const RunResult again = RunToEnd({"/bin/sh", "-c", curls[1]}, std::chrono::seconds(60));
  EXPECT_NE(again.output.find("could not be authenticated"), std::string::npos) << again.output;
  // The certificate needs no session; its TLSA record is looked up at start,
  // so allow the first refresh round a few seconds.
  EXPECT_NE(curls[3].find("--cert "), std::string::npos) << curls[3];
  nlohmann::json by_cert = nlohmann::json::object();
  for (int i = 0; i < 50 && by_cert.value("tld", "") != "example"; ++i) {
    const RunResult r = RunToEnd({"/bin/sh", "-c", curls[3]}, std::chrono::seconds(60));
    by_cert = nlohmann::json::parse(r.output, nullptr, false);
    if (!by_cert.is_object()) by_cert = nlohmann::json::object();
    if (by_cert.value("tld", "") != "example") std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(by_cert.value("tld", ""), "example") << curls[3];
  // An mTLS client's usual round: state, alarmed, downtime and incidents of
  // two TLDs on one connection, with the certificate alone; a third TLD that
  // does not list the certificate's name is refused on the same connection.
  {
    std::string cmd = curls[3].substr(0, curls[3].find(" https://"));
    const std::string base = curls[3].substr(curls[3].find(" https://") + 1,
                                             curls[3].find("/ry/") - curls[3].find(" https://") - 1);
    for (const char* tld : {"example", "broken"})
      for (const char* what : {"/v2/monitoring/state", "/v2/monitoring/dns/alarmed",
                               "/v2/monitoring/dns/downtime", "/v2/monitoring/dns/incidents"})
        cmd += std::string(" -o /dev/null ") + base + "/ry/" + tld + what;
    cmd += " -o /dev/null " + base + "/ry/dnssec-fail/v2/monitoring/state";
    cmd += " -w '%{http_code} %{num_connects}\\n'";
    const RunResult r = RunToEnd({"/bin/sh", "-c", cmd}, std::chrono::seconds(60));
    EXPECT_EQ(r.output, "200 1\n200 0\n200 0\n200 0\n200 0\n200 0\n200 0\n200 0\n401 0\n") << cmd;
  }

  // The RRI line works as printed: Basic on the request, no login, and the
  // reporting summary of ry/example (nothing uploaded: not tracked yet).
  {
    EXPECT_NE(curls[4].find("/info/status/registry/example"), std::string::npos) << curls[4];
    const RunResult r = RunToEnd({"/bin/sh", "-c", curls[4]}, std::chrono::seconds(60));
    const auto summary = nlohmann::json::parse(r.output, nullptr, false);
    ASSERT_TRUE(summary.is_object()) << curls[4] << "\n" << r.output;
    EXPECT_EQ(summary["tld"]["name"], "example") << r.output;
    EXPECT_EQ(summary["paths"].size(), 6u) << r.output;
  }

  // The operator's admin API line works as printed: the demo's TLS access
  // entries, with the DNS state serve sees.
  {
    EXPECT_NE(curls[5].find("/admin/v1/tls"), std::string::npos) << curls[5];
    const RunResult r = RunToEnd({"/bin/sh", "-c", curls[5]}, std::chrono::seconds(60));
    const auto listed = nlohmann::json::parse(r.output, nullptr, false);
    ASSERT_TRUE(listed.is_object()) << curls[5] << "\n" << r.output;
    ASSERT_FALSE(listed["entries"].empty()) << r.output;
    EXPECT_EQ(listed["entries"][0]["domain"], "rsp.dane.example") << r.output;
    EXPECT_EQ(listed["entries"][0]["dns"]["state"], "secure") << r.output;
  }

  // ry/broken's story: an active DNS incident, so DNS is alarmed (§6.3).
  ASSERT_FALSE(http.empty()) << output;
  const HttpResponse l = HttpGet(http, "/ry/broken/login",
                                 {"Authorization: " + BasicAuthorization("broken_ry", "demo")});
  ASSERT_EQ(l.status, 200) << l.body;
  const HttpResponse alarmed = HttpGet(http, "/ry/broken/v2/monitoring/dns/alarmed",
                                       {"Cookie: " + CookiePair(l.Header("set-cookie"))});
  ASSERT_EQ(alarmed.status, 200) << alarmed.body;
  EXPECT_NE(alarmed.body.find("\"alarmed\":\"Yes\""), std::string::npos) << alarmed.body;

  // What `tldmon admin` imports in a deployment is seeded too, so a client's
  // first METRICA call and the RDAP base URL list answer 200, not 404.
  const std::string cookie = "Cookie: " + CookiePair(l.Header("set-cookie"));
  const HttpResponse metrica = HttpGet(http, "/ry/broken/v2/metrica/domainList/latest", {cookie});
  EXPECT_EQ(metrica.status, 200) << metrica.body;
  EXPECT_NE(metrica.body.find("\"tld\":\"broken\""), std::string::npos) << metrica.body;
  const HttpResponse lists = HttpGet(http, "/ry/broken/v2/metrica/domainLists", {cookie});
  EXPECT_EQ(lists.status, 200) << lists.body;
  const HttpResponse rdap = HttpGet(http, "/ry/broken/v2/registrarRdapBaseUrl/list", {cookie});
  EXPECT_EQ(rdap.status, 200) << rdap.body;
  EXPECT_NE(rdap.body.find("[\"9999\"]"), std::string::npos) << rdap.body;

  // The real-time loop runs the storage upkeep: the simulated week's
  // finished days are compacted (docs/operations.md "Storage upkeep"), and
  // `admin status` reads the directory meanwhile.
  while (output.find("storage: compacted") == std::string::npos && demo.ReadLine(&line, deadline))
    output += line + "\n";
  ASSERT_NE(output.find("storage: compacted"), std::string::npos) << output;
  const RunResult storage =
      RunToEnd({kBinary, "admin", "status", "--storage", "--json", "--data", tmp / "data"},
               std::chrono::seconds(60));
  EXPECT_EQ(storage.exit_code(), 0) << storage.output;
  EXPECT_NE(storage.output.find("\"form\": \"compacted\""), std::string::npos) << storage.output;

  demo.Kill(SIGTERM);
  output += demo.ReadAll(In(std::chrono::seconds(120)));
  const int status = demo.Wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << output;
  EXPECT_NE(output.find("MoSAPI documents (state, alarmed, downtime)"), std::string::npos)
      << output;
  EXPECT_TRUE(Exists(tmp / "data/documents/ry/broken/v2/monitoring/state.json"));
}

}  // namespace
}  // namespace tldmon::integration

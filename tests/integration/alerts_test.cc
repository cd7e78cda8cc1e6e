// Alerts end to end (issue 12, docs/alerts.md): a simulated DNS fault on
// ry/kaka is recorded as alert events; `serve` delivers them through three
// real channels — a webhook receiver that is down at first (serve is
// SIGKILLed and restarted while it is down), a real Prometheus Alertmanager
// (the Debian package, started here on a free port) and an SMTP sink that
// offers STARTTLS — and the test checks what each received: every webhook
// event once, in order, signed; the firing alerts in Alertmanager's API; the
// mail over TLS. Then `admin alert test` through every channel, and bad
// channel configuration stopping serve at load with the key named.
//
// The receiver is down for a few retries here, not ten minutes: the back-off
// cap is set to 2 s (retry_max_seconds) so the test takes seconds; the
// queue, the cursor and the retry do not depend on how long the outage is.
#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "alert_receivers.h"
#include "alerts/webhook_signature.h"
#include "http_client.h"
#include "subprocess.h"
#include "test_paths.h"

namespace tldmon::integration {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr auto kAlertsBound = std::chrono::seconds(120);
constexpr const char* kSecret = "4f1c2a7e9b3d5f60a8c1e2d3b4a59687";
constexpr const char* kAlertmanager = "/usr/bin/prometheus-alertmanager";

// Polls `done` every 200 ms until it holds or `bound` passes.
template <typename F>
bool WaitUntil(F done, std::chrono::seconds bound = 60s) {
  const Deadline end = In(bound);
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(200ms);
  }
  return done();
}

class AlertsTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (serve_ != nullptr && !serve_->eof()) serve_->Kill(SIGKILL);
    if (alertmanager_ != nullptr && !alertmanager_->eof()) alertmanager_->Kill(SIGKILL);
  }
  std::string Data() const { return tmp_ / "data"; }

  RunResult Admin(std::vector<std::string> args) {
    std::vector<std::string> argv = {kBinary, "admin"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--data");
    argv.push_back(Data());
    return RunToEnd(argv, kAlertsBound);
  }
  json AdminJson(std::vector<std::string> args) {
    args.push_back("--json");
    const RunResult r = Admin(args);
    EXPECT_EQ(r.exit_code(), 0) << r.output;
    return json::parse(r.output, nullptr, false);
  }

  // Three simulated hours ending at the last full minute: ry/kaka's name
  // servers all silent for 30 minutes → an incident (opens, closes), 10 % of
  // the weekly DNS budget, the month's DNS SLR at risk.
  void Simulate() {
    const std::int64_t end = std::time(nullptr) / 60 * 60 - 60;
    const RunResult r = RunToEnd({kBinary, "simulate", "--tlds", "3", "--probes", "25", "--days",
                                  "0.125", "--start", std::to_string(end - 3 * 3600), "--seed", "7",
                                  "--fault", "ns-down entity=ry/kaka from=+30m for=30m", "--data",
                                  Data()},
                                 kAlertsBound);
    ASSERT_EQ(r.exit_code(), 0) << r.output;
  }

  void StartServe(const std::string& config) {
    serve_ = std::make_unique<Subprocess>(std::vector<std::string>{
        kBinary, "serve", "--data", Data(), "--config", config, "--http", "127.0.0.1:0"});
    ASSERT_TRUE(serve_->started());
    std::string line;
    http_.clear();
    while (http_.empty() && serve_->ReadLine(&line, In(60s))) {
      output_ += line + "\n";
      if (auto at = line.find("listening on "); at != std::string::npos) http_ = line.substr(at + 13);
    }
    ASSERT_FALSE(http_.empty()) << output_;
  }

  void StartAlertmanager() {
    ASSERT_TRUE(std::ifstream(kAlertmanager).good())
        << kAlertmanager << " is missing (scripts/install-deps installs prometheus-alertmanager)";
    std::ofstream(tmp_ / "alertmanager.yml") << "route:\n  receiver: nobody\nreceivers:\n  - name: nobody\n";
    std::uint16_t port = 0;
    const int fd = ListenLoopback(0, &port);  // a free port, released for Alertmanager
    ASSERT_GE(fd, 0);
    ::close(fd);
    std::filesystem::create_directories(tmp_ / "am");
    alertmanager_ = std::make_unique<Subprocess>(std::vector<std::string>{
        kAlertmanager, "--config.file=" + (tmp_ / "alertmanager.yml"),
        "--storage.path=" + (tmp_ / "am"), "--web.listen-address=127.0.0.1:" + std::to_string(port),
        "--cluster.listen-address="});
    am_url_ = "http://127.0.0.1:" + std::to_string(port);
    ASSERT_TRUE(WaitUntil([&] { return HttpGet(am_url_, "/-/ready", {}, 1s).status == 200; }, 30s))
        << alertmanager_->ReadAll(In(2s));
  }

  // Every event id in the store's queue, ascending.
  std::vector<std::int64_t> QueuedIds() {
    std::vector<std::int64_t> ids;
    const json j = AdminJson({"alert", "list", "--limit", "10000"});
    for (const json& e : j["events"]) ids.push_back(e["id"].get<std::int64_t>());
    return ids;
  }
  int Failures(const std::string& channel) {
    int n = 0;
    const json j = AdminJson({"alert", "deliveries", "--channel", channel, "--limit", "1000"});
    for (const json& d : j["deliveries"]) n += d["outcome"] == "failed" ? 1 : 0;
    return n;
  }

  TempDir tmp_;
  std::unique_ptr<Subprocess> serve_, alertmanager_;
  std::string http_, output_, am_url_;
};

TEST_F(AlertsTest, ASimulatedFaultReachesEveryChannelInOrderAcrossAnOutageAndASigkill) {
  ASSERT_NO_FATAL_FAILURE(Simulate());
  const std::vector<std::int64_t> simulated = QueuedIds();
  ASSERT_GE(simulated.size(), 3u);  // incident fired and resolved, budget, SLR at risk

  // The receivers: Alertmanager and the SMTP sink up, the webhook's port
  // reserved but closed (the receiver is down).
  ASSERT_NO_FATAL_FAILURE(StartAlertmanager());
  const RunResult cert = RunToEnd(
      {"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", tmp_ / "smtp.key",
       "-out", tmp_ / "smtp.crt", "-days", "1", "-subj", "/CN=localhost", "-addext",
       "subjectAltName=IP:127.0.0.1"},
      kAlertsBound);
  ASSERT_EQ(cert.exit_code(), 0) << cert.output;
  SmtpSink sink(tmp_ / "smtp.crt", tmp_ / "smtp.key");
  ASSERT_TRUE(sink.listening());
  std::uint16_t hook_port = 0;
  {
    WebhookReceiver reserve;
    ASSERT_TRUE(reserve.listening());
    hook_port = reserve.port();
  }
  std::ofstream(tmp_ / "hook.secret") << kSecret << "\n";
  const std::string config = tmp_ / "alerts.toml";
  std::ofstream(config) << "[engine]\ntick_seconds = 1\ncatch_up_seconds = 0\n"
                        << "[alerts]\npublic_url = \"https://tldmon.test\"\nretry_max_seconds = 2\n"
                        << "[[alerts.channel]]\nname = \"hook\"\ntype = \"webhook\"\n"
                        << "url = \"http://127.0.0.1:" << hook_port << "/tldmon\"\n"
                        << "secret_file = \"hook.secret\"\n"
                        << "[[alerts.channel]]\nname = \"am\"\ntype = \"alertmanager\"\n"
                        << "url = \"" << am_url_ << "\"\nresend_seconds = 10\n"
                        << "[[alerts.channel]]\nname = \"mail\"\ntype = \"email\"\n"
                        << "url = \"smtp://127.0.0.1:" << sink.port() << "\"\n"
                        << "ca_file = \"smtp.crt\"\nfrom = \"tldmon@tldmon.test\"\n"
                        << "to = [\"noc@registry.test\"]\ndigest = true\n";

  // serve, with the webhook receiver down: it says so, and retries.
  ASSERT_NO_FATAL_FAILURE(StartServe(config));
  EXPECT_NE(output_.find("alert channel hook (webhook): cannot reach it now"), std::string::npos)
      << output_;
  ASSERT_TRUE(WaitUntil([&] { return Failures("hook") >= 2; })) << output_;
  // SIGKILL while the receiver is down; the restarted serve retries the same event.
  serve_->Kill(SIGKILL);
  serve_->Wait();
  const int failures_before = Failures("hook");
  ASSERT_NO_FATAL_FAILURE(StartServe(config));
  ASSERT_TRUE(WaitUntil([&] { return Failures("hook") > failures_before; })) << output_;

  // The receiver comes back: everything queued arrives.
  WebhookReceiver receiver(hook_port);
  ASSERT_TRUE(receiver.listening());
  std::vector<std::int64_t> queued;
  ASSERT_TRUE(WaitUntil([&] {
    queued = QueuedIds();
    return receiver.requests().size() >= queued.size();
  }));
  const auto requests = receiver.requests();
  std::vector<std::int64_t> got;
  std::map<std::string, std::vector<std::string>> by_fingerprint;  // statuses in arrival order
  for (const auto& r : requests) {
    const json body = json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object()) << r.body;
    got.push_back(body["id"].get<std::int64_t>());
    EXPECT_EQ(r.headers.at("x-tldmon-event"), std::to_string(got.back()));
    // Signed with the channel's secret, over this timestamp and body.
    EXPECT_EQ(alerts::VerifyWebhook(kSecret, r.headers.at("x-tldmon-timestamp"),
                                    r.headers.at("x-tldmon-signature"), r.body, std::time(nullptr)),
              alerts::WebhookCheck::kOk);
    EXPECT_EQ(alerts::VerifyWebhook(kSecret, r.headers.at("x-tldmon-timestamp"),
                                    r.headers.at("x-tldmon-signature"), r.body + " ", std::time(nullptr)),
              alerts::WebhookCheck::kBadSignature);
    by_fingerprint[body["fingerprint"]].push_back(body["status"]);
    if (body["kind"] == "incident" || body["kind"] == "budget") {
      EXPECT_EQ(body["links"]["dashboard"], "/ui/#/entity/ry/kaka");
    }
  }
  // In order, none lost, none twice.
  EXPECT_EQ(got, std::vector<std::int64_t>(queued.begin(), queued.begin() + static_cast<long>(got.size())));
  EXPECT_EQ(std::set<std::int64_t>(got.begin(), got.end()).size(), got.size());
  // The incident: exactly one firing, then one resolved.
  int incidents = 0;
  for (const auto& [fingerprint, statuses] : by_fingerprint) {
    if (fingerprint.rfind("incident/ry/kaka/dns/", 0) != 0) continue;
    ++incidents;
    EXPECT_EQ(statuses, (std::vector<std::string>{"firing", "resolved"})) << fingerprint;
  }
  EXPECT_EQ(incidents, 1);
  EXPECT_EQ(by_fingerprint["budget/ry/kaka/dns/10"], std::vector<std::string>{"firing"});

  // Alertmanager shows what fires (the budget step and the SLR at risk of ry/kaka).
  json alerts;
  ASSERT_TRUE(WaitUntil([&] {
    alerts = json::parse(HttpGet(am_url_, "/api/v2/alerts").body, nullptr, false);
    if (!alerts.is_array()) return false;
    for (const json& a : alerts)
      if (a["labels"].value("alertname", "") == "TldmonBudget" && a["labels"].value("tld", "") == "kaka")
        return true;
    return false;
  })) << alerts.dump();
  for (const json& a : alerts) {
    if (a["labels"].value("alertname", "") != "TldmonBudget") continue;
    EXPECT_EQ(a["labels"]["service"], "dns");
    EXPECT_EQ(a["labels"]["step"], "10");
    EXPECT_EQ(a["labels"]["severity"], "info");
    EXPECT_EQ(a["generatorURL"], "https://tldmon.test/ui/#/entity/ry/kaka");
    EXPECT_EQ(a["status"]["state"], "active");
  }

  // The mail, over STARTTLS, with the incident in it.
  ASSERT_TRUE(WaitUntil([&] { return !sink.messages().empty(); }));
  bool incident_mailed = false;
  for (const SmtpSink::Message& m : sink.messages()) {
    EXPECT_TRUE(m.tls) << m.data;
    EXPECT_EQ(m.from, "<tldmon@tldmon.test>");
    EXPECT_EQ(m.to, std::vector<std::string>{"<noc@registry.test>"});
    EXPECT_NE(m.data.find("Subject: [tldmon] "), std::string::npos) << m.data;
    if (m.data.find("FIRING critical: DNS of ry/kaka: incident") != std::string::npos) incident_mailed = true;
  }
  EXPECT_TRUE(incident_mailed);

  // The delivery log and /metrics say the same.
  const json log = AdminJson({"alert", "deliveries", "--channel", "hook", "--limit", "1"});
  EXPECT_EQ(log["deliveries"][0]["outcome"], "delivered") << log.dump();
  const std::string metrics = HttpGet(http_, "/metrics").body;
  EXPECT_NE(metrics.find("tldmon_alert_events_total{channel=\"hook\",type=\"webhook\",outcome=\"delivered\"}"),
            std::string::npos) << metrics;
  EXPECT_NE(metrics.find("tldmon_alert_channel_failing{channel=\"hook\"} 0"), std::string::npos);

  // A test event through every channel of ry/kaka, each result reported.
  const std::size_t before = receiver.requests().size();
  const json test = AdminJson({"alert", "test", "--entity", "ry/kaka", "--config", config});
  ASSERT_EQ(test["channels"].size(), 3u) << test.dump();
  for (const json& c : test["channels"]) EXPECT_EQ(c["result"], "sent") << c.dump();
  ASSERT_EQ(receiver.requests().size(), before + 1);
  EXPECT_EQ(json::parse(receiver.requests().back().body)["kind"], "test");
  // Routed away from the webhook, the test skips it and says why.
  ASSERT_EQ(Admin({"alert", "set", "ry/kaka", "--channels", "am,mail"}).exit_code(), 0);
  const json routed = AdminJson({"alert", "test", "--entity", "ry/kaka", "--config", config});
  EXPECT_EQ(routed["channels"][0]["result"], "skipped") << routed.dump();

  serve_->Kill(SIGTERM);
  output_ += serve_->ReadAll(In(60s));
  EXPECT_TRUE(WIFEXITED(serve_->Wait())) << output_;
}

TEST_F(AlertsTest, BadChannelConfigurationStopsServeAtLoadNamingTheKey) {
  std::ofstream(tmp_ / "short.secret") << "tooshort\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"type = \"webhook\"\nurl = \"http://127.0.0.1:9/x\"\nsecret_file = \"short.secret\"\n",
       "bad secret_file: " + (tmp_ / "short.secret") + ": the secret has 8 bytes"},
      {"type = \"webhook\"\nurl = \"http://127.0.0.1:9/x\"\nsecret_file = \"missing.secret\"\n",
       "bad secret_file: " + (tmp_ / "missing.secret") + ": cannot read it"},
      {"type = \"email\"\nurl = \"smtp://127.0.0.1:25\"\nfrom = \"tldmon\"\nto = [\"noc@x.test\"]\n",
       "bad from: 'tldmon' is not an e-mail address"},
      {"type = \"alertmanager\"\nurl = \"smtp://127.0.0.1:9093\"\n", "bad url: scheme 'smtp'"},
      {"type = \"pager\"\nurl = \"http://127.0.0.1:9/x\"\n", "type must be webhook, alertmanager or email"},
  };
  for (const auto& [channel, message] : cases) {
    std::ofstream(tmp_ / "bad.toml") << "[[alerts.channel]]\nname = \"x\"\n" << channel;
    const RunResult r = RunToEnd({kBinary, "serve", "--data", Data(), "--config", tmp_ / "bad.toml",
                                  "--http", "127.0.0.1:0"},
                                 kAlertsBound);
    EXPECT_EQ(r.exit_code(), 1) << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos) << r.output;
  }
}

}  // namespace
}  // namespace tldmon::integration

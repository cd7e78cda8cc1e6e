#include "app/serve_config.h"

#include <gtest/gtest.h>

namespace tldmon::app {
namespace {

TEST(ServeConfigTest, NoFileGivesTheSameDefaultsAsAnEmptyFile) {
  // serve without --config once had no metrics_allow at all, so /metrics
  // answered 403 even to loopback.
  auto c = LoadServeConfig("");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->metrics_allow.size(), 2u);
  EXPECT_EQ(c->metrics_allow[0].ToString(), "127.0.0.0/8");
  EXPECT_EQ(c->metrics_allow[1].ToString(), "::1/128");
  EXPECT_EQ(c->server.limits.max_slow_requests, 64u);
  EXPECT_EQ(c->tick, std::chrono::seconds(5));
}

TEST(ServeConfigTest, EmptyFileGivesTheDocumentedDefaults) {
  auto c = ParseServeConfig("", "/etc/tldmon/serve.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  // Defaults of docs/configuration.md, which are those of the structs.
  EXPECT_TRUE(c->server.endpoints.empty());
  EXPECT_EQ(c->server.threads, 0u);
  EXPECT_EQ(c->server.slow_threads, 0u);
  EXPECT_EQ(c->server.limits.max_slow_requests, 64u);
  ASSERT_EQ(c->metrics_allow.size(), 2u);  // loopback only
  EXPECT_EQ(c->metrics_allow[0].ToString(), "127.0.0.0/8");
  EXPECT_EQ(c->metrics_allow[1].ToString(), "::1/128");
  EXPECT_EQ(c->server.limits.max_header_bytes, 8u * 1024);
  EXPECT_EQ(c->server.limits.idle_timeout, std::chrono::milliseconds(60'000));
  EXPECT_TRUE(c->server.tls.certificate_file.empty());
  EXPECT_EQ(c->auth.session_lifetime, 900);
  EXPECT_FALSE(c->auth.accept_basic_on_data);
  EXPECT_EQ(c->tick, std::chrono::seconds(5));
  EXPECT_EQ(c->grace_seconds, 120);
  EXPECT_EQ(c->catch_up_seconds, 900);
  EXPECT_TRUE(c->sla.empty());
}

TEST(ServeConfigTest, ReadsEverySection) {
  auto c = ParseServeConfig(R"(
[server]
https = ["0.0.0.0:8443", "[::]:8443"]
http = ["127.0.0.1:8080"]
threads = 4
slow_threads = 3
metrics_allow = ["10.0.0.0/8"]
max_slow_requests = 9
max_header_bytes = 16384
max_target_bytes = 2048
max_body_bytes = 1024
read_timeout_ms = 5000
write_timeout_ms = 6000
idle_timeout_ms = 7000
max_connections = 100
shutdown_grace_ms = 3000

[tls]
certificate = "certs/server.pem"
private_key = "/abs/server.key"
request_client_certificate = false

[auth]
session_lifetime_seconds = 600
max_sessions_per_account = 2
max_logins_per_account = 5
max_logins_per_source = 20
max_unknown_cookies_per_source = 7
login_window_seconds = 30
source_ipv6_prefix_length = 56
max_tracked_sources = 1000
lockout_after_failures = 3
lockout_base_seconds = 10
lockout_max_seconds = 100
accept_basic_on_data = true
argon2_opslimit = 3
argon2_memlimit_kib = 32768

[sla]
"dns.min_online" = 15
rollweek_seconds = 604800

[sla.rdap]
fail_cycles = 3

[engine]
tick_seconds = 2
grace_seconds = 60
catch_up_seconds = 0

[storage]
retention_days = 30
)",
                            "/etc/tldmon/serve.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->server.endpoints.size(), 3u);
  EXPECT_EQ(c->server.endpoints[1].address, "::");
  EXPECT_TRUE(c->server.endpoints[1].tls);
  EXPECT_FALSE(c->server.endpoints[2].tls);
  EXPECT_EQ(c->server.threads, 4u);
  EXPECT_EQ(c->server.slow_threads, 3u);
  ASSERT_EQ(c->metrics_allow.size(), 1u);
  EXPECT_EQ(c->metrics_allow[0].ToString(), "10.0.0.0/8");
  EXPECT_EQ(c->server.limits.max_slow_requests, 9u);
  EXPECT_EQ(c->server.limits.max_target_bytes, 2048u);
  EXPECT_EQ(c->server.limits.max_body_bytes, 1024u);
  EXPECT_EQ(c->server.limits.read_timeout, std::chrono::milliseconds(5000));
  EXPECT_EQ(c->server.limits.write_timeout, std::chrono::milliseconds(6000));
  EXPECT_EQ(c->server.limits.max_connections, 100u);
  EXPECT_EQ(c->server.limits.shutdown_grace, std::chrono::milliseconds(3000));
  // Relative TLS paths are relative to the file's directory.
  EXPECT_EQ(c->server.tls.certificate_file, "/etc/tldmon/certs/server.pem");
  EXPECT_EQ(c->server.tls.private_key_file, "/abs/server.key");
  EXPECT_FALSE(c->server.tls.request_client_certificate);
  EXPECT_EQ(c->auth.session_lifetime, 600);
  EXPECT_EQ(c->auth.max_sessions_per_account, 2);
  EXPECT_EQ(c->auth.max_unknown_cookies_per_source, 7);
  EXPECT_EQ(c->auth.source_ipv6_prefix_length, 56);
  EXPECT_EQ(c->auth.lockout_max, 100);
  EXPECT_TRUE(c->auth.accept_basic_on_data);
  EXPECT_EQ(c->auth.pwhash.opslimit, 3u);
  EXPECT_EQ(c->auth.pwhash.memlimit, 32768u * 1024);
  EXPECT_EQ(c->tick, std::chrono::seconds(2));
  EXPECT_EQ(c->grace_seconds, 60);
  EXPECT_EQ(c->catch_up_seconds, 0);
  EXPECT_EQ(c->storage.retention_days, 30);

  auto params = ApplySlaOverrides(engine::SlaParams::Defaults(), *c);
  ASSERT_TRUE(params.ok()) << params.status().ToString();
  EXPECT_EQ(params->Of(Service::kDns).min_online, 15);
  EXPECT_EQ(params->Of(Service::kRdap).fail_cycles, 3);
}

TEST(ServeConfigTest, RejectsTyposTypesAndRanges) {
  const struct {
    const char* text;
    const char* names;  // a word the message must contain
  } cases[] = {
      {"[sever]\nthreads = 1\n", "sever"},
      {"[server]\nthread = 1\n", "thread"},
      {"[server]\nthreads = \"4\"\n", "threads"},
      {"[server]\nthreads = -1\n", "threads"},
      {"[server]\nmax_slow_requests = 0\n", "max_slow_requests"},
      {"[server]\nmetrics_allow = [\"10.0.0.1/8\"]\n", "metrics_allow"},
      {"[server]\nslow_threads = 257\n", "slow_threads"},
      {"[server]\nhttps = \"127.0.0.1:8443\"\n", "https"},
      {"[server]\nhttps = [\"localhost:8443\"]\n", "https"},
      {"[server]\nmax_header_bytes = 2048\nmax_target_bytes = 4096\n", "max_target_bytes"},
      {"[tls]\ncertificate = \"a.pem\"\n", "private_key"},
      {"[auth]\naccept_basic_on_data = 1\n", "accept_basic_on_data"},
      {"[auth]\nlockout_base_seconds = 100\nlockout_max_seconds = 10\n", "lockout_max"},
      {"[auth]\nargon2_memlimit_kib = 4\n", "argon2_memlimit_kib"},
      {"[sla]\n\"dns.min_onlin\" = 20\n", "dns.min_onlin"},
      {"[sla]\nrollweek_seconds = \"a week\"\n", "rollweek_seconds"},
      {"[engine]\ntick_seconds = 0\n", "tick_seconds"},
      {"[storage]\nretention_days = -1\n", "retention_days"},
      {"[storage]\nretention = 90\n", "retention"},
      {"[tls]\nmin_version = \"1.1\"\n", "min_version"},
      {"[tls_client_auth]\nstub_zones = [\"example.\"]\n", "stub_zones"},
      {"[tls_client_auth]\ntlsa_triples = [\"2 0 1\"]\n", "tlsa_triples"},
      {"[tls_client_auth]\nrefresh_seconds = 1\n", "refresh_seconds"},
      {"[tls_client_auth]\nmin_rsa_bits = 512\n", "min_rsa_bits"},
      {"[tls_client_auth]\nanchor = \"x\"\n", "anchor"},
      {"server = 1\n", "server"},
      {"[server\n", "serve.toml"},
  };
  for (const auto& c : cases) {
    auto r = ParseServeConfig(c.text, "serve.toml");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_NE(r.status().message().find(c.names), std::string::npos)
        << c.text << " -> " << r.status().message();
  }
}

TEST(ServeConfigTest, SlaOverridesThatMakeTheParametersInvalidAreRefused) {
  // 7 s does not divide a day (SlaParams::Validate).
  auto c = ParseServeConfig("[sla]\n\"dns.cycle_seconds\" = 7\n", "serve.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_FALSE(ApplySlaOverrides(engine::SlaParams::Defaults(), *c).ok());
}

TEST(ServeConfigTest, RawProbeDataIsKeptNinetyDaysByDefault) {
  // ICANN's RSM keeps probe results 90 days (slam-algorithms.md §1).
  auto c = ParseServeConfig("", "serve.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->storage.retention_days, 90);
  auto forever = ParseServeConfig("[storage]\nretention_days = 0\n", "serve.toml");
  ASSERT_TRUE(forever.ok()) << forever.status().ToString();
  EXPECT_EQ(forever->storage.retention_days, 0);
}

TEST(ServeConfigTest, MissingFileIsAnError) {
  EXPECT_FALSE(LoadServeConfig("/nonexistent/tldmon.toml").ok());
  EXPECT_TRUE(LoadServeConfig("").ok());
}

TEST(ServeConfig, TlsClientAuthSection) {
  auto c = ParseServeConfig(
      "[tls]\nmin_version = \"1.3\"\n"
      "[tls_client_auth]\ntrust_anchor_file = \"anchors/example.ds\"\nforward = \"127.0.0.1@5353\"\n"
      "stub_zones = [\"example.=127.0.0.1@5300\"]\nrefresh_seconds = 30\nmax_grace_seconds = 0\n"
      "max_lookups_in_flight = 8\nmax_requests_per_certificate = 0\nmin_rsa_bits = 3072\n"
      "ec_curves = [\"secp384r1\"]\nsignature_hashes = [\"SHA384\"]\ntlsa_triples = [\"3 1 1\"]\n"
      "check_validity = true\n",
      "/etc/tldmon/serve.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->server.tls.min_version, 13);
  const ServeConfig::TlsClientAuth& a = c->tls_client_auth;
  EXPECT_EQ(a.lookups.trust_anchor_file, "/etc/tldmon/anchors/example.ds");
  EXPECT_EQ(a.lookups.forward, "127.0.0.1@5353");
  ASSERT_EQ(a.lookups.stubs.size(), 1u);
  EXPECT_EQ(a.lookups.stubs[0].first, "example.");
  EXPECT_EQ(a.lookups.stubs[0].second, "127.0.0.1@5300");
  EXPECT_EQ(a.cache.refresh_seconds, 30);
  EXPECT_EQ(a.cache.max_grace_seconds, 0);
  EXPECT_EQ(a.lookups.max_in_flight, 8);
  EXPECT_EQ(a.max_requests_per_certificate, 0);
  EXPECT_EQ(a.key_policy.min_rsa_bits, 3072);
  EXPECT_EQ(a.key_policy.ec_groups, std::set<std::string>{"secp384r1"});
  EXPECT_EQ(a.key_policy.signature_hashes, std::set<std::string>{"SHA384"});
  EXPECT_TRUE(a.key_policy.check_validity);
  EXPECT_TRUE(a.triples.Contains(dane::TlsaRecord{3, 1, 1, "x"}));
  EXPECT_FALSE(a.triples.Contains(dane::TlsaRecord{3, 1, 2, "x"}));
  // Defaults: the root's anchor from dns-root-data, 60 s, 5 min grace, 4 per certificate.
  auto d = ParseServeConfig("", "(defaults)");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->server.tls.min_version, 12);
  EXPECT_EQ(d->tls_client_auth.lookups.trust_anchor_file, "/usr/share/dns/root.key");
  EXPECT_EQ(d->tls_client_auth.cache.refresh_seconds, 60);
  EXPECT_EQ(d->tls_client_auth.cache.max_grace_seconds, 300);
  EXPECT_EQ(d->tls_client_auth.max_requests_per_certificate, 4);
  EXPECT_EQ(d->tls_client_auth.key_policy.min_rsa_bits, 4096);
  EXPECT_FALSE(d->tls_client_auth.key_policy.check_validity);
}

TEST(ServeConfig, AdminApiSection) {
  auto d = ParseServeConfig("", "(defaults)");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->admin_api.enabled);
  EXPECT_TRUE(d->admin_api.token_file.empty());
  ASSERT_EQ(d->admin_api.allow.size(), 2u);
  EXPECT_EQ(d->admin_api.allow[0].ToString(), "127.0.0.0/8");
  auto c = ParseServeConfig("[admin_api]\nenabled = false\nallow = [\"10.0.0.0/8\"]\ntoken_file = \"t\"\n",
                            "/etc/tldmon/serve.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_FALSE(c->admin_api.enabled);
  EXPECT_EQ(c->admin_api.token_file, "/etc/tldmon/t");
  ASSERT_EQ(c->admin_api.allow.size(), 1u);
  const auto bad = ParseServeConfig("[admin_api]\nallow = [\"10.0.0.0/33\"]\n", "x.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("allow"), std::string::npos) << bad.status().message();
  EXPECT_FALSE(ParseServeConfig("[admin_api]\ntoken = \"x\"\n", "x.toml").ok());
}

TEST(ServeConfig, DashboardSection) {
  auto d = ParseServeConfig("", "(defaults)");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->dashboard.enabled);
  EXPECT_EQ(d->dashboard.session_minutes, 480);
  ASSERT_EQ(d->dashboard.operator_allow.size(), 2u);
  EXPECT_EQ(d->dashboard.operator_allow[1].ToString(), "::1/128");
  auto c = ParseServeConfig(
      "[dashboard]\nenabled = false\noperator_allow = [\"192.0.2.0/24\"]\nsession_minutes = 60\n",
      "x.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_FALSE(c->dashboard.enabled);
  EXPECT_EQ(c->dashboard.session_minutes, 60);
  ASSERT_EQ(c->dashboard.operator_allow.size(), 1u);
  for (const char* bad : {"[dashboard]\noperator_allow = [\"192.0.2.1/24\"]\n",
                          "[dashboard]\nsession_minutes = 1\n", "[dashboard]\nallow = []\n"}) {
    const auto r = ParseServeConfig(bad, "x.toml");
    EXPECT_FALSE(r.ok()) << bad;
  }
}

TEST(ServeConfig, AlertsSectionDefaultsAndChecks) {
  auto d = ParseServeConfig("", "(defaults)");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->alerts.enabled);
  EXPECT_EQ(d->alerts.rules.budget_steps, (std::vector<int>{10, 25, 50, 75, 100}));
  EXPECT_EQ(d->alerts.rules.hold_down_seconds, 300);
  auto c = ParseServeConfig(
      "[alerts]\nbudget_steps = [50, 20]\nslr_risk_percent = 80\nprobe_offline_minutes = 30\n"
      "hold_down_minutes = 0\n",
      "x.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->alerts.rules.budget_steps, (std::vector<int>{20, 50}));
  EXPECT_EQ(c->alerts.rules.slr_risk_percent, 80);
  EXPECT_EQ(c->alerts.rules.probe_offline_seconds, 1800);
  EXPECT_EQ(c->alerts.rules.hold_down_seconds, 0);
  const std::pair<const char*, const char*> bad[] = {
      {"[alerts]\nbudget_steps = [10, 10]\n", "budget_steps"},
      {"[alerts]\nbudget_steps = [0]\n", "values must be in 1..1000, got 0"},
      {"[alerts]\nbudget_steps = \"10\"\n", "must be an array of integers"},
      {"[alerts]\nslr_risk_percent = 101\n", "slr_risk_percent"},
      {"[alerts]\nhold_down = 5\n", "hold_down"}};
  for (const auto& [text, why] : bad) {
    const auto r = ParseServeConfig(text, "x.toml");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.status().message().find(why), std::string::npos) << r.status().message();
  }
}

TEST(ServeConfig, AlertChannels) {
  auto c = ParseServeConfig(
      "[alerts]\npublic_url = \"https://tldmon.example\"\nretry_max_seconds = 30\n"
      "[[alerts.channel]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"https://h.example/x\"\n"
      "secret_file = \"hook.secret\"\n"
      "[[alerts.channel]]\nname = \"am\"\ntype = \"alertmanager\"\nurl = \"http://127.0.0.1:9093\"\n"
      "resend_seconds = 30\n"
      "[[alerts.channel]]\nname = \"mail\"\ntype = \"email\"\nurl = \"smtps://m.example\"\n"
      "from = \"t@example.net\"\nto = [\"a@example.net\", \"b@example.net\"]\ndigest = true\n"
      "ca_file = \"/etc/ca.pem\"\n",
      "/etc/tldmon/serve.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->alerts.public_url, "https://tldmon.example");
  EXPECT_EQ(c->alerts.retry_max_seconds, 30);
  ASSERT_EQ(c->alerts.channels.size(), 3u);
  EXPECT_EQ(c->alerts.channels[0].secret_file, "/etc/tldmon/hook.secret");  // relative to the file
  EXPECT_EQ(c->alerts.channels[0].secret, "");  // read by LoadServeConfig, not the parser
  EXPECT_EQ(c->alerts.channels[1].type, alerts::ChannelType::kAlertmanager);
  EXPECT_EQ(c->alerts.channels[1].resend_seconds, 30);
  EXPECT_EQ(c->alerts.channels[2].to, (std::vector<std::string>{"a@example.net", "b@example.net"}));
  EXPECT_TRUE(c->alerts.channels[2].digest);
  EXPECT_EQ(c->alerts.channels[2].ca_file, "/etc/ca.pem");
  const std::string hook = "[[alerts.channel]]\nname = \"x\"\ntype = \"webhook\"\nurl = \"http://h/\"\n";
  const std::pair<std::string, const char*> bad[] = {
      {hook + "secret_file = \"s\"\n[[alerts.channel]]\nname = \"x\"\ntype = \"webhook\"\n"
              "url = \"http://h/\"\nsecret_file = \"s\"\n",
       "two alert channels are named 'x'"},
      {hook + "secret_file = \"s\"\nfrom = \"a@b\"\n", "unknown key 'from' in [alerts.channel #1]"},
      {hook, "bad secret_file: missing"},
      {"[[alerts.channel]]\nname = \"x\"\nurl = \"http://h/\"\n", "type is missing"},
      {"[alerts]\nchannel = 3\n", "must be written as [[alerts.channel]] tables"},
      {"[alerts]\npublic_url = \"tldmon.example\"\n", "public_url must be an http:// or https:// URL"},
      {"[[alerts.channel]]\nname = \"m\"\ntype = \"email\"\nurl = \"smtp://m\"\nfrom = \"a@b\"\n"
       "to = [\"x y@z\"]\n",
       "bad to: 'x y@z' is not an e-mail address"}};
  for (const auto& [text, why] : bad) {
    const auto r = ParseServeConfig(text, "x.toml");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.status().message().find(why), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace tldmon::app

// `tldmon admin` through the real binary: every command's happy path, and
// bad input answered with a clear message, a non-zero exit status and no
// change to the store (docs/operations.md "tldmon admin").
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <tuple>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "subprocess.h"
#include "test_paths.h"

namespace tldmon::integration {
namespace {

constexpr auto kAdminCliBound = std::chrono::seconds(120);

class AdminCliTest : public ::testing::Test {
 protected:
  std::string Data() const { return tmp_ / "data"; }

  RunResult Admin(std::vector<std::string> args, const std::string& stdin_data = "") {
    std::vector<std::string> argv = {kBinary, "admin"};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--data");
    argv.push_back(Data());
    return RunToEnd(argv, kAdminCliBound, stdin_data);
  }

  // A successful --json command's object.
  nlohmann::json Json(std::vector<std::string> args, const std::string& stdin_data = "") {
    args.push_back("--json");
    const RunResult r = Admin(args, stdin_data);
    EXPECT_EQ(r.exit_code(), 0) << r.output;
    nlohmann::json j = nlohmann::json::parse(r.output, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.output;
    if (!j.is_discarded()) {
      EXPECT_EQ(j["ok"], true) << r.output;
    }
    return j;
  }

  // Everything the admin commands can change, as the list commands show it.
  std::string Dump() {
    std::string out;
    const nlohmann::json entities = Json({"entity", "list"});
    out += entities.dump() + Json({"probe", "list"}).dump() + Json({"account", "list"}).dump();
    for (const auto& e : entities["entities"]) {
      const std::string id = e["entity"];
      out += Json({"allow", "list", id}).dump() + Json({"role", "list", id}).dump();
    }
    return out;
  }

  // A failing command: non-zero exit, the message on stderr (merged into the
  // output here), {"ok": false} under --json, and the store as before.
  void ExpectRefused(std::vector<std::string> args, const std::string& message,
                     const std::string& stdin_data = "") {
    const std::string before = Dump();
    const RunResult r = Admin(args, stdin_data);
    EXPECT_TRUE(r.exited()) << r.output;
    EXPECT_NE(r.exit_code(), 0) << Join(args) << "\n" << r.output;
    EXPECT_NE(r.output.find(message), std::string::npos)
        << Join(args) << ": expected '" << message << "' in:\n"
        << r.output;
    args.push_back("--json");
    const RunResult j = Admin(args, stdin_data);
    EXPECT_NE(j.exit_code(), 0) << j.output;
    EXPECT_NE(j.output.find("{\"ok\":false,\"error\":"), std::string::npos) << j.output;
    EXPECT_EQ(Dump(), before) << Join(args) << " changed the store";
  }

  static std::string Join(const std::vector<std::string>& args) {
    std::string s;
    for (const auto& a : args) s += a + " ";
    return s;
  }

  std::string WriteFile(const std::string& name, const std::string& content) {
    const std::string path = tmp_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  // ry/example with DNS, DNSSEC, RDDS and RDAP; rr/9999 with RDAP.
  void AddEntities() {
    ASSERT_EQ(Admin({"entity", "add", "ry/example", "--ns", "ns1.example=192.0.2.1,2001:db8::1",
                     "--ns", "ns2.example=192.0.2.2", "--rdds", "whois.nic.example", "--rdap",
                     "https://rdap.nic.example/", "--test-domain", "nic.example"})
                  .exit_code(),
              0);
    ASSERT_EQ(
        Admin({"entity", "add", "rr/9999", "--rdap", "https://rdap.registrar.test/"}).exit_code(),
        0);
  }

  TempDir tmp_;
};

TEST_F(AdminCliTest, EntitiesAndProbes) {
  AddEntities();
  nlohmann::json list = Json({"entity", "list"});
  ASSERT_EQ(list["entities"].size(), 2u);
  // Listed ascending by EntityId: registries before registrars.
  EXPECT_EQ(list["entities"][0]["entity"], "ry/example");
  EXPECT_EQ(list["entities"][0]["services"],
            nlohmann::json::array({"dns", "dnssec", "rdds", "rdap"}));
  EXPECT_EQ(list["entities"][0]["nameServers"][0]["ips"][1], "2001:db8::1");
  EXPECT_EQ(list["entities"][1]["entity"], "rr/9999");
  EXPECT_EQ(list["entities"][1]["services"], nlohmann::json::array({"rdap"}));

  // update: only the options given change; the change time is recorded.
  nlohmann::json up = Json({"entity", "update", "ry/example", "--cctld", "--services", "dns,rdap"});
  EXPECT_EQ(up["changed"], true);
  EXPECT_EQ(up["entity"]["cctld"], true);
  EXPECT_EQ(up["entity"]["services"], nlohmann::json::array({"dns", "rdap"}));
  EXPECT_EQ(up["entity"]["nameServers"].size(), 2u);
  EXPECT_EQ(up["entity"]["configTimes"].size(), 1u);
  EXPECT_EQ(Json({"entity", "update", "ry/example", "--cctld"})["changed"], false);

  // A new entity gets the default roles and an empty allow-list (docs/auth.md).
  nlohmann::json roles = Json({"role", "list", "rr/9999"});
  EXPECT_EQ(roles["roles"],
            nlohmann::json::array({"MoSAPI - TLD SLAM Data", "MoSAPI - TLD DAAR Data"}));
  EXPECT_TRUE(roles["allowList"].empty());

  EXPECT_EQ(Json({"entity", "remove", "rr/9999"})["entity"], "rr/9999");
  EXPECT_EQ(Json({"entity", "list"})["entities"].size(), 1u);
  // Re-adding a removed entity revives it.
  EXPECT_EQ(Admin({"entity", "add", "rr/9999", "--rdds", "whois.registrar.test"}).exit_code(), 0);
  EXPECT_EQ(Json({"entity", "list"})["entities"].size(), 2u);

  nlohmann::json probe =
      Json({"probe", "add", "Probe1-Server1", "--ipv4-address", "198.51.100.1", "--no-ipv6"});
  EXPECT_EQ(probe["probe"]["index"], 0);
  EXPECT_EQ(Json({"probe", "add", "Probe2-Server1"})["probe"]["index"], 1);
  EXPECT_EQ(Json({"probe", "disable", "Probe2-Server1"})["enabled"], false);
  nlohmann::json probes = Json({"probe", "list"})["probes"];
  ASSERT_EQ(probes.size(), 2u);
  EXPECT_EQ(probes[0]["ipv6"], false);
  EXPECT_EQ(probes[0]["ipv4Addresses"], nlohmann::json::array({"198.51.100.1"}));
  EXPECT_EQ(probes[1]["enabled"], false);

  const RunResult table = Admin({"entity", "list"});
  EXPECT_NE(table.output.find("ccTLD"), std::string::npos) << table.output;
}

TEST_F(AdminCliTest, BadEntityAndProbeInputChangesNothing) {
  AddEntities();
  ASSERT_EQ(Admin({"probe", "add", "P1"}).exit_code(), 0);
  ExpectRefused({"entity", "add", "ry/Example!"}, "bad entity");
  ExpectRefused({"entity", "add", "xx/example"}, "bad entity");
  ExpectRefused({"entity", "add", "ry/other"}, "give --ns");
  ExpectRefused({"entity", "add", "ry/example", "--ns", "ns1.example=192.0.2.1"},
                "already configured");
  ExpectRefused({"entity", "add", "ry/other", "--ns", "ns1.other=192.0.2.300"},
                "not an IP address");
  ExpectRefused(
      {"entity", "add", "ry/other", "--ns", "ns1.other=192.0.2.1", "--rdap", "http://rdap.other/"},
      "--rdap");
  ExpectRefused(
      {"entity", "add", "rr/42", "--ns", "ns1.x.test=192.0.2.1", "--rdap", "https://r.test/"},
      "registrar");
  ExpectRefused(
      {"entity", "add", "ry/other", "--ns", "ns1.other=192.0.2.1", "--services", "dns,epp"}, "EPP");
  ExpectRefused({"entity", "update", "ry/none", "--cctld"}, "no entity ry/none");
  ExpectRefused({"entity", "update", "ry/example"}, "nothing to change");
  ExpectRefused({"entity", "update", "ry/example", "--services", "dns,rdds,whois"},
                "unknown service");
  ExpectRefused({"entity", "update", "rr/9999", "--services", "rdds"}, "RDDS needs");
  ExpectRefused({"entity", "remove", "ry/none"}, "no entity ry/none");
  ExpectRefused({"probe", "add", "P1"}, "P1");  // names are unique
  ExpectRefused({"probe", "add", "bad name"}, "[A-Za-z0-9._-]");
  ExpectRefused({"probe", "add", "P2", "--ipv4-address", "2001:db8::1"}, "bad IPv4");
  ExpectRefused({"probe", "add", "P2", "--no-ipv4", "--no-ipv6"}, "IPv4 or IPv6");
  ExpectRefused({"probe", "disable", "P9"}, "no probe named");
}

TEST_F(AdminCliTest, AccountsPasswordsAllowListsAndRoles) {
  AddEntities();
  // The password comes from stdin (first line), never from the command line.
  nlohmann::json set = Json({"password", "set", "ry/example"}, "s3cret\n");
  EXPECT_EQ(set["user"], "example_ry");
  EXPECT_EQ(set["created"], true);
  EXPECT_EQ(Json({"password", "set", "ry/example"}, "changed\n")["created"], false);
  EXPECT_EQ(Json({"password", "set", "rr/9999", "--user", "billing@registrar"}, "pw")["user"],
            "billing@registrar");
  nlohmann::json accounts = Json({"account", "list"})["accounts"];
  ASSERT_EQ(accounts.size(), 2u);
  EXPECT_EQ(accounts[0]["user"], "billing@registrar");
  EXPECT_EQ(accounts[0]["entity"], "rr/9999");
  EXPECT_EQ(accounts[1]["user"], "example_ry");
  EXPECT_EQ(Json({"account", "list", "--entity", "ry/example"})["accounts"].size(), 1u);
  const RunResult listing = Admin({"account", "list"});
  EXPECT_EQ(listing.output.find("argon2"), std::string::npos) << "hashes are never shown";

  nlohmann::json allow = Json({"allow", "add", "ry/example", "192.0.2.0/24"});
  EXPECT_EQ(allow["allowList"], nlohmann::json::array({"192.0.2.0/24"}));
  EXPECT_EQ(Json({"allow", "add", "ry/example", "2001:db8::1"})["allowList"][1], "2001:db8::1/128");
  EXPECT_EQ(Json({"allow", "add", "ry/example", "192.0.2.0/24"})["changed"], false);
  EXPECT_EQ(Json({"allow", "remove", "ry/example", "192.0.2.0/24"})["allowList"],
            nlohmann::json::array({"2001:db8::1/128"}));

  EXPECT_EQ(Json({"role", "revoke", "ry/example", "MoSAPI - TLD DAAR Data"})["changed"], true);
  nlohmann::json roles = Json({"role", "grant", "ry/example", "RRI - TLD Monthly Reporting"});
  EXPECT_EQ(
      roles["roles"],
      nlohmann::json::array({"MoSAPI - TLD SLAM Data", "MoSAPI - Registrars Base RDAP URL List",
                             "MoSAPI/RRI - TLD Maintenance Window",
                             "MoSAPI/RRI - SLAM Probe Node List", "RRI - TLD Monthly Reporting"}));

  EXPECT_EQ(Json({"account", "remove", "billing@registrar"})["user"], "billing@registrar");
  EXPECT_EQ(Json({"account", "list"})["accounts"].size(), 1u);
}

TEST_F(AdminCliTest, BadAccessInputChangesNothing) {
  AddEntities();
  ASSERT_EQ(Admin({"password", "set", "ry/example"}, "s3cret\n").exit_code(), 0);
  ExpectRefused({"password", "set", "ry/none"}, "no entity ry/none", "pw\n");
  ExpectRefused({"password", "set", "ry/example"}, "no password on standard input", "");
  ExpectRefused({"password", "set", "ry/example"}, "the password is empty", "\n");
  ExpectRefused({"password", "set", "ry/example", "--user", "has:colon"}, "user name", "pw\n");
  // An empty --user is a mistake (an unset shell variable), not "the default
  // account": changing example_ry's password here would lock its owner out.
  ExpectRefused({"password", "set", "ry/example", "--user", ""}, "--user is empty", "pw\n");
  ExpectRefused({"password", "set", "rr/9999", "--user", "example_ry"},
                "already belongs to ry/example", "pw\n");
  ExpectRefused({"account", "remove", "nobody"}, "no account named");
  ExpectRefused({"allow", "add", "ry/example", "192.0.2.1/24"}, "did you mean 192.0.2.0/24");
  ExpectRefused({"allow", "add", "ry/example", "example.com"}, "bad IPv4 address in prefix");
  ExpectRefused({"allow", "add", "ry/none", "192.0.2.0/24"}, "no entity ry/none");
  ExpectRefused({"allow", "remove", "ry/example", "198.51.100.0/24"}, "not in the allow-list");
  ExpectRefused({"role", "grant", "ry/example", "MoSAPI - SLAM Data"}, "unknown role");
  ExpectRefused({"role", "revoke", "ry/example", "RRI - TLD Monthly Reporting"},
                "does not have the role");
  ExpectRefused({"role", "list", "ry/none"}, "no entity ry/none");
}

TEST_F(AdminCliTest, DashboardOperators) {
  AddEntities();
  ASSERT_EQ(Admin({"password", "set", "ry/example"}, "s3cret\n").exit_code(), 0);
  nlohmann::json set = Json({"operator", "set", "alice"}, "pw\n");
  EXPECT_EQ(set["created"], true);
  EXPECT_EQ(set["entities"], nlohmann::json::array());
  set = Json({"operator", "set", "noc", "--entity", "ry/example", "--entity", "rr/9999"}, "pw\n");
  EXPECT_EQ(set["entities"], nlohmann::json::array({"ry/example", "rr/9999"}));
  EXPECT_EQ(Json({"operator", "set", "alice"}, "other\n")["created"], false);
  const nlohmann::json list = Json({"operator", "list"})["operators"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["user"], "alice");
  EXPECT_EQ(list[1]["entities"].size(), 2u);
  const RunResult text = Admin({"operator", "list"});
  EXPECT_NE(text.output.find("every entity"), std::string::npos) << text.output;
  EXPECT_EQ(text.output.find("argon2"), std::string::npos) << "hashes are never shown";
  // Bad input changes nothing.
  const std::string before = Json({"operator", "list"}).dump();
  for (const auto& [args, message, input] :
       std::vector<std::tuple<std::vector<std::string>, std::string, std::string>>{
           {{"operator", "set", "example_ry"}, "is the MoSAPI account of ry/example", "pw\n"},
           {{"operator", "set", "bad:name"}, "user name", "pw\n"},
           {{"operator", "set", "bob", "--entity", "ry/none"}, "no entity ry/none", "pw\n"},
           {{"operator", "set", "bob", "--entity", "nonsense"}, "ry/", "pw\n"},
           {{"operator", "set", "bob"}, "the password is empty", "\n"},
           {{"operator", "remove", "nobody"}, "no operator account nobody", ""}}) {
    const RunResult r = Admin(args, input);
    EXPECT_NE(r.exit_code(), 0) << Join(args);
    EXPECT_NE(r.output.find(message), std::string::npos) << Join(args) << ":\n" << r.output;
  }
  EXPECT_EQ(Json({"operator", "list"}).dump(), before);
  EXPECT_EQ(Json({"operator", "remove", "alice"})["user"], "alice");
  EXPECT_EQ(Json({"operator", "list"})["operators"].size(), 1u);
}

TEST_F(AdminCliTest, AlertListOnAStoreWithoutAlertsAndWithBadInput) {
  AddEntities();
  const nlohmann::json empty = Json({"alert", "list"});
  EXPECT_EQ(empty["firing"], nlohmann::json::array());
  EXPECT_EQ(empty["events"], nlohmann::json::array());
  const RunResult text = Admin({"alert", "list"});
  EXPECT_EQ(text.exit_code(), 0);
  EXPECT_NE(text.output.find("FIRING NOW\n  (nothing)"), std::string::npos) << text.output;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"alert", "list", "--limit", "0"},
        std::vector<std::string>{"alert", "list", "--after", "-1"},
        std::vector<std::string>{"alert", "list", "--after", "x"}}) {
    const RunResult r = Admin(args);
    EXPECT_NE(r.exit_code(), 0) << Join(args);
    EXPECT_NE(r.output.find("--"), std::string::npos) << Join(args) << ":\n" << r.output;
  }
}

TEST_F(AdminCliTest, AlertSettingsPerEntityAndTheirBadInput) {
  AddEntities();
  const nlohmann::json before = Json({"alert", "show", "ry/example"});
  EXPECT_EQ(before["entities"][0]["channels"], nullptr);
  EXPECT_EQ(before["entities"][0]["maintenance"], "mute");
  EXPECT_EQ(before["entities"][0]["cctld"], "mute");
  const nlohmann::json set = Json({"alert", "set", "ry/example", "--channels", "noc-hook,mail",
                                   "--maintenance", "send", "--cctld", "send"});
  EXPECT_EQ(set["channels"], (nlohmann::json{"noc-hook", "mail"}));
  EXPECT_EQ(set["maintenance"], "send");
  EXPECT_TRUE(set.contains("generation"));  // a configuration change
  EXPECT_EQ(Json({"alert", "show"})["entities"].size(), 2u);
  EXPECT_EQ(Json({"alert", "set", "ry/example", "--channels", "all"})["channels"], nullptr);
  EXPECT_EQ(Json({"alert", "set", "ry/example", "--channels", "none"})["channels"], nlohmann::json::array());
  EXPECT_EQ(Json({"alert", "deliveries"})["deliveries"], nlohmann::json::array());
  const std::string after = Json({"alert", "show"}).dump();
  for (const auto& [args, message] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"alert", "set", "ry/nowhere", "--cctld", "send"}, "no entity ry/nowhere"},
           {{"alert", "set", "ry/example"}, "nothing to set"},
           {{"alert", "set", "ry/example", "--channels", "Hook"}, "'Hook' is not a channel name"},
           {{"alert", "set", "ry/example", "--channels", "a,,b"}, "'' is not a channel name"},
           {{"alert", "set", "ry/example", "--maintenance", "maybe"}, "--maintenance"},
           {{"alert", "show", "xx/example"}, "xx/example"},
           {{"alert", "test", "--entity", "ry/example"}, "give --config FILE"}}) {
    const RunResult r = Admin(args);
    EXPECT_NE(r.exit_code(), 0) << Join(args);
    EXPECT_NE(r.output.find(message), std::string::npos) << Join(args) << ":\n" << r.output;
  }
  EXPECT_EQ(Json({"alert", "show"}).dump(), after);  // nothing changed
}

TEST_F(AdminCliTest, MetricaAndRdapBaseUrlImports) {
  AddEntities();
  // docs/formats/metrica-import.md: one report object; the entity comes from `tld`.
  const std::string metrica = WriteFile(
      "metrica.json",
      R"({"version": 2, "tld": "example", "domainListDate": "2025-01-01", "uniqueAbuseDomains": 2,
          "domainListData": [{"threatType": "spam", "count": 2, "domains": ["a.example", "b.example"]}]})");
  nlohmann::json m = Json({"metrica", "import", metrica});
  EXPECT_EQ(m["entity"], "ry/example");
  EXPECT_EQ(m["dates"], nlohmann::json::array({"2025-01-01"}));

  const std::string csv =
      WriteFile("rdap.csv", "9999,https://rdap.registrar.test/\n81,https://rdap.gandi.net\n");
  EXPECT_EQ(Json({"rdap-base-urls", "import", csv})["registrars"], 2);

  ExpectRefused({"metrica", "import", tmp_ / "missing.json"}, "no such file");
  // A directory is not a missing file: say what it is.
  ExpectRefused({"metrica", "import", tmp_.path()}, "is a directory");
  ExpectRefused({"rdap-base-urls", "import", tmp_.path()}, "is a directory");
  ExpectRefused({"metrica", "import", metrica, "--entity", "ry/other"}, "not the target ry/other");
  const std::string bad = WriteFile(
      "bad.json",
      R"({"version": 2, "tld": "example", "domainListDate": "2025-02-30", "uniqueAbuseDomains": 0,
          "domainListData": []})");
  ExpectRefused({"metrica", "import", bad}, "domainListDate");
  const std::string other = WriteFile(
      "other.json",
      R"({"version": 2, "tld": "unknown", "domainListDate": "2025-01-01", "uniqueAbuseDomains": 0,
          "domainListData": []})");
  ExpectRefused({"metrica", "import", other}, "no entity ry/unknown");
  ExpectRefused(
      {"rdap-base-urls", "import", WriteFile("bad.csv", "9999,http://rdap.registrar.test/\n")},
      "https");
  ExpectRefused(
      {"rdap-base-urls", "import", WriteFile("dup.csv", "1,https://a.test/\n1,https://b.test/\n")},
      "1");
}

// A message quoting user input must not pass control bytes to the terminal
// (an ESC sequence could recolour, retitle or hide the rest of the message):
// they are shown escaped, as \x1b, in the text and in the --json error.
TEST_F(AdminCliTest, ErrorMessagesEscapeControlBytes) {
  AddEntities();
  const std::string esc = "\x1b]0;owned\x07\x1b[2J";
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"entity", "add", "ry/x" + esc},
           {"entity", "add", "ry/other", "--ns", "ns1.other=192.0.2.1" + esc},
           {"allow", "add", "ry/example", "192.0.2.0/24" + esc},
           {"incident", "list", "ry/example", "dns" + esc},
           {"probe", "disable", "P" + esc},
           {"account", "remove", "u" + esc},
           {"metrica", "import", tmp_ / ("missing" + esc)},
           {"entity", "list", "--bogus" + esc}}) {
    for (const bool json : {false, true}) {
      std::vector<std::string> argv = args;
      if (json) argv.push_back("--json");
      const RunResult r = Admin(argv);
      EXPECT_NE(r.exit_code(), 0) << Join(argv) << r.output;
      EXPECT_EQ(r.output.find_first_of("\x1b\x07"), std::string::npos)
          << Join(argv) << ": raw control bytes in:\n"
          << r.output;
      EXPECT_NE(r.output.find("\\x1b]0;owned\\x07\\x1b[2J"), std::string::npos)
          << Join(argv) << ": expected the input escaped in:\n"
          << r.output;
    }
  }
}

// `admin status` only reads: it works on a data directory its user may not
// write (a serve running as another user owns it). As root, permissions do
// not bind, so the command then runs as nobody through setpriv(1).
TEST_F(AdminCliTest, StatusWorksOnAReadOnlyDataDirectory) {
  AddEntities();
  namespace fs = std::filesystem;
  fs::permissions(tmp_.path(), fs::perms::owner_all | fs::perms::group_read |
                                   fs::perms::group_exec | fs::perms::others_read |
                                   fs::perms::others_exec);
  for (const auto& entry : fs::directory_iterator(Data()))
    fs::permissions(entry.path(),
                    fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(Data(), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read |
                              fs::perms::others_exec);
  std::vector<std::string> argv;
  if (geteuid() == 0) {
    if (access("/usr/bin/setpriv", X_OK) != 0) GTEST_SKIP() << "root without setpriv(1)";
    argv = {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  }
  for (const std::string& a : {std::string(kBinary), std::string("admin"), std::string("status"),
                               std::string("--data"), Data()})
    argv.push_back(a);
  const RunResult r = RunToEnd(argv, kAdminCliBound);
  fs::permissions(Data(), fs::perms::owner_all);
  EXPECT_EQ(r.exit_code(), 0) << r.output;
  EXPECT_NE(r.output.find("ry/example"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("BYTES/METRIC"), std::string::npos) << r.output;
}

TEST_F(AdminCliTest, CommandsOnAMissingStoreFailWithoutCreatingOne) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"entity", "list"},
                                             {"entity", "remove", "ry/example"},
                                             {"account", "list"},
                                             {"allow", "add", "ry/example", "192.0.2.0/24"},
                                             {"incident", "list", "ry/example", "dns"}}) {
    const RunResult r = Admin(args);
    EXPECT_NE(r.exit_code(), 0) << Join(args) << r.output;
    EXPECT_NE(r.output.find("no store at"), std::string::npos) << r.output;
  }
  EXPECT_FALSE(Exists(Data() + "/tldmon.db"));
}

// False positives go through the engine: a simulated outage gives each TLD
// one DNS incident whose 18 Down minutes are its whole rolling-week downtime
// (cli_test.cc); flagging it removes them (slam-algorithms.md §7), clearing
// the flag brings them back, and `admin status` reads the recomputed figures.
TEST_F(AdminCliTest, FalsePositiveRecomputesDowntime) {
  const RunResult sim = RunToEnd(
      {kBinary, "simulate", "--tlds", "2", "--probes", "20", "--days", "0.05", "--quiet-network",
       "--fault", "ns-down entity=* from=+10m for=20m", "--data", Data()},
      kAdminCliBound);
  ASSERT_EQ(sim.exit_code(), 0) << sim.output;
  const nlohmann::json entities = Json({"entity", "list"})["entities"];
  ASSERT_EQ(entities.size(), 2u);
  const std::string tld = entities[0]["entity"];

  const nlohmann::json incidents = Json({"incident", "list", tld, "dns"})["incidents"];
  ASSERT_EQ(incidents.size(), 1u);
  const std::string id = incidents[0]["incidentID"];
  EXPECT_EQ(incidents[0]["falsePositive"], false);

  nlohmann::json on = Json({"incident", "false-positive", tld, "dns", id, "on", "--who", "tester"});
  EXPECT_EQ(on["incident"]["falsePositive"], true);
  EXPECT_EQ(on["downtime"], 0);
  EXPECT_EQ(on["emergencyThreshold"], 0);
  const auto status_downtime = [&] {
    const RunResult st = RunToEnd({kBinary, "admin", "status", "--data", Data(), "--json"}, kAdminCliBound);
    for (const auto& row : nlohmann::json::parse(st.output))
      if (row["entity"] == tld && row["service"] == "DNS") return row["downtime"].get<int>();
    return -1;
  };
  EXPECT_EQ(status_downtime(), 0);
  EXPECT_EQ(Json({"incident", "list", tld, "dns"})["incidents"][0]["falsePositive"], true);
  // The other TLD's incident is untouched.
  EXPECT_EQ(
      Json({"incident", "list", entities[1]["entity"], "dns"})["incidents"][0]["falsePositive"],
      false);

  nlohmann::json off = Json({"incident", "false-positive", tld, "dns", id, "off"});
  EXPECT_EQ(off["downtime"], 18);
  EXPECT_EQ(off["emergencyThreshold"], 7.5);  // round3(18 * 100 / 240)
  EXPECT_EQ(status_downtime(), 18);

  ExpectRefused({"incident", "false-positive", tld, "dns", "1.1", "on"}, "no incident 1.1");
  ExpectRefused({"incident", "false-positive", tld, "dns", id, "yes"}, "'on' or 'off'");
  ExpectRefused({"incident", "false-positive", tld, "epp", id, "on"}, "unknown service");
  ExpectRefused({"incident", "false-positive", "ry/none", "dns", id, "on"}, "no entity ry/none");
  EXPECT_EQ(status_downtime(), 18);
}

}  // namespace
}  // namespace tldmon::integration

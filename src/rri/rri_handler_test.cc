// RriHandler end to end without a socket: golden request/response pairs
// (tests/conformance/rri/, one pair per result code of rri.md §8 and per
// answer of the authentication and routing rules), replayed in file-name
// order against one store, so later cases see what earlier ones stored.
//
// A pair is <name>.request:
//   # comment lines
//   METHOD PATH
//   Header: value            (Authorization, Content-Type; "Source: ip" sets the peer)
//   <empty line>
//   body bytes, exactly (CRLF kept)
// and <name>.response: the status on the first line, then the body exactly.
// TLDMON_RRI_GOLDEN_WRITE=1 rewrites the .response files from the actual
// answers: review `git diff tests/conformance/rri` before committing them.
#include "rri/rri_handler.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rri/rri_repository.h"
#include "store/sqlite/sqlite_store.h"
#include "testutil/test_base64.h"

namespace tldmon::rri {
namespace {

namespace fs = std::filesystem;

// Tuesday 2026-11-10T12:00:00Z: October's reports are before their cut-off, September's after.
const UnixSeconds kRriHandlerNow = FromCivilDate({2026, 11, 10}) + 12 * 3600;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct GoldenRequest {
  std::string method, path, authorization, content_type, source = "127.0.0.1", body;
};

GoldenRequest ParseRequest(const std::string& text) {
  GoldenRequest r;
  std::size_t pos = 0;
  auto line = [&]() {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string l = text.substr(pos, end - pos);
    pos = std::min(end + 1, text.size());
    if (!l.empty() && l.back() == '\r') l.pop_back();
    return l;
  };
  std::string first;
  do first = line();
  while (!first.empty() && first[0] == '#');
  const std::size_t sp = first.find(' ');
  r.method = first.substr(0, sp);
  r.path = first.substr(sp + 1);
  for (std::string h = line(); !h.empty(); h = line()) {
    const std::size_t colon = h.find(": ");
    const std::string name = h.substr(0, colon), value = h.substr(colon + 2);
    if (name == "Authorization") r.authorization = value;
    else if (name == "Content-Type") r.content_type = value;
    else if (name == "Source") r.source = value;
    else ADD_FAILURE() << "unknown header in a golden request: " << name;
  }
  r.body = text.substr(pos);
  return r;
}

class RriHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tldmon_rri_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    auto store = store::SqliteStore::Open((dir_ / "tldmon.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    auth::AuthLimits limits;
    limits.pwhash = auth::PwhashLimits::Min();
    limits.max_logins_per_source = 100000;  // the cases come from one address
    limits.max_logins_per_account = 100000;
    auto a = auth::Authenticator::Create(clock_, limits);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auth_ = std::move(a).value();
    auto allow = auth::ParseAllowList({"127.0.0.0/8"});
    ASSERT_TRUE(allow.ok());
    auth::RoleSet rri = auth::DefaultRoles(EntityKind::kRegistry);
    rri.Add(auth::Role::kRriTldMonthlyReporting);
    rri.Add(auth::Role::kRriTldDataEscrowDailyReporting);
    const EntityId example{EntityKind::kRegistry, "example"};
    const EntityId other{EntityKind::kRegistry, "other"};
    const EntityId closed{EntityKind::kRegistry, "closed"};
    ASSERT_TRUE(auth_->SetEntityAccess({example, *allow, rri}).ok());
    ASSERT_TRUE(auth_->SetEntityAccess({closed, *allow, rri}).ok());
    // .other has MoSAPI's default roles only: no RRI role.
    ASSERT_TRUE(auth_->SetEntityAccess({other, *allow, auth::DefaultRoles(EntityKind::kRegistry)}).ok());
    ASSERT_TRUE(auth_->SetPassword("example_ry", example, "s3cret").ok());
    ASSERT_TRUE(auth_->SetPassword("example_dea", example, "agent-pw").ok());
    ASSERT_TRUE(auth_->SetPassword("other_ry", other, "other-pw").ok());
    ASSERT_TRUE(auth_->SetPassword("closed_ry", closed, "closed-pw").ok());
    RriRepository repo(*store_);
    TldSettings ex;
    ex.tld = "example";
    ex.created = CivilDate{2014, 3, 1};
    ASSERT_TRUE(repo.PutSettings(ex).ok());
    TldSettings cl;
    cl.tld = "closed";
    for (int i = 0; i < kReportTypeCount; ++i) cl.disabled.set(static_cast<std::size_t>(i));
    ASSERT_TRUE(repo.PutSettings(cl).ok());
    RriHandlerOptions options;
    options.accredited_registrars = [] { return std::vector<std::int64_t>{81, 1448, 9999}; };
    handler_ = std::make_unique<RriHandler>(*auth_, clock_, *store_, std::move(options));
  }
  void TearDown() override {
    handler_.reset();
    store_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Answers `r` as the server would: status and body.
  std::pair<int, std::string> Serve(const GoldenRequest& r) {
    http::Request req;
    req.method = http::ParseMethod(r.method);
    req.method_name = r.method;
    req.target = r.path;
    req.path = r.path;
    if (!r.authorization.empty()) req.authorization = r.authorization;
    if (!r.content_type.empty()) req.content_type = r.content_type;
    req.body = r.body;
    req.peer.text = r.source;
    http::Response resp;
    resp.Reset();
    handler_->Handle(req, resp);
    return {resp.status(), std::string(resp.body())};
  }

  fs::path dir_;
  FakeClock clock_{kRriHandlerNow};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<auth::Authenticator> auth_;
  std::unique_ptr<RriHandler> handler_;
};

TEST_F(RriHandlerTest, GoldenPairs) {
  const fs::path golden = TLDMON_RRI_GOLDEN_DIR;
  std::vector<fs::path> requests;
  for (const auto& e : fs::directory_iterator(golden))
    if (e.path().extension() == ".request") requests.push_back(e.path());
  std::sort(requests.begin(), requests.end());
  ASSERT_GE(requests.size(), 30u) << "golden pairs missing in " << golden;
  const bool write = std::getenv("TLDMON_RRI_GOLDEN_WRITE") != nullptr;
  for (const fs::path& p : requests) {
    SCOPED_TRACE(p.filename().string());
    const GoldenRequest r = ParseRequest(ReadFile(p));
    const auto [status, body] = Serve(r);
    const std::string actual = std::to_string(status) + "\n" + body;
    fs::path expected_path = p;
    expected_path.replace_extension(".response");
    if (write) {
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(fs::exists(expected_path));
    EXPECT_EQ(actual, ReadFile(expected_path));
  }
}

TEST_F(RriHandlerTest, NothingOfARejectedUploadIsStored) {
  GoldenRequest r;
  r.method = "PUT";
  r.path = "/report/registry-functions-activity/example/2026-10";
  r.authorization = testutil::BasicHeader("example_ry", "s3cret");
  r.body = "not,a,report\n1,2,3\n";
  EXPECT_EQ(Serve(r).first, 400);
  RriRepository repo(*store_);
  auto all = repo.List("example");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
}

}  // namespace
}  // namespace tldmon::rri

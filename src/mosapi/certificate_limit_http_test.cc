// Over real TLS connections (issue 10): five requests in flight with one
// client certificate, of which exactly one is answered 429; a slot frees when
// its response has been written. Four clients ask for a document too large
// for the socket buffers and read only its first bytes, so their responses
// (and slots) stay in flight; the fifth is refused.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "auth/authenticator.h"
#include "http/http_server.h"
#include "http/self_signed_certificate.h"
#include "mosapi/mosapi_access_control.h"
#include "testutil/http_test_client.h"
#include "testutil/server_test_support.h"
#include "testutil/test_certificates.h"

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)
namespace ssl = boost::asio::ssl;

constexpr UnixSeconds kNow = 1767225600;
const EntityId kExample{EntityKind::kRegistry, "example"};

TEST(CertificateLimitHttp, FiveInFlightWithOneCertificateExactlyOneGets429) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("tldmon_certlimit_" + std::to_string(::getpid()));
  auto files = GenerateSelfSignedCertificate(dir, kNow);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  FakeClock clock(kNow);
  auth::AuthLimits limits;
  limits.pwhash = auth::PwhashLimits::Min();
  auto authenticator = auth::Authenticator::Create(clock, limits);
  ASSERT_TRUE(authenticator.ok());
  const auto acl = auth::ParseAllowList({"127.0.0.0/8"});
  ASSERT_TRUE(acl.ok());
  // Every presented certificate matches (the DANE lookup is not under test here).
  MosapiAccessControl access(
      **authenticator, clock,
      [&](const EntityId&, const PeerCertificate&) {
        return std::vector<auth::CertificateGrant>{
            {"rsp1.nic.example", auth::RoleSet{auth::Role::kTldSlamData}, *acl}};
      },
      /*max_requests_per_certificate=*/4);
  testing::MapDocuments documents;
  documents.docs["ry/example/v2/monitoring/state"] =
      Representation::FromString(std::string(64 << 20, 'x'), kNow, "application/json");
  documents.docs["ry/example/v2/monitoring/dns/alarmed"] =
      Representation::FromString(R"({"alarmed":"No"})", kNow, "application/json");
  ApiHandler api(access, documents, nullptr, clock);
  testing::MountedApi mounted(api);
  ServerConfig config;
  config.endpoints = {{"127.0.0.1", 0, true}};
  config.threads = 2;
  config.tls.certificate_file = files->certificate.string();
  config.tls.private_key_file = files->private_key.string();
  auto server = HttpServer::Start(config, mounted.mounts, clock);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::uint16_t port = (*server)->endpoints()[0].port;

  const auto cert = testutil::MakeTestCertificate(testutil::TestKey::kP256);
  ssl::context ctx(ssl::context::tls_client);
  ctx.load_verify_file(files->certificate.string());
  ctx.use_certificate(boost::asio::buffer(cert.cert_pem), ssl::context::pem);
  ctx.use_private_key(boost::asio::buffer(cert.key_pem), ssl::context::pem);
  const std::string big = "GET /ry/example/v2/monitoring/state HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string small = "GET /ry/example/v2/monitoring/dns/alarmed HTTP/1.1\r\nHost: x\r\n\r\n";

  std::vector<std::unique_ptr<testutil::TestClient>> held;
  for (int i = 0; i < 4; ++i) {
    auto c = std::make_unique<testutil::TestClient>(port, &ctx);
    ASSERT_FALSE(c->Connect());
    ASSERT_TRUE(c->Write(big));
    // The response started: the request is authorized and in flight.
    const auto head = c->ReadExactly(15);
    ASSERT_TRUE(head);
    EXPECT_EQ(*head, "HTTP/1.1 200 OK");
    held.push_back(std::move(c));
  }
  testutil::TestClient fifth(port, &ctx);
  ASSERT_FALSE(fifth.Connect());
  auto refused = fifth.Request(small);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->result_int(), 429);
  EXPECT_EQ(std::string((*refused)["Retry-After"]), "1");
  // Another certificate has slots of its own.
  const auto other_cert = testutil::MakeTestCertificate(testutil::TestKey::kP384);
  ssl::context other_ctx(ssl::context::tls_client);
  other_ctx.load_verify_file(files->certificate.string());
  other_ctx.use_certificate(boost::asio::buffer(other_cert.cert_pem), ssl::context::pem);
  other_ctx.use_private_key(boost::asio::buffer(other_cert.key_pem), ssl::context::pem);
  testutil::TestClient other(port, &other_ctx);
  ASSERT_FALSE(other.Connect());
  auto ok = other.Request(small);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->result_int(), 200);
  // One held client goes away: its write fails, its slot frees (bounded wait).
  held.pop_back();
  int status = 429;
  for (int i = 0; i < 100 && status == 429; ++i) {
    auto again = fifth.Request(small);
    ASSERT_TRUE(again);
    status = again->result_int();
    if (status == 429) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status, 200);
  held.clear();
  (*server)->Shutdown();
  (*server)->Wait();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tldmon::mosapi

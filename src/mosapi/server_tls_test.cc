// HTTPS: the self-signed certificate helper, TLS versions (1.2 and 1.3 in,
// 1.1 and 1.0 out), ECDHE, keep-alive over TLS, client certificates reaching
// the handler, and plain + TLS endpoints on one server. Real loopback.
#include <gtest/gtest.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/http_server.h"
#include "testutil/http_test_client.h"
#include "http/self_signed_certificate.h"
#include "testutil/server_test_support.h"

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

using testutil::Field;
using testutil::TestClient;
namespace ssl = boost::asio::ssl;

constexpr UnixSeconds kServerTlsNow = 1767225600;  // 2026-01-01T00:00:00Z

std::filesystem::path MakeTempDir() {
  std::string templ = (std::filesystem::temp_directory_path() / "tldmon-api-XXXXXX").string();
  const char* dir = mkdtemp(templ.data());
  EXPECT_NE(dir, nullptr);
  return dir ? std::filesystem::path(dir) : std::filesystem::path();
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
std::unique_ptr<X509, X509Deleter> LoadCert(const std::filesystem::path& p) {
  FILE* f = std::fopen(p.c_str(), "r");
  if (!f) return nullptr;
  X509* x = PEM_read_X509(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  return std::unique_ptr<X509, X509Deleter>(x);
}

TEST(SelfSignedCertificate, MatchesTheSpecifiedProfile) {
  const auto dir = MakeTempDir() / "tls";
  auto files = GenerateSelfSignedCertificate(dir, kServerTlsNow);
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  struct stat st {};
  ASSERT_EQ(::stat(files->private_key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);  // the key is private to the owner
  EXPECT_FALSE(std::filesystem::exists(files->private_key.string() + ".tmp"));

  auto cert = LoadCert(files->certificate);
  ASSERT_TRUE(cert);
  // ECDSA P-256 key, SHA-256 signature.
  EVP_PKEY* key = X509_get0_pubkey(cert.get());
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(EVP_PKEY_base_id(key), EVP_PKEY_EC);
  char group[64] = {};
  size_t group_len = 0;
  ASSERT_EQ(EVP_PKEY_get_utf8_string_param(key, "group", group, sizeof group, &group_len), 1);
  EXPECT_STREQ(group, "prime256v1");
  EXPECT_EQ(X509_get_signature_nid(cert.get()), NID_ecdsa_with_SHA256);
  // Validity: one year from the caller's clock. X509_cmp_time is -1 when
  // the certificate time is at or before the given time, 1 after it.
  time_t before = static_cast<time_t>(kServerTlsNow - 1), at = static_cast<time_t>(kServerTlsNow);
  EXPECT_EQ(X509_cmp_time(X509_get0_notBefore(cert.get()), &before), 1);
  EXPECT_EQ(X509_cmp_time(X509_get0_notBefore(cert.get()), &at), -1);  // notBefore == now
  time_t end = static_cast<time_t>(kServerTlsNow + kSelfSignedValiditySeconds);
  time_t end_before = end - 1;
  EXPECT_EQ(X509_cmp_time(X509_get0_notAfter(cert.get()), &end_before), 1);
  EXPECT_EQ(X509_cmp_time(X509_get0_notAfter(cert.get()), &end), -1);
  // SAN: 127.0.0.1, ::1 and localhost.
  EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(cert.get(), "::1", 0), 1);
  EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.2", 0), 0);
  // The key file holds the matching private key.
  FILE* f = std::fopen(files->private_key.c_str(), "r");
  ASSERT_NE(f, nullptr);
  EVP_PKEY* priv = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  ASSERT_NE(priv, nullptr);
  EXPECT_EQ(EVP_PKEY_eq(priv, key), 1);
  EVP_PKEY_free(priv);

  // Ensure… reuses an existing pair; Generate… replaces it.
  const std::string pem = ReadFile(files->certificate);
  auto again = EnsureSelfSignedCertificate(dir, kServerTlsNow + 100);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(ReadFile(again->certificate), pem);
  auto fresh = GenerateSelfSignedCertificate(dir, kServerTlsNow);
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(ReadFile(fresh->certificate), pem);  // new key, new serial
  std::filesystem::remove_all(dir.parent_path());
}

class TlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir();
    auto files = GenerateSelfSignedCertificate(dir_, kServerTlsNow);
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    files_ = *files;
    documents_.docs["ry/example/v2/monitoring/state"] =
        Representation::FromString(testing::ExampleState(), kServerTlsNow);
    ServerConfig config;
    config.endpoints = {{"127.0.0.1", 0, true}, {"127.0.0.1", 0, false}};
    config.threads = 2;
    config.tls.certificate_file = files_.certificate.string();
    config.tls.private_key_file = files_.private_key.string();
    auto server = HttpServer::Start(config, recorder_, clock_);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server.value());
    tls_port_ = server_->endpoints()[0].port;
    plain_port_ = server_->endpoints()[1].port;
    EXPECT_TRUE(server_->endpoints()[0].tls);
    EXPECT_FALSE(server_->endpoints()[1].tls);
  }
  void TearDown() override {
    recorder_.Release();
    server_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A client context that trusts exactly our self-signed certificate and
  // checks that it names 127.0.0.1.
  std::unique_ptr<ssl::context> ClientContext(int min_version, int max_version) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), min_version);
    SSL_CTX_set_max_proto_version(ctx->native_handle(), max_version);
    if (max_version < TLS1_2_VERSION) {
      // Let the client offer the old versions at all (OpenSSL 3 refuses by default).
      SSL_CTX_set_security_level(ctx->native_handle(), 0);
      SSL_CTX_set_cipher_list(ctx->native_handle(), "ALL:@SECLEVEL=0");
    }
    ctx->load_verify_file(files_.certificate.string());
    ctx->set_verify_mode(ssl::verify_peer);
    X509_VERIFY_PARAM_set1_ip_asc(SSL_CTX_get0_param(ctx->native_handle()), "127.0.0.1");
    return ctx;
  }

  std::filesystem::path dir_;
  CertificateFiles files_;
  FakeClock clock_{kServerTlsNow};
  testing::AllowAll access_;
  testing::MapDocuments documents_;
  ApiHandler api_{access_, documents_, nullptr, clock_};
  testing::MountedApi mounted_{api_};
  testing::RecordingHandler recorder_{mounted_.mounts};
  std::unique_ptr<HttpServer> server_;
  std::uint16_t tls_port_ = 0, plain_port_ = 0;
};

constexpr std::string_view kGetState =
    "GET /ry/example/v2/monitoring/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

TEST_F(TlsServerTest, Tls12WithEcdheIsAccepted) {
  auto ctx = ClientContext(TLS1_2_VERSION, TLS1_2_VERSION);
  TestClient c(tls_port_, ctx.get());
  ASSERT_FALSE(c.Connect());
  EXPECT_EQ(SSL_version(c.tls()->native_handle()), TLS1_2_VERSION);
  const std::string cipher = SSL_get_cipher_name(c.tls()->native_handle());
  EXPECT_EQ(cipher.rfind("ECDHE-", 0), 0u) << cipher;
  // Keep-alive over TLS: two requests, one connection.
  for (int i = 0; i < 2; ++i) {
    auto r = c.Request(kGetState);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200);
    EXPECT_EQ(r->body(), testing::ExampleState());
  }
  const auto seen = recorder_.seen();
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0].tls);
  EXPECT_EQ(seen[0].connection_id, seen[1].connection_id);
  EXPECT_TRUE(seen[0].client_certificate_der.empty());
}

TEST_F(TlsServerTest, Tls13IsAccepted) {
  auto ctx = ClientContext(TLS1_3_VERSION, TLS1_3_VERSION);
  TestClient c(tls_port_, ctx.get());
  ASSERT_FALSE(c.Connect());
  EXPECT_EQ(SSL_version(c.tls()->native_handle()), TLS1_3_VERSION);
  // TLS 1.3 key exchange is on one of our EC groups.
  const int group = SSL_get_negotiated_group(c.tls()->native_handle());
  EXPECT_TRUE(group == NID_X25519 || group == NID_X9_62_prime256v1 || group == NID_secp384r1)
      << group;
  auto r = c.Request(kGetState);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
}

// Sessions resume by ticket in both versions (the server keeps no session
// cache: tls_context.cc), and each resumed connection still serves. The
// server has two workers, each with its own TLS context, and accepted
// connections alternate between them: the second connection resumes on the
// other worker, so the ticket keys are shared.
TEST_F(TlsServerTest, SessionsResumeByTicketInTls12AndTls13) {
  for (const int version : {TLS1_2_VERSION, TLS1_3_VERSION}) {
    auto ctx = ClientContext(version, version);
    SSL_CTX_set_session_cache_mode(ctx->native_handle(), SSL_SESS_CACHE_CLIENT);
    TestClient first(tls_port_, ctx.get());
    ASSERT_FALSE(first.Connect());
    auto r = first.Request(kGetState);  // TLS 1.3 tickets arrive after the handshake
    ASSERT_TRUE(r);
    SSL_SESSION* session = SSL_get1_session(first.tls()->native_handle());
    ASSERT_NE(session, nullptr);
    EXPECT_EQ(SSL_SESSION_has_ticket(session), 1) << version;
    TestClient second(tls_port_, ctx.get());
    SSL_set_session(second.tls()->native_handle(), session);
    ASSERT_FALSE(second.Connect());
    EXPECT_EQ(SSL_session_reused(second.tls()->native_handle()), 1) << version;
    r = second.Request(kGetState);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->result_int(), 200);
    SSL_SESSION_free(session);
  }
}

TEST_F(TlsServerTest, Tls11AndTls10AreRefused) {
  for (int version : {TLS1_1_VERSION, TLS1_VERSION}) {
    SCOPED_TRACE(version);
    auto ctx = ClientContext(version, version);
    TestClient c(tls_port_, ctx.get());
    EXPECT_TRUE(c.Connect());  // handshake error
  }
  // The same client set-up, allowed to go up to 1.2, gets in: the refusal
  // above is the server's version floor, not a broken client.
  auto ctx = ClientContext(TLS1_1_VERSION, TLS1_2_VERSION);
  TestClient c(tls_port_, ctx.get());
  EXPECT_FALSE(c.Connect());
  EXPECT_GE(server_->Stats().tls_handshake_failures, 2u);
}

TEST_F(TlsServerTest, NonEcdheTls12CipherIsRefused) {
  auto ctx = ClientContext(TLS1_2_VERSION, TLS1_2_VERSION);
  SSL_CTX_set_cipher_list(ctx->native_handle(), "AES128-GCM-SHA256:DHE-RSA-AES128-GCM-SHA256");
  TestClient c(tls_port_, ctx.get());
  EXPECT_TRUE(c.Connect());
}

TEST_F(TlsServerTest, ClientCertificateReachesTheHandler) {
  auto client_files = GenerateSelfSignedCertificate(dir_ / "client", kServerTlsNow);
  ASSERT_TRUE(client_files.ok());
  auto ctx = ClientContext(TLS1_2_VERSION, TLS1_3_VERSION);
  ctx->use_certificate_file(client_files->certificate.string(), ssl::context::pem);
  ctx->use_private_key_file(client_files->private_key.string(), ssl::context::pem);
  TestClient c(tls_port_, ctx.get());
  ASSERT_FALSE(c.Connect());
  auto r = c.Request(kGetState);
  ASSERT_TRUE(r);
  const auto seen = recorder_.seen();
  ASSERT_EQ(seen.size(), 1u);
  auto cert = LoadCert(client_files->certificate);
  ASSERT_TRUE(cert);
  unsigned char* der = nullptr;
  const int len = i2d_X509(cert.get(), &der);
  ASSERT_GT(len, 0);
  EXPECT_EQ(seen[0].client_certificate_der,
            std::string(reinterpret_cast<char*>(der), static_cast<std::size_t>(len)));
  OPENSSL_free(der);
}

TEST_F(TlsServerTest, PlainAndTlsEndpointsSideBySide) {
  TestClient plain(plain_port_);
  ASSERT_FALSE(plain.Connect());
  auto r = plain.Request(kGetState);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
  // Plain HTTP to the TLS port is not answered in clear text.
  TestClient wrong(tls_port_);
  ASSERT_FALSE(wrong.Connect());
  ASSERT_TRUE(wrong.Write(kGetState));
  std::string got;
  EXPECT_TRUE(wrong.ReadUntilClosed(&got));
  EXPECT_EQ(got.find("HTTP/1.1 200"), std::string::npos);
}

TEST_F(TlsServerTest, GzipAndHeadOverTls) {
  auto ctx = ClientContext(TLS1_2_VERSION, TLS1_3_VERSION);
  TestClient c(tls_port_, ctx.get());
  ASSERT_FALSE(c.Connect());
  auto head = c.Request(
      "HEAD /ry/example/v2/monitoring/state HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n",
      /*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(Field(*head, "Content-Encoding"), "gzip");
  auto get = c.Request(
      "GET /ry/example/v2/monitoring/state HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n");
  ASSERT_TRUE(get);
  EXPECT_EQ(Field(*head, "Content-Length"), std::to_string(get->body().size()));
}

// dane-client-auth.md §5.6, §8: a TLS 1.2 client cannot swap identities
// mid-connection by renegotiating; the server refuses (SSL_OP_NO_RENEGOTIATION,
// and OpenSSL 3 refuses client-initiated renegotiation unless
// SSL_OP_ALLOW_CLIENT_RENEGOTIATION is set: with it, this test fails).
TEST_F(TlsServerTest, Tls12RenegotiationIsRefused) {
  auto ctx = ClientContext(TLS1_2_VERSION, TLS1_2_VERSION);
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  timeval bound{5, 0};  // every read below is bounded
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(tls_port_);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  SSL* ssl = SSL_new(ctx->native_handle());
  SSL_set_fd(ssl, fd);
  ASSERT_EQ(SSL_connect(ssl), 1);
  ASSERT_EQ(SSL_renegotiate(ssl), 1);  // the client asks
  const int handshake = SSL_do_handshake(ssl);
  // Refused: the handshake fails (no_renegotiation alert) or never completes.
  EXPECT_TRUE(handshake != 1 || SSL_renegotiate_pending(ssl) == 1) << handshake;
  SSL_free(ssl);
  ::close(fd);
}

TEST_F(TlsServerTest, MinVersion13RefusesTls12) {
  ServerConfig config;
  config.endpoints = {{"127.0.0.1", 0, true}};
  config.threads = 1;
  config.tls.certificate_file = files_.certificate.string();
  config.tls.private_key_file = files_.private_key.string();
  config.tls.min_version = 13;
  auto strict = HttpServer::Start(config, recorder_, clock_);
  ASSERT_TRUE(strict.ok()) << strict.status().ToString();
  const std::uint16_t port = (*strict)->endpoints()[0].port;
  auto tls12 = ClientContext(TLS1_2_VERSION, TLS1_2_VERSION);
  TestClient old(port, tls12.get());
  EXPECT_TRUE(old.Connect());  // handshake refused
  auto tls13 = ClientContext(TLS1_3_VERSION, TLS1_3_VERSION);
  TestClient current(port, tls13.get());
  ASSERT_FALSE(current.Connect());
  auto r = current.Request(kGetState);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->result_int(), 200);
}

}  // namespace
}  // namespace tldmon::mosapi

// DANE/TLSA client certificates (issue 10), three figures:
//   1. full TLS handshakes with a client certificate per second, each then
//      one GET of the state document and close, against `tldmon serve`
//      (certificate authenticated by a TLSA record in a local signed zone)
//      and against nginx (`ssl_verify_client optional_no_ca`) serving the
//      same bytes from a file; TLS 1.3 and TLS 1.2; ratio tldmon/nginx
//      (target >= 1.0);
//   2. keep-alive requests per second on tldmon authenticated by the
//      certificate vs by a session cookie (target >= 1.0);
//   3. one refresh round of N owner names (default 5000) against nsd through
//      libunbound: wall time and CPU time.
// Everything on loopback; servers are child processes stopped at the end.
// Options: --seconds=N (per run, default 5) --threads=N (client threads,
// default 4) --rounds=N (alternating runs; the median counts; default 3)
// --names=N (default 5000; 0 skips part 3) --server-threads=N (tldmon threads and nginx
// workers, default 2) --tls=12|13 (part 1 for one version only).
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <set>
#include <vector>

#include "bench_args.h"
#include "dane/tlsa_cache.h"
#include "dane/tlsa_refresher.h"
#include "dane/unbound_tlsa_resolver.h"
#include "lab/child_process.h"
#include "lab/dns_lab.h"
#include "lab/tlsa_lab.h"
#include "testutil/test_certificates.h"

namespace {

using namespace tldmon;  // NOLINT
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "dane_bench: %s\n", what.c_str());
  std::exit(1);
}

std::uint16_t FreeTcpPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

int Run(const std::vector<std::string>& argv, const std::string& input = "") {
  std::string cmd;
  for (const std::string& a : argv) cmd += "'" + a + "' ";
  cmd += ">/dev/null 2>&1";
  if (!input.empty()) cmd = "printf '%s\\n' '" + input + "' | " + cmd;
  return std::system(cmd.c_str());
}

// CPU seconds (user + system) of process `pid` and its direct children
// (nginx's workers), from /proc; the clients' share of the machine does not
// enter this figure, so it is steadier than handshakes per second.
double TreeCpuSeconds(pid_t pid) {
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  double total = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::ifstream in(entry.path() / "stat");
    std::string text;
    if (!in || !std::getline(in, text)) continue;
    const std::size_t close_paren = text.rfind(')');
    if (close_paren == std::string::npos) continue;
    std::istringstream fields(text.substr(close_paren + 2));
    std::string state;
    long ppid = 0;
    fields >> state >> ppid;
    const long self = std::atol(entry.path().filename().c_str());
    if (self != pid && ppid != pid) continue;
    std::string skip;
    for (int i = 0; i < 9; ++i) fields >> skip;  // pgrp … cmajflt
    double utime = 0, stime = 0;
    fields >> utime >> stime;
    total += (utime + stime) / tick;
  }
  return total;
}

// ---- a minimal HTTPS client ----

int Connect(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Reads one response; its status, or -1.
int ReadResponse(SSL* ssl, std::string& buf) {
  buf.clear();
  char chunk[16384];
  std::size_t header_end = std::string::npos;
  while ((header_end = buf.find("\r\n\r\n")) == std::string::npos) {
    const int n = SSL_read(ssl, chunk, sizeof chunk);
    if (n <= 0) return -1;
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  const int status = std::atoi(buf.c_str() + 9);
  std::size_t length = 0;
  const std::size_t cl = buf.find("\r\nContent-Length: ");
  const std::size_t cl_lower = buf.find("\r\ncontent-length: ");
  const std::size_t at = cl != std::string::npos ? cl : cl_lower;
  if (at != std::string::npos && at < header_end) length = std::strtoull(buf.c_str() + at + 18, nullptr, 10);
  while (buf.size() < header_end + 4 + length) {
    const int n = SSL_read(ssl, chunk, sizeof chunk);
    if (n <= 0) return -1;
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  return status;
}

SSL_CTX* ClientContext(int max_version, const testutil::TestCertificate* cert, const std::string& ca) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  SSL_CTX_set_max_proto_version(ctx, max_version);
  SSL_CTX_load_verify_locations(ctx, ca.c_str(), nullptr);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);  // full handshakes
  if (cert != nullptr) {
    BIO* b = BIO_new_mem_buf(cert->cert_pem.data(), static_cast<int>(cert->cert_pem.size()));
    X509* x = PEM_read_bio_X509(b, nullptr, nullptr, nullptr);
    BIO_free(b);
    b = BIO_new_mem_buf(cert->key_pem.data(), static_cast<int>(cert->key_pem.size()));
    EVP_PKEY* k = PEM_read_bio_PrivateKey(b, nullptr, nullptr, nullptr);
    BIO_free(b);
    SSL_CTX_use_certificate(ctx, x);
    SSL_CTX_use_PrivateKey(ctx, k);
    X509_free(x);
    EVP_PKEY_free(k);
  }
  return ctx;
}

struct Load {
  long ok = 0, failed = 0;
  double seconds = 0;
  double per_second() const { return seconds > 0 ? ok / seconds : 0; }
};

// Runs `client(until, ok, failed)` on `threads` threads until `seconds` pass.
template <typename Client>
Load RunClients(int threads, double seconds, Client client) {
  std::atomic<long> ok{0}, failed{0};
  const Clock::time_point t0 = Clock::now();
  const Clock::time_point until =
      t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> ts;
  for (int t = 0; t < threads; ++t) ts.emplace_back([&] { client(until, ok, failed); });
  for (auto& t : ts) t.join();
  Load l;
  l.ok = ok;
  l.failed = failed;
  l.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return l;
}

// `threads` clients, each: connect, handshake, GET (Connection: close), read, close.
Load Handshakes(SSL_CTX* ctx, std::uint16_t port, const std::string& request, int threads, double seconds) {
  return RunClients(threads, seconds, [&](Clock::time_point until, std::atomic<long>& ok,
                                          std::atomic<long>& failed) {
    std::string buf;
    while (Clock::now() < until) {
      const int fd = Connect(port);
      if (fd < 0) {
        ++failed;
        continue;
      }
      SSL* ssl = SSL_new(ctx);
      SSL_set_fd(ssl, fd);
      const bool connected = SSL_connect(ssl) == 1;
      const int status = connected && SSL_write(ssl, request.data(), static_cast<int>(request.size())) > 0
                             ? ReadResponse(ssl, buf)
                             : -1;
      const bool good = status == 200;
      if (!good && failed.fetch_add(1) == 0) {
        char err[256] = "";
        ERR_error_string_n(ERR_peek_last_error(), err, sizeof err);
        std::fprintf(stderr, "dane_bench: first failure on port %u: %s, status %d\n", port,
                     connected ? "handshake ok" : err, status);
      }
      if (good) ++ok;
      SSL_shutdown(ssl);
      SSL_free(ssl);
      close(fd);
    }
  });
}

// `threads` keep-alive connections, each sending `request` in a loop.
Load KeepAlive(SSL_CTX* ctx, std::uint16_t port, const std::string& request, int threads, double seconds) {
  return RunClients(threads, seconds, [&](Clock::time_point until, std::atomic<long>& ok,
                                          std::atomic<long>& failed) {
    std::string buf;
    const int fd = Connect(port);
    SSL* ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (fd < 0 || SSL_connect(ssl) != 1) {
      ++failed;
    } else {
      while (Clock::now() < until) {
        if (SSL_write(ssl, request.data(), static_cast<int>(request.size())) <= 0) break;
        const int status = ReadResponse(ssl, buf);
        if (status < 0) break;
        (status == 200 ? ok : failed)++;
      }
    }
    SSL_free(ssl);
    if (fd >= 0) close(fd);
  });
}

// CPU time of the whole process: the refresher's thread and libunbound's.
double ProcessCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

void RefreshBench(int names) {
  std::printf("\n== 3. TLSA refresh of %d owner names (nsd + libunbound, stub zone) ==\n", names);
  const auto cert = testutil::MakeTestCertificate(testutil::TestKey::kP256);
  const std::string record = testutil::SpkiSha256Tlsa(cert);
  lab::TlsaZone zone;
  for (int i = 0; i < names; ++i) zone.owners["rsp" + std::to_string(i) + ".nic"] = {record};
  lab::TlsaLabOptions options;
  options.ttl = 1;
  const auto sign0 = Clock::now();
  auto lab = lab::TlsaLab::Start(options, zone);
  if (!lab.ok()) Die(lab.status().ToString());
  std::printf("zone of %d TLSA records signed and served in %.1f s\n", names,
              std::chrono::duration<double>(Clock::now() - sign0).count());
  dane::UnboundOptions uo;
  uo.trust_anchor_file = (*lab)->AnchorFile();
  uo.stubs = {{"example.", (*lab)->Server()}};
  auto resolver = dane::UnboundTlsaResolver::Create(uo);
  if (!resolver.ok()) Die(resolver.status().ToString());
  std::set<std::string> set;
  for (int i = 0; i < names; ++i) set.insert((*lab)->Name("rsp" + std::to_string(i) + ".nic"));
  struct SystemWall final : tldmon::Clock {
    UnixSeconds Now() const override { return std::time(nullptr); }
  } wall;
  dane::TlsaCache cache;
  dane::TlsaRefresher refresher(**resolver, cache, wall, [&] { return set; }, std::chrono::seconds(60));
  for (int round = 1; round <= 3; ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the TTL: no cached answers
    const double cpu0 = ProcessCpuSeconds();
    const dane::RefreshRound r = refresher.RefreshOnce();
    const double cpu = ProcessCpuSeconds() - cpu0;
    std::printf("round %d: %zu names in %lld ms wall, %.0f ms CPU (this process: refresher and "
                "libunbound threads), %zu secure\n",
                round, r.names, static_cast<long long>(r.took.count()), cpu * 1000, r.secure);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const double seconds = bench::IntArg(argc, argv, "seconds", 5);
  const int threads = bench::IntArg(argc, argv, "threads", 4);
  const int names = bench::IntArg(argc, argv, "names", 5000);
  const int rounds = bench::IntArg(argc, argv, "rounds", 3);
  // tldmon's worker threads; nginx runs as many worker processes.
  const int server_threads = bench::IntArg(argc, argv, "server-threads", 2);
  // 12 or 13: part 1 for that TLS version only (profiling); 0: both.
  const int only_version = bench::IntArg(argc, argv, "tls", 0);
  for (const char* tool : {"nginx", "nsd", "ldns-signzone"})
    if (!lab::HaveProgram(tool)) Die(std::string(tool) + " is missing: run scripts/install-deps");
  const std::string self = fs::canonical("/proc/self/exe").parent_path().parent_path().string() +
                           "/src/app/tldmon";
  if (!fs::exists(self)) Die("no " + self + ": build the release tree first");
  char tmpl[] = "/tmp/tldmon_dane_bench_XXXXXX";
  if (mkdtemp(tmpl) == nullptr) Die("mkdtemp");
  const std::string work = tmpl;
  const std::string data = work + "/data";

  // The client certificate, its TLSA record in a signed zone, an entry for ry/example.
  const auto cert = testutil::MakeTestCertificate(testutil::TestKey::kP256);
  lab::TlsaZone zone;
  zone.owners["rsp1.nic"] = {testutil::SpkiSha256Tlsa(cert)};
  lab::TlsaLabOptions lab_options;
  auto lab = lab::TlsaLab::Start(lab_options, zone);
  if (!lab.ok()) Die(lab.status().ToString());
  const std::string admin = self;
  if (Run({admin, "admin", "entity", "add", "ry/example", "--ns", "ns1.example=192.0.2.1", "--data", data}) != 0)
    Die("admin entity add failed");
  Run({admin, "admin", "allow", "add", "ry/example", "127.0.0.0/8", "--data", data});
  Run({admin, "admin", "password", "set", "ry/example", "--data", data}, "benchpass");
  if (Run({admin, "admin", "tls", "add", "ry/example", "--domain", "rsp1.nic.example", "--role",
           "MoSAPI/RRI - SLAM Probe Node List", "--allow", "127.0.0.0/8", "--data", data}) != 0)
    Die("admin tls add failed");
  std::ofstream(work + "/serve.toml") << "[server]\nthreads = " << server_threads << "\n[tls_client_auth]\ntrust_anchor_file = \""
                                      << (*lab)->AnchorFile() << "\"\nstub_zones = [\"example.="
                                      << (*lab)->Server() << "\"]\nmax_requests_per_certificate = 0\n";
  const std::uint16_t tldmon_port = FreeTcpPort();
  lab::ChildProcess serve;
  if (!serve.Start({self, "serve", "--data", data, "--config", work + "/serve.toml", "--https",
                    "127.0.0.1:" + std::to_string(tldmon_port), "--log-level", "warn"},
                   work + "/serve.log")
           .ok())
    Die("cannot start serve");
  const std::string ca = data + "/tls/server.crt";
  const std::string path = "/ry/example/v2/probeNodes";
  SSL_CTX* probe_ctx = nullptr;  // made once serve has written its certificate
  const std::string get_close = "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  bool up = false;
  for (int i = 0; i < 200 && !up; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (probe_ctx == nullptr && fs::exists(data + "/serve.json"))
      probe_ctx = ClientContext(TLS1_3_VERSION, &cert, ca);
    up = probe_ctx != nullptr && Handshakes(probe_ctx, tldmon_port, get_close, 1, 0.01).ok > 0;
  }
  if (!up) Die("tldmon serve did not authenticate the certificate; see " + work + "/serve.log");

  // The same bytes for nginx, and nginx with optional client certificates.
  std::string body;
  {
    SSL* ssl = SSL_new(probe_ctx);
    const int fd = Connect(tldmon_port);
    SSL_set_fd(ssl, fd);
    SSL_connect(ssl);
    SSL_write(ssl, get_close.data(), static_cast<int>(get_close.size()));
    std::string buf;
    if (ReadResponse(ssl, buf) != 200) Die("no document");
    body = buf.substr(buf.find("\r\n\r\n") + 4);
    SSL_free(ssl);
    close(fd);
  }
  fs::create_directories(work + "/www" + fs::path(path).parent_path().string());
  std::ofstream(work + "/www" + path) << body;
  const std::uint16_t nginx_port = FreeTcpPort();
  fs::create_directories(work + "/nginx");
  std::ofstream(work + "/nginx/nginx.conf")
      << (getuid() == 0 ? "user root root;\n" : "") << "worker_processes " << server_threads << ";\npid " << work
      << "/nginx/nginx.pid;\nerror_log " << work << "/nginx/error.log warn;\n"
      << "events { worker_connections 4096; }\nhttp {\n  access_log off;\n  types { }\n"
      << "  default_type application/json;\n  keepalive_requests 100000000;\n"
      << "  client_body_temp_path " << work << "/nginx/body;\n  proxy_temp_path " << work
      << "/nginx/proxy;\n  fastcgi_temp_path " << work << "/nginx/fcgi;\n  uwsgi_temp_path " << work
      << "/nginx/uwsgi;\n  scgi_temp_path " << work << "/nginx/scgi;\n"
      << "  server {\n    listen 127.0.0.1:" << nginx_port << " ssl;\n    ssl_certificate " << ca
      << ";\n    ssl_certificate_key " << data << "/tls/server.key;\n"
      << "    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_verify_client optional_no_ca;\n"
      << "    ssl_session_cache shared:SSL:1m;\n    root " << work << "/www;\n  }\n}\n";
  lab::ChildProcess nginx;
  if (!nginx.Start({"nginx", "-p", work + "/nginx", "-e", work + "/nginx/error.log", "-c",
                    work + "/nginx/nginx.conf", "-g", "daemon off;"},
                   work + "/nginx/stdout.log")
           .ok())
    Die("cannot start nginx");
  up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    up = Handshakes(probe_ctx, nginx_port, get_close, 1, 0.01).ok > 0;
  }
  if (!up) Die("nginx did not start; see " + work + "/nginx/error.log");

  std::printf("== 1. full TLS handshakes with a client certificate (+ one GET, close), %d client "
              "threads, %.0f s each ==\n", threads, seconds);
  // Runs alternate between the two servers; the median of `rounds` counts
  // (client and servers share the machine, so single runs are noisy).
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  for (const int version : {TLS1_3_VERSION, TLS1_2_VERSION}) {
    if (only_version != 0 && version != (only_version == 13 ? TLS1_3_VERSION : TLS1_2_VERSION)) continue;
    SSL_CTX* ctx = ClientContext(version, &cert, ca);
    const char* name = version == TLS1_3_VERSION ? "TLS 1.3" : "TLS 1.2";
    std::vector<double> t, n, t_cpu, n_cpu;
    long failed = 0;
    for (int round = 0; round < rounds; ++round) {
      const double t0 = TreeCpuSeconds(serve.pid());
      const Load a = Handshakes(ctx, tldmon_port, get_close, threads, seconds);
      const double t1 = TreeCpuSeconds(serve.pid()), n0 = TreeCpuSeconds(nginx.pid());
      const Load b = Handshakes(ctx, nginx_port, get_close, threads, seconds);
      const double n1 = TreeCpuSeconds(nginx.pid());
      t.push_back(a.per_second());
      n.push_back(b.per_second());
      t_cpu.push_back(a.ok > 0 ? (t1 - t0) * 1e6 / static_cast<double>(a.ok) : 0);
      n_cpu.push_back(b.ok > 0 ? (n1 - n0) * 1e6 / static_cast<double>(b.ok) : 0);
      failed += a.failed + b.failed;
    }
    const double mt = median(t), mn = median(n);
    std::printf("%s  tldmon (DANE-authenticated) %8.0f/s   nginx (optional_no_ca) %8.0f/s   ratio %.2f%s"
                "   (median of %d; %ld failed)\n",
                name, mt, mn, mt / mn, mt >= mn ? "" : "  (below the 1.0 target)", rounds, failed);
    const double ct = median(t_cpu), cn = median(n_cpu);
    std::printf("%s  server CPU per handshake: tldmon %.0f us, nginx %.0f us; nginx/tldmon %.2f "
                "(handshakes per CPU-second, the same comparison without the clients' share)\n",
                name, ct, cn, ct > 0 ? cn / ct : 0);
    SSL_CTX_free(ctx);
  }

  // A session cookie for the same entity.
  std::string cookie;
  {
    SSL_CTX* plain = ClientContext(TLS1_3_VERSION, nullptr, ca);
    SSL* ssl = SSL_new(plain);
    const int fd = Connect(tldmon_port);
    SSL_set_fd(ssl, fd);
    SSL_connect(ssl);
    const std::string login =
        "GET /ry/example/login HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ZXhhbXBsZV9yeTpiZW5jaHBhc3M=\r\n\r\n";
    SSL_write(ssl, login.data(), static_cast<int>(login.size()));
    std::string buf;
    if (ReadResponse(ssl, buf) != 200) Die("login failed");
    const std::size_t at = buf.find("Set-Cookie: id=");
    cookie = buf.substr(at + 12, buf.find(';', at) - at - 12);
    SSL_free(ssl);
    close(fd);
    std::printf("\n== 2. keep-alive requests: certificate vs session cookie, %d connections, %.0f s "
                "each ==\n", threads, seconds);
    const std::string get = "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string get_cookie = "GET " + path + " HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n";
    SSL_CTX* with_cert = ClientContext(TLS1_3_VERSION, &cert, ca);
    std::vector<double> c, k;
    long failed = 0;
    for (int round = 0; round < rounds; ++round) {
      const Load a = KeepAlive(with_cert, tldmon_port, get, threads, seconds);
      const Load b = KeepAlive(plain, tldmon_port, get_cookie, threads, seconds);
      c.push_back(a.per_second());
      k.push_back(b.per_second());
      failed += a.failed + b.failed;
    }
    const double mc = median(c), mk = median(k);
    std::printf("certificate %8.0f req/s   cookie %8.0f req/s   ratio %.2f%s   (median of %d; %ld failed)\n",
                mc, mk, mc / mk, mc >= mk ? "" : "  (below the 1.0 target)", rounds, failed);
    SSL_CTX_free(with_cert);
    SSL_CTX_free(plain);
  }
  nginx.Stop();
  serve.Stop();
  SSL_CTX_free(probe_ctx);
  lab->reset();
  if (names > 0) RefreshBench(names);
  fs::remove_all(work);
  return 0;
}

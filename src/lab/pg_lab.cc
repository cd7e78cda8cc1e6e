#include "lab/pg_lab.h"

#include <arpa/inet.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace tldmon::lab {
namespace {
namespace fs = std::filesystem;

// The newest /usr/lib/postgresql/<N>/bin holding initdb and postgres.
std::string FindBinDir() {
  std::error_code ec;
  int best = -1;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const std::string name = entry.path().filename().string();
    const int version = std::atoi(name.c_str());
    if (version > best && fs::exists(entry.path() / "bin" / "initdb") &&
        fs::exists(entry.path() / "bin" / "postgres")) {
      best = version;
    }
  }
  return best < 0 ? "" : "/usr/lib/postgresql/" + std::to_string(best) + "/bin";
}

std::uint16_t FreeTcpPort() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  std::uint16_t port = 0;
  if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  close(s);
  return port;
}

std::string Tail(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  if (text.size() > 2000) text = text.substr(text.size() - 2000);
  return text;
}

}  // namespace

Result<std::unique_ptr<PgLab>> PgLab::Start() {
  std::unique_ptr<PgLab> lab(new PgLab());
  lab->bin_ = FindBinDir();
  if (lab->bin_.empty()) {
    return Unavailable("PostgreSQL is not installed (no /usr/lib/postgresql/<N>/bin/initdb); "
                       "run scripts/install-deps");
  }
  char tmpl[] = "/tmp/tldmon_pglab_XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return IoError(std::string("mkdtemp: ") + std::strerror(errno));
  lab->dir_ = tmpl;
  lab->uid_ = geteuid();
  lab->gid_ = getegid();
  if (lab->uid_ == 0) {
    const passwd* pw = getpwnam("postgres");
    if (pw == nullptr) return Unavailable("running as root and there is no 'postgres' user to run initdb as");
    lab->uid_ = pw->pw_uid;
    lab->gid_ = pw->pw_gid;
    if (chown(lab->dir_.c_str(), lab->uid_, lab->gid_) != 0) {
      return IoError("chown " + lab->dir_ + ": " + std::strerror(errno));
    }
  }
  const std::string log = lab->dir_ + "/initdb.log";
  if (RunToolAs({lab->bin_ + "/initdb", "-D", lab->dir_ + "/data", "-A", "trust", "-U",
                 "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"},
                log, lab->uid_, lab->gid_) != 0) {
    return Unavailable("initdb failed:\n" + Tail(log));
  }
  lab->port_ = FreeTcpPort();
  if (lab->port_ == 0) return Unavailable("no free TCP port on 127.0.0.1");
  TLDMON_RETURN_IF_ERROR(lab->Launch());
  return lab;
}

Status PgLab::Launch() {
  const std::string log = dir_ + "/server.log";
  TLDMON_RETURN_IF_ERROR(server_.StartAs(
      {bin_ + "/postgres", "-D", dir_ + "/data", "-k", dir_, "-p", std::to_string(port_), "-c",
       "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off", "-c",
       "max_connections=200"},
      log, uid_, gid_, /*die_with_parent=*/true));
  const std::string ping = ConnInfo() + " connect_timeout=1";
  for (int i = 0; i < 300; ++i) {  // up to 15 s
    if (PQping(ping.c_str()) == PQPING_OK) return Status::Ok();
    if (!server_.Alive()) return Unavailable("postgres exited at start:\n" + Tail(log));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Kill();
  return Unavailable("postgres did not accept connections within 15 s:\n" + Tail(log));
}

// SIGINT is PostgreSQL's fast shutdown: clients are disconnected.
void PgLab::Shutdown() { server_.Stop(SIGINT, 10000); }

void PgLab::Kill() {
  if (!server_.running()) return;
  server_.Kill();
  // The backends notice their postmaster's death on their own; give them a
  // moment so that a restart finds the shared memory free.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
}

Status PgLab::Restart() {
  Shutdown();
  return Launch();
}

PgLab::~PgLab() {
  Shutdown();
  std::error_code ec;
  if (!dir_.empty() && std::getenv("TLDMON_KEEP_LAB") == nullptr) fs::remove_all(dir_, ec);
}

std::string PgLab::ConnInfo(const std::string& db) const {
  return "host=" + dir_ + " port=" + std::to_string(port_) + " user=postgres dbname=" + db;
}

std::string PgLab::TcpConnInfo(const std::string& db) const {
  return "host=127.0.0.1 port=" + std::to_string(port_) + " user=postgres dbname=" + db;
}

Result<std::string> PgLab::CreateDatabase() {
  const std::string name = "t" + std::to_string(++next_db_);
  PGconn* c = PQconnectdb(ConnInfo().c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    const std::string why = PQerrorMessage(c);
    PQfinish(c);
    return Unavailable("connect to the lab's PostgreSQL: " + why);
  }
  PGresult* r = PQexec(c, ("CREATE DATABASE " + name + " TEMPLATE template0").c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  const std::string why = PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  if (!ok) return Internal("CREATE DATABASE " + name + ": " + why);
  return name;
}

}  // namespace tldmon::lab

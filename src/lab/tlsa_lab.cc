#include "lab/tlsa_lab.h"

#include <stdlib.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "lab/dns_lab.h"
#include "lab/zone_signing.h"

namespace tldmon::lab {
namespace fs = std::filesystem;

Result<std::unique_ptr<TlsaLab>> TlsaLab::Start(const TlsaLabOptions& options, const TlsaZone& zone) {
  for (const char* tool : {"nsd", "ldns-keygen", "ldns-signzone"}) {
    if (!HaveProgram(tool))
      return Unavailable(std::string(tool) + " is not installed (scripts/install-deps installs it)");
  }
  std::unique_ptr<TlsaLab> lab(new TlsaLab());
  lab->options_ = options;
  if (options.dir.empty()) {
    char tmpl[] = "/tmp/tldmon_tlsalab_XXXXXX";
    if (mkdtemp(tmpl) == nullptr) return IoError("mkdtemp failed");
    lab->dir_ = tmpl;
  } else {
    lab->dir_ = options.dir;
    lab->remove_dir_ = false;
    std::error_code ec;
    fs::create_directories(lab->dir_, ec);
    if (ec) return IoError("cannot create " + lab->dir_ + ": " + ec.message());
  }
  lab->port_ = FreeDnsPort();
  if (lab->port_ == 0) return Unavailable("no free port");
  TLDMON_RETURN_IF_ERROR(lab->WriteAndSign(zone));
  std::ofstream(lab->AnchorFile()) << KskDs(lab->dir_) << "\n";
  std::ofstream(lab->dir_ + "/nsd.conf")
      << "server:\n  ip-address: 127.0.0.1@" << lab->port_ << "\n"
      << "  username: \"\"\n  chroot: \"\"\n  database: \"\"\n"
      << "  zonelistfile: \"" << lab->dir_ << "/zone.list\"\n  xfrdfile: \"" << lab->dir_
      << "/xfrd.state\"\n  xfrdir: \"" << lab->dir_ << "\"\n  pidfile: \"" << lab->dir_
      << "/nsd.pid\"\n  rrl-ratelimit: 0\n  verbosity: 0\n  server-count: 1\n"
      << "remote-control:\n  control-enable: no\n"
      << "zone:\n  name: \"" << options.zone << ".\"\n  zonefile: \"" << lab->dir_ << "/zone.signed\"\n";
  TLDMON_RETURN_IF_ERROR(lab->StartServer());
  return lab;
}

TlsaLab::~TlsaLab() {
  nsd_.Stop();
  std::error_code ec;
  if (remove_dir_ && !dir_.empty() && std::getenv("TLDMON_KEEP_LAB") == nullptr) fs::remove_all(dir_, ec);
}

Status TlsaLab::WriteAndSign(const TlsaZone& zone) {
  std::ostringstream z;
  z << "$ORIGIN " << options_.zone << ".\n$TTL " << options_.ttl << "\n"
    << "@ IN SOA ns hostmaster " << ++serial_ << " 3600 600 86400 " << options_.ttl << "\n"
    << "@ IN NS ns\nns IN A 127.0.0.1\n";
  for (const auto& [owner, rdatas] : zone.owners) {
    if (rdatas.empty()) z << owner << " IN A 127.0.0.1\n";
    for (const std::string& rdata : rdatas) z << owner << " IN TLSA " << rdata << "\n";
  }
  std::ofstream(dir_ + "/zone") << z.str();
  const std::time_t now = std::time(nullptr);
  const bool expired = zone.signing == TlsaSigning::kExpired;
  TLDMON_RETURN_IF_ERROR(SignZone(options_.zone, dir_, "zone", "signed.tmp",
                                  expired ? now - 20 * 86400 : now - 3600,
                                  expired ? now - 10 * 86400 : now + 30 * 86400));
  std::string text = ReadFileText(dir_ + "/signed.tmp");
  if (zone.signing == TlsaSigning::kBogus) text = CorruptSignatures(text, {"TLSA"});
  std::ofstream(dir_ + "/zone.signed") << text;
  return Status::Ok();
}

Status TlsaLab::Publish(const TlsaZone& zone) {
  TLDMON_RETURN_IF_ERROR(WriteAndSign(zone));
  StopServer();
  return StartServer();
}

void TlsaLab::StopServer() { nsd_.Stop(); }

Status TlsaLab::StartServer() {
  TLDMON_RETURN_IF_ERROR(nsd_.Start({"nsd", "-d", "-c", dir_ + "/nsd.conf"}, dir_ + "/nsd.log"));
  for (int i = 0; i < 200; ++i) {  // up to ~10 s
    if (AnswersDns("127.0.0.1", port_, 50)) return Status::Ok();
    if (!nsd_.Alive()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Unavailable("nsd did not start: " + ReadFileText(dir_ + "/nsd.log"));
}

std::string TlsaLab::Server() const { return "127.0.0.1@" + std::to_string(port_); }

}  // namespace tldmon::lab

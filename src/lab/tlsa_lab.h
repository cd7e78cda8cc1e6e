// TlsaLab: a DNSSEC-signed zone holding TLSA records, served by a real
// `nsd -d` on 127.0.0.1 (dane-client-auth.md §9), for the DANE tests, the
// DANE benchmark and `tldmon demo`. Publish() rewrites the zone (owner
// names with their TLSA RDATA, names that exist without TLSA), signs it
// good, expired or with the TLSA signatures corrupted, and reloads nsd.
// Validators use KskDs()/AnchorFile() as the trust anchor and the server as
// a stub (libunbound) or through a real unbound (StartResolver).
// Everything in a temp dir (or a given one), stopped and removed by the
// destructor unless the dir was given. Not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "lab/child_process.h"

namespace tldmon::lab {

enum class TlsaSigning {
  kGood,     // signed now-1h .. now+30d
  kExpired,  // signed 20 .. 10 days ago
  kBogus,    // TLSA signatures corrupted (the DNSKEY RRset stays valid)
};

struct TlsaZone {
  // Owner name relative to the zone ("rsp1.nic") → TLSA presentation RDATA
  // ("3 1 1 <hex>"). An owner with no RDATA is published with an A record
  // only (the name exists: NODATA for TLSA).
  std::map<std::string, std::vector<std::string>> owners;
  TlsaSigning signing = TlsaSigning::kGood;
};

struct TlsaLabOptions {
  std::string zone = "example";  // no trailing dot
  int ttl = 60;                  // of every record
  std::string dir;               // empty: a temp dir, removed at the end
};

class TlsaLab {
 public:
  static Result<std::unique_ptr<TlsaLab>> Start(const TlsaLabOptions& options, const TlsaZone& zone);
  ~TlsaLab();
  TlsaLab(const TlsaLab&) = delete;
  TlsaLab& operator=(const TlsaLab&) = delete;

  // Replaces the zone's content, re-signs it and restarts nsd (serial + 1).
  Status Publish(const TlsaZone& zone);
  void StopServer();
  Status StartServer();

  const std::string& zone() const { return options_.zone; }
  // "127.0.0.1@<port>" of nsd.
  std::string Server() const;
  std::uint16_t port() const { return port_; }
  // A file with the zone's KSK DS line: the trust anchor.
  std::string AnchorFile() const { return dir_ + "/anchor.ds"; }
  const std::string& dir() const { return dir_; }
  // "<owner>.<zone>" with no trailing dot.
  std::string Name(const std::string& owner) const { return owner + "." + options_.zone; }

 private:
  TlsaLab() = default;
  Status WriteAndSign(const TlsaZone& zone);

  TlsaLabOptions options_;
  std::string dir_;
  bool remove_dir_ = true;
  std::uint16_t port_ = 0;
  int serial_ = 0;
  ChildProcess nsd_;
};

}  // namespace tldmon::lab

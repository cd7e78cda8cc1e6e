#include "app/demo_dane.h"

#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "auth/role.h"
#include "dane/tls_access.h"
#include "dane/tlsa_record.h"
#include "http/peer_certificate.h"
#include "http/self_signed_certificate.h"
#include "lab/child_process.h"

namespace tldmon::app {
namespace {

// Not under "test.": libunbound answers that special-use name itself (RFC 6761).
constexpr const char* kZone = "dane.example";
constexpr const char* kOwner = "rsp";  // rsp.dane.example

Result<std::string> SpkiTlsa(const std::string& certificate_file) {
  std::unique_ptr<FILE, decltype(&std::fclose)> f(std::fopen(certificate_file.c_str(), "r"), &std::fclose);
  if (!f) return IoError("cannot read " + certificate_file);
  std::unique_ptr<X509, decltype(&X509_free)> x(PEM_read_X509(f.get(), nullptr, nullptr, nullptr),
                                                &X509_free);
  if (!x) return InvalidArgument(certificate_file + " is not a PEM certificate");
  auto pc = http::ReadPeerCertificate(x.get());
  if (!pc.ok()) return pc.status();
  // DANE-EE, SPKI, SHA2-256: survives a renewed certificate of the same key.
  return dane::FormatTlsa(dane::TlsaRecord{
      3, 1, 1, std::string(pc->spki_sha256.begin(), pc->spki_sha256.end())});
}

}  // namespace

Result<DemoDane> StartDemoDane(const std::string& data_dir, UnixSeconds now, ServeConfig& config) {
  DemoDane out;
  for (const char* tool : {"nsd", "ldns-keygen", "ldns-signzone"}) {
    if (!lab::HaveProgram(tool)) {
      out.note = std::string("TLS client certificates are not shown: ") + tool +
                 " is not installed (sudo scripts/install-deps, or apt-get install nsd ldnsutils)";
      return out;
    }
  }
  const std::filesystem::path dir = (std::filesystem::absolute(data_dir) / "dane").lexically_normal();
  // The demo's client certificate: ECDSA P-256, SHA-256, self-signed (the key policy accepts it).
  auto files = http::EnsureSelfSignedCertificate(dir / "client", now);
  if (!files.ok()) return files.status();
  out.client_certificate = files->certificate.string();
  out.client_key = files->private_key.string();
  auto tlsa = SpkiTlsa(out.client_certificate);
  if (!tlsa.ok()) return tlsa.status();
  lab::TlsaLabOptions options;
  options.zone = kZone;
  options.dir = (dir / "zone").string();
  lab::TlsaZone zone;
  zone.owners[kOwner] = {*tlsa};
  auto started = lab::TlsaLab::Start(options, zone);
  if (!started.ok()) return started.status();
  out.zone = std::move(started).value();
  ServeConfig::TlsClientAuth& auth = config.tls_client_auth;
  auth.lookups.trust_anchor_file = out.zone->AnchorFile();
  auth.lookups.forward.clear();
  auth.lookups.stubs = {{std::string(kZone) + ".", out.zone->Server()}};
  return out;
}

Status EnsureDemoDaneEntries(store::Store& store, const std::vector<EntityId>& entities) {
  dane::TlsAccessRepository repo(store);
  auto table = repo.Load();
  if (!table.ok()) return table.status();
  const std::string domain = std::string(kOwner) + "." + kZone;
  auto acl = auth::ParseAllowList({"127.0.0.0/8", "::1"});
  if (!acl.ok()) return acl.status();
  dane::TlsAccessTable changes;
  for (const EntityId& entity : entities) {
    const std::vector<dane::TlsAccessEntry> want = {{domain, auth::DefaultRoles(entity.kind), *acl}};
    const auto it = table->find(entity);
    if (it == table->end() || it->second != want) changes[entity] = want;
  }
  return changes.empty() ? Status::Ok() : repo.PutAll(changes);
}

}  // namespace tldmon::app

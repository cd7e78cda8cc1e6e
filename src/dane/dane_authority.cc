#include "dane/dane_authority.h"

#include <spdlog/spdlog.h>

namespace tldmon::dane {

std::string SpkiHex(const http::PeerCertificate& c) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (const std::uint8_t b : c.spki_sha256) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

void DaneAuthority::SetTable(TlsAccessTable table) {
  auto shared = std::make_shared<const TlsAccessTable>(std::move(table));
  MutexLock lock(mu_);
  table_ = std::move(shared);
}

std::set<std::string> DaneAuthority::Names() const {
  std::shared_ptr<const TlsAccessTable> table;
  {
    MutexLock lock(mu_);
    table = table_;
  }
  std::set<std::string> names;
  for (const auto& [entity, entries] : *table)
    for (const TlsAccessEntry& e : entries) names.insert(e.domain);
  return names;
}

std::vector<auth::CertificateGrant> DaneAuthority::Grants(
    const EntityId& entity, const http::PeerCertificate& certificate) const {
  std::shared_ptr<const TlsAccessTable> table;
  {
    MutexLock lock(mu_);
    table = table_;
  }
  std::vector<auth::CertificateGrant> grants;
  const auto it = table->find(entity);
  if (it == table->end()) return grants;
  if (Status policy = CheckKeyPolicy(certificate, policy_); !policy.ok()) {
    spdlog::info("dane: certificate spki={} refused by the key policy for {}: {}", SpkiHex(certificate),
                 entity.Path(), policy.message());
    return grants;
  }
  const UnixSeconds now = clock_.Now();
  for (const TlsAccessEntry& e : it->second) {
    const TlsaCache::Records records = cache_.Usable(e.domain, now);
    if (!records || !MatchDaneEe(certificate, *records, triples_)) continue;
    grants.push_back(auth::CertificateGrant{e.domain, e.roles, e.acl});
  }
  if (grants.empty()) {
    spdlog::info("dane: certificate spki={} matches no usable TLSA of {}'s {} entries",
                 SpkiHex(certificate), entity.Path(), it->second.size());
  } else {
    spdlog::debug("dane: certificate spki={} matches TLSA at {} for {}", SpkiHex(certificate),
                  grants.front().domain_name, entity.Path());
  }
  return grants;
}

}  // namespace tldmon::dane

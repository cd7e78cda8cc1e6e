#include "dane/dane_authority.h"

#include <spdlog/spdlog.h>

#include "core/text.h"

namespace tldmon::dane {

std::string SpkiHex(const http::PeerCertificate& c) {
  std::string out;
  AppendHex(std::string_view(reinterpret_cast<const char*>(c.spki_sha256.data()), c.spki_sha256.size()),
            out);
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

std::set<std::pair<EntityId, std::string>> DaneAuthority::Owners() const {
  std::shared_ptr<const TlsAccessTable> table;
  {
    MutexLock lock(mu_);
    table = table_;
  }
  std::set<std::pair<EntityId, std::string>> owners;
  for (const auto& [entity, entries] : *table)
    for (const TlsAccessEntry& e : entries) owners.emplace(entity, e.domain);
  return owners;
}

bool DaneAuthority::ShouldLogRefusal(const std::string& key, UnixSeconds now) const {
  MutexLock lock(mu_);
  if (logged_.size() > 4096) logged_.clear();  // bounded; at worst a few extra lines
  UnixSeconds& last = logged_[key];
  if (last != 0 && now - last < 60) return false;
  last = now;
  return true;
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
  const UnixSeconds now = clock_.Now();
  if (Status policy = CheckKeyPolicy(certificate, policy_, now); !policy.ok()) {
    const std::string spki = SpkiHex(certificate);
    if (ShouldLogRefusal(spki + entity.Path(), now))
      spdlog::info("dane: certificate spki={} refused by the key policy for {}: {}", spki,
                   entity.Path(), policy.message());
    return grants;
  }
  for (const TlsAccessEntry& e : it->second) {
    const TlsaCache::Records records = cache_.Usable(e.domain, now);
    if (!records || !MatchDaneEe(certificate, *records, triples_)) continue;
    grants.push_back(auth::CertificateGrant{e.domain, e.roles, e.acl});
  }
  if (grants.empty()) {
    const std::string spki = SpkiHex(certificate);
    if (ShouldLogRefusal(spki + entity.Path(), now)) {
      std::string names;
      for (const TlsAccessEntry& e : it->second) {
        const TlsaCache::Records records = cache_.Usable(e.domain, now);
        names += (names.empty() ? "" : ", ") + e.domain + " (" +
                 (records ? std::to_string(records->size()) + " usable" : std::string("none usable")) + ")";
      }
      spdlog::info("dane: certificate spki={} matches no TLSA record of {}: {}", spki, entity.Path(),
                   names);
    }
  } else if (spdlog::should_log(spdlog::level::debug)) {
    // Guarded: the arguments would be built on every request otherwise.
    spdlog::debug("dane: certificate spki={} matches TLSA at {} for {}", SpkiHex(certificate),
                  grants.front().domain_name, entity.Path());
  }
  return grants;
}

}  // namespace tldmon::dane

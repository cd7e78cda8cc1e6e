#include "dane/tlsa_cache.h"

#include <algorithm>

namespace tldmon::dane {

std::string_view TlsaStateName(TlsaState state) {
  switch (state) {
    case TlsaState::kSecure: return "secure";
    case TlsaState::kSecureNoData: return "secure-nodata";
    case TlsaState::kSecureNxDomain: return "secure-nxdomain";
    case TlsaState::kInsecure: return "insecure";
    case TlsaState::kBogus: return "bogus";
    case TlsaState::kError: return "error";
  }
  return "error";
}

void TlsaCache::Apply(const TlsaLookup& lookup, UnixSeconds now) {
  MutexLock lock(mu_);
  Entry& e = entries_[lookup.name];
  e.state = lookup.state;
  e.fetched_at = now;
  e.why = lookup.why;
  switch (lookup.state) {
    case TlsaState::kSecure: {
      e.records = std::make_shared<const std::vector<TlsaRecord>>(lookup.records);
      e.last_good_at = now;
      e.first_error_at = 0;
      e.ttl = lookup.ttl;
      e.signature_expiration = lookup.signature_expiration;
      e.usable_until = now + 2 * static_cast<UnixSeconds>(options_.refresh_seconds);
      if (e.signature_expiration > 0) e.usable_until = std::min(e.usable_until, e.signature_expiration);
      break;
    }
    case TlsaState::kError: {
      if (!e.records) break;
      if (e.first_error_at == 0) e.first_error_at = now;
      const UnixSeconds grace = std::min<UnixSeconds>(e.ttl, options_.max_grace_seconds);
      // The grace runs from the first failure, not from the last success.
      e.usable_until = e.first_error_at + grace;
      if (e.signature_expiration > 0) e.usable_until = std::min(e.usable_until, e.signature_expiration);
      if (now >= e.usable_until) {
        e.records.reset();
        e.usable_until = 0;
      }
      break;
    }
    default:  // secure denial, insecure, bogus: drop at once
      e.records.reset();
      e.usable_until = 0;
      e.first_error_at = 0;
      break;
  }
}

void TlsaCache::Retain(const std::set<std::string>& names) {
  MutexLock lock(mu_);
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (names.count(it->first) == 0) it = entries_.erase(it);
    else ++it;
  }
}

TlsaCache::Records TlsaCache::Usable(std::string_view name, UnixSeconds now) const {
  MutexLock lock(mu_);
  const auto it = entries_.find(name);
  if (it == entries_.end() || !it->second.records || now >= it->second.usable_until) return nullptr;
  return it->second.records;
}

std::vector<TlsaNameStatus> TlsaCache::Status(UnixSeconds now) const {
  MutexLock lock(mu_);
  std::vector<TlsaNameStatus> out;
  for (const auto& [name, e] : entries_) {
    TlsaNameStatus s;
    s.name = name;
    s.state = e.state;
    const bool usable = e.records && now < e.usable_until;
    s.records = usable ? e.records->size() : 0;
    s.fetched_at = e.fetched_at;
    s.last_good_at = e.last_good_at;
    s.usable_until = usable ? e.usable_until : 0;
    s.why = e.why;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace tldmon::dane

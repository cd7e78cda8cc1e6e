#include "probeapi/probe_tokens.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>

namespace tldmon::probeapi {
namespace {

std::string Sha256(std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int n = 0;
  EVP_Digest(text.data(), text.size(), md.data(), &n, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(md.data()), n);
}

std::string Base64Url(const unsigned char* data, std::size_t n) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t acc = 0;
  int bits = 0;
  for (std::size_t i = 0; i < n; ++i) {
    acc = (acc << 8) | data[i];
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

Status CheckProbeExists(const store::Store& store, std::string_view probe) {
  auto probes = store.LoadProbes();
  if (!probes.ok()) return probes.status();
  for (const store::ProbeRecord& p : *probes)
    if (p.node.name == probe) return Status::Ok();
  return NotFound("no probe named \"" + std::string(probe) + "\"; see `tldmon admin probe list`");
}

}  // namespace

Result<std::string> IssueProbeToken(store::Store& store, std::string_view probe) {
  TLDMON_RETURN_IF_ERROR(CheckProbeExists(store, probe));
  std::array<unsigned char, 32> secret{};
  if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1)
    return Internal("no randomness for a probe token");
  std::string token = std::string(kTokenPrefix) + Base64Url(secret.data(), secret.size());
  TLDMON_RETURN_IF_ERROR(store.PutRecord(kProbeTokenKind, probe, Sha256(token)));
  return token;
}

Status RevokeProbeToken(store::Store& store, std::string_view probe) {
  TLDMON_RETURN_IF_ERROR(CheckProbeExists(store, probe));
  Status s = store.DeleteRecord(kProbeTokenKind, probe);
  if (s.code() == StatusCode::kNotFound)
    return NotFound("probe \"" + std::string(probe) + "\" has no token");
  return s;
}

Result<bool> HasProbeToken(const store::Store& store, std::string_view probe) {
  auto r = store.GetRecord(kProbeTokenKind, probe);
  if (!r.ok()) return r.status();
  return r->has_value();
}

Status ProbeTokenVerifier::Refresh() {
  auto generation = store_->ChangeGeneration();
  if (!generation.ok()) return generation.status();
  if (generation_ == *generation) return Status::Ok();
  auto records = store_->ListRecords(kProbeTokenKind);
  if (!records.ok()) return records.status();
  entries_.clear();
  for (store::KeyedRecord& r : *records) entries_.push_back({std::move(r.key), std::move(r.bytes)});
  generation_ = *generation;
  return Status::Ok();
}

Result<std::optional<std::string>> ProbeTokenVerifier::Verify(std::string_view token) {
  if (!token.starts_with(kTokenPrefix) || token.size() > 256) return std::optional<std::string>();
  const std::string digest = Sha256(token);
  MutexLock lock(mu_);
  TLDMON_RETURN_IF_ERROR(Refresh());
  // Every digest is compared in constant time, and all of them are.
  const std::string* found = nullptr;
  for (const Entry& e : entries_)
    if (e.digest.size() == digest.size() &&
        CRYPTO_memcmp(e.digest.data(), digest.data(), digest.size()) == 0)
      found = &e.probe;
  if (found == nullptr) return std::optional<std::string>();
  return std::optional<std::string>(*found);
}

}  // namespace tldmon::probeapi

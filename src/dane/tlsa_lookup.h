// The result of one validated TLSA lookup and the resolver seam
// (dane-client-auth.md §5.7, §7). Only kSecure carries records; every other
// state means "no usable TLSA" for the cache (§1 decision 4).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "dane/tlsa_record.h"

namespace tldmon::dane {

enum class TlsaState {
  kSecure,          // signed answer with records
  kSecureNoData,    // signed: the name exists, no TLSA (revocation)
  kSecureNxDomain,  // signed: the name does not exist (revocation)
  kInsecure,        // unsigned, or no trust anchor covers it: fail closed
  kBogus,           // signatures do not validate (bad, expired): fail closed
  kError,           // SERVFAIL, timeout, network: the grace rule applies
};

// "secure", "secure-nodata", "secure-nxdomain", "insecure", "bogus", "error".
std::string_view TlsaStateName(TlsaState state);

struct TlsaLookup {
  std::string name;
  TlsaState state = TlsaState::kError;
  std::vector<TlsaRecord> records;       // kSecure only; at most kMaxTlsaRecordsPerName
  int ttl = 0;                           // seconds, of the answer
  UnixSeconds signature_expiration = 0;  // earliest RRSIG expiration over the RRset; 0 unknown
  std::string why;                       // why_bogus, the error, dropped records
};

// Looks TLSA up for many names; blocking; one lookup per name, in order.
// Implementations bound their own concurrency and time.
class TlsaResolver {
 public:
  virtual ~TlsaResolver() = default;
  virtual std::vector<TlsaLookup> Resolve(std::span<const std::string> names) = 0;
};

}  // namespace tldmon::dane

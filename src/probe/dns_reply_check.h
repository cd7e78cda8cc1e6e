// The checks of one name server's reply in the DNS test, in RSM's order
// (slam-algorithms.md §4.1 step 4, probe-agent.md §1.4; codes of
// mosapi-api.md §8.2; the TCP code is the UDP code - 400). First failure
// wins:
//   1. the reply parses: header/question/answer/authority/additional
//      incomplete -210..-214, otherwise malformed -215
//   2. every RR of class IN: CHAOS -207, HESIOD -208, other -209
//   3. RCODE NOERROR or NXDOMAIN, else -253..-269 by RCODE, -270 other
//   4. AA set, else -250
//   5. the question is the tested name, type A, else -251
//   6. with DNSSEC: an RRSIG in some section (-407), NSEC or NSEC3 in the
//      authority section (-408), the RRSIGs over each NSEC/NSEC3 RRset
//      verify with the TLD's DNSKEYs at the test time (-405, -406, -410,
//      -414..-418, -425, -427), and for NXDOMAIN the denial of existence
//      holds (NSEC: -422 name not covered, -423 wildcard not covered;
//      NSEC3: -419).
// Pure function of its inputs (the cache only saves work); thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/probe_report.h"
#include "core/time.h"
#include "probe/signature_cache.h"

namespace tldmon::probe {

// The TLD's DNSKEY RRset, as the local validating resolver gave it: the
// wire form of each RR.
struct DnskeySet {
  std::vector<std::string> rrs;
};

struct ReplyCheck {
  std::string qname;  // absolute, as queried
  Transport transport = Transport::kUdp;
  bool dnssec = false;
  const DnskeySet* keys = nullptr;  // required when dnssec
  UnixSeconds check_time = 0;       // signature validity is judged at this time
  // Only cached verifications: at the first RRset the cache cannot answer,
  // stop and say so (ReplyVerdict::needs_verification). The probe runs this
  // cheap pass on its event loop and sends only the misses to the pool.
  bool cached_only = false;
};

struct ReplyVerdict {
  std::int32_t code = 0;  // 0: every check passed; < 0: the failure's code
  std::string nsid;       // the NSID option's payload, hex (at most 127 bytes)
  // cached_only: a signature the cache had not judged; `code` is not final.
  bool needs_verification = false;
};

ReplyVerdict CheckReply(const std::vector<std::uint8_t>& reply, const ReplyCheck& check,
                        SignatureCache* cache);

// The code of a UDP-numbered check for `transport` (TCP: code - 400).
constexpr std::int32_t ForTransport(std::int32_t udp_code, Transport transport) {
  return transport == Transport::kTcp ? udp_code - 400 : udp_code;
}

}  // namespace tldmon::probe

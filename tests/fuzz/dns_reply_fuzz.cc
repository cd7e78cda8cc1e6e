// Fuzz target for the probe's DNS reply checks (src/probe/dns_reply_check.h):
// the bytes a name server - or anyone on the path - sends back to the DNS
// test. The input is the reply; it is checked as the answer to
// "www.example." A over UDP and over TCP, with and without DNSSEC (with an
// empty DNSKEY set, so a signed reply reaches the verification step and
// fails there).
//
// Invariants (abort when one fails):
//   * checking is a pure function: again, and with or without the signature
//     cache, the verdict is the same;
//   * a verdict is 0 or one of the DNS test's codes (-1000 < code < 0 and
//     never -1, the probe's internal error: a reply is the server's fault);
//   * a TCP code is the UDP code - 400 (slam-algorithms.md §10);
//   * the NSID is hex of at most 127 bytes.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fuzz_check.h"
#include "probe/dns_reply_check.h"

namespace {

using namespace tldmon;         // NOLINT
using namespace tldmon::probe;  // NOLINT

bool IsHex(const std::string& s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<std::uint8_t> reply(data, data + size);
  static const DnskeySet kNoKeys;
  static SignatureCache cache;
  for (bool dnssec : {false, true}) {
    ReplyCheck udp{"www.example.", Transport::kUdp, dnssec, &kNoKeys, 1'767'225'600};
    ReplyCheck tcp = udp;
    tcp.transport = Transport::kTcp;
    const ReplyVerdict a = CheckReply(reply, udp, nullptr);
    const ReplyVerdict b = CheckReply(reply, udp, &cache);
    const ReplyVerdict t = CheckReply(reply, tcp, &cache);
    FUZZ_CHECK(a.code == b.code && a.nsid == b.nsid);
    FUZZ_CHECK(a.code <= 0 && a.code > -1000 && a.code != -1);
    FUZZ_CHECK(t.code == (a.code == 0 ? 0 : ForTransport(a.code, Transport::kTcp)));
    FUZZ_CHECK(a.nsid.size() % 2 == 0 && a.nsid.size() <= 254 && IsHex(a.nsid));
  }
  return 0;
}

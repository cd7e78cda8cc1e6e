// The per-NS-IP checks of the DNS test on replies crafted with ldns: each
// fault gives the code of mosapi-api.md §8.2, in RSM's order (the first
// failure wins), and the TCP code is the UDP code - 400.
#include "probe/dns_reply_check.h"

#include <gtest/gtest.h>
#include <ldns/ldns.h>

#include <cstdlib>
#include <functional>

namespace tldmon::probe {
namespace {

constexpr const char* kName = "www.example.";

ldns_rr* Rr(const char* text) {
  ldns_rr* rr = nullptr;
  EXPECT_EQ(ldns_rr_new_frm_str(&rr, text, 300, nullptr, nullptr), LDNS_STATUS_OK) << text;
  return rr;
}

// An NXDOMAIN answer to "www.example. A" as a server sends it; `edit` changes it.
std::vector<std::uint8_t> Reply(const std::function<void(ldns_pkt*)>& edit = {}) {
  ldns_pkt* p = nullptr;
  EXPECT_EQ(ldns_pkt_query_new_frm_str(&p, kName, LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, 0), LDNS_STATUS_OK);
  ldns_pkt_set_qr(p, true);
  ldns_pkt_set_aa(p, true);
  ldns_pkt_set_rcode(p, LDNS_RCODE_NXDOMAIN);
  ldns_pkt_push_rr(p, LDNS_SECTION_AUTHORITY,
                   Rr("example. 300 IN SOA ns1.example. hostmaster.example. 1 3600 600 86400 300"));
  if (edit) edit(p);
  std::uint8_t* wire = nullptr;
  std::size_t n = 0;
  EXPECT_EQ(ldns_pkt2wire(&wire, p, &n), LDNS_STATUS_OK);
  std::vector<std::uint8_t> out(wire, wire + n);
  std::free(wire);
  ldns_pkt_free(p);
  return out;
}

std::int32_t Code(const std::vector<std::uint8_t>& reply, Transport t = Transport::kUdp,
                  bool dnssec = false) {
  static const DnskeySet kNoKeys;
  return CheckReply(reply, ReplyCheck{kName, t, dnssec, &kNoKeys, 1'767'225'600}, nullptr).code;
}

TEST(DnsReplyCheck, AnAuthoritativeNxdomainPasses) {
  EXPECT_EQ(Code(Reply()), 0);
  EXPECT_EQ(Code(Reply(), Transport::kTcp), 0);
  // NOERROR (the name exists after all) is not a failure of the reply checks.
  EXPECT_EQ(Code(Reply([](ldns_pkt* p) { ldns_pkt_set_rcode(p, LDNS_RCODE_NOERROR); })), 0);
}

TEST(DnsReplyCheck, EachFaultHasItsCodeOverUdpAndTcp) {
  struct Case {
    const char* what;
    std::function<void(ldns_pkt*)> edit;
    std::int32_t udp;
  };
  const std::vector<Case> cases = {
      {"no AA flag", [](ldns_pkt* p) { ldns_pkt_set_aa(p, false); }, -250},
      {"SERVFAIL", [](ldns_pkt* p) { ldns_pkt_set_rcode(p, LDNS_RCODE_SERVFAIL); }, -254},
      {"REFUSED", [](ldns_pkt* p) { ldns_pkt_set_rcode(p, LDNS_RCODE_REFUSED); }, -256},
      {"another question",
       [](ldns_pkt* p) {
         ldns_rr_list_deep_free(ldns_pkt_question(p));
         ldns_rr_list* q = ldns_rr_list_new();
         ldns_rr* rr = ldns_rr_new();
         ldns_rr_set_owner(rr, ldns_dname_new_frm_str("other.example."));
         ldns_rr_set_type(rr, LDNS_RR_TYPE_A);
         ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
         ldns_rr_set_question(rr, true);
         ldns_rr_list_push_rr(q, rr);
         ldns_pkt_set_question(p, q);
       },
       -251},
      {"a CHAOS record",
       [](ldns_pkt* p) { ldns_pkt_push_rr(p, LDNS_SECTION_ADDITIONAL, Rr("version.bind. 0 CH TXT \"x\"")); },
       -207},
  };
  for (const Case& c : cases) {
    const auto reply = Reply(c.edit);
    EXPECT_EQ(Code(reply), c.udp) << c.what;
    EXPECT_EQ(Code(reply, Transport::kTcp), c.udp - 400) << c.what;
  }
}

TEST(DnsReplyCheck, AReplyCutShortIsIncompleteAndGarbageIsMalformed) {
  const auto reply = Reply();
  for (std::size_t n : {std::size_t{5}, std::size_t{20}, reply.size() - 3}) {
    const std::int32_t code = Code({reply.begin(), reply.begin() + static_cast<std::ptrdiff_t>(n)});
    EXPECT_LE(code, -210) << n;
    EXPECT_GE(code, -215) << n;
  }
}

TEST(DnsReplyCheck, WithDnssecAReplyNeedsRrsigsAndADenial) {
  EXPECT_EQ(Code(Reply(), Transport::kUdp, /*dnssec=*/true), -407) << "no RRSIG at all";
  const auto signed_soa_only = Reply([](ldns_pkt* p) {
    ldns_pkt_push_rr(p, LDNS_SECTION_AUTHORITY,
                     Rr("example. 300 IN RRSIG SOA 13 1 300 20270101000000 20260101000000 12345 "
                        "example. AAAA"));
  });
  EXPECT_EQ(Code(signed_soa_only, Transport::kUdp, true), -408) << "no NSEC or NSEC3";
  EXPECT_EQ(Code(signed_soa_only, Transport::kTcp, true), -808);
}

}  // namespace
}  // namespace tldmon::probe

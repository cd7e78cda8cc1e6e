// The per-NS-IP checks of the DNS test on replies crafted with ldns: each
// fault gives the code of mosapi-api.md §8.2, in RSM's order (the first
// failure wins), and the TCP code is the UDP code - 400.
#include "probe/dns_reply_check.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>

#include "core/ldns_cpp.h"

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
  EXPECT_EQ(ldns_pkt_query_new_frm_str(&p, kName, LDNS_RR_TYPE_A, LDNS_RR_CLASS_IN, 0),
            LDNS_STATUS_OK);
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
       [](ldns_pkt* p) {
         ldns_pkt_push_rr(p, LDNS_SECTION_ADDITIONAL, Rr("version.bind. 0 CH TXT \"x\""));
       },
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

// A NODATA answer whose NSEC RRset is signed with a fresh ECDSA key; the
// key set goes to `keys`. `tamper` flips a byte of the signature.
std::vector<std::uint8_t> SignedNodata(DnskeySet* keys, bool tamper) {
  ldns_key* key = ldns_key_new_frm_algorithm(LDNS_SIGN_ECDSAP256SHA256, 256);
  EXPECT_NE(key, nullptr);
  ldns_rdf* origin = ldns_dname_new_frm_str("example.");
  ldns_key_set_pubkey_owner(key, origin);
  ldns_key_set_inception(key, 1'767'000'000);
  ldns_key_set_expiration(key, 1'800'000'000);
  ldns_key_set_flags(key, 257);
  ldns_rr* dnskey = ldns_key2rr(key);
  ldns_key_set_keytag(key, ldns_calc_keytag(dnskey));
  std::uint8_t* wire = nullptr;
  std::size_t n = 0;
  EXPECT_EQ(ldns_rr2wire(&wire, dnskey, LDNS_SECTION_ANSWER, &n), LDNS_STATUS_OK);
  keys->rrs.emplace_back(reinterpret_cast<const char*>(wire), n);
  std::free(wire);
  ldns_rr_list* nsec = ldns_rr_list_new();
  ldns_rr_list_push_rr(nsec, Rr("www.example. 300 IN NSEC zzz.example. AAAA RRSIG NSEC"));
  ldns_key_list* signers = ldns_key_list_new();
  ldns_key_list_push_key(signers, key);
  ldns_rr_list* sigs = ldns_sign_public(nsec, signers);
  EXPECT_NE(sigs, nullptr);
  if (tamper) {
    ldns_rdf* sig = ldns_rr_rdf(ldns_rr_list_rr(sigs, 0), 8);
    ldns_rdf_data(sig)[5] ^= 0x01;
  }
  const auto reply = Reply([&](ldns_pkt* p) {
    ldns_pkt_set_rcode(p, LDNS_RCODE_NOERROR);
    ldns_pkt_push_rr(p, LDNS_SECTION_AUTHORITY, ldns_rr_clone(ldns_rr_list_rr(nsec, 0)));
    ldns_pkt_push_rr(p, LDNS_SECTION_AUTHORITY, ldns_rr_clone(ldns_rr_list_rr(sigs, 0)));
  });
  ldns_rr_list_deep_free(sigs);
  ldns_rr_list_deep_free(nsec);
  ldns_key_list_free(signers);  // and the key with it
  ldns_rr_free(dnskey);
  return reply;
}

// The probe's loop asks the cache only (cached_only) and sends a miss to
// its pool: the cheap pass must defer exactly when a verification is due,
// and agree with the full check once the cache holds the verdict.
TEST(DnsReplyCheck, ACachedOnlyPassDefersAMissAndAgreesOnAHit) {
  for (const bool tamper : {false, true}) {
    DnskeySet keys;
    const auto reply = SignedNodata(&keys, tamper);
    SignatureCache cache;
    ReplyCheck check{kName, Transport::kUdp, /*dnssec=*/true, &keys, 1'767'225'600};
    check.cached_only = true;
    const ReplyVerdict first = CheckReply(reply, check, &cache);
    EXPECT_TRUE(first.needs_verification) << "tamper " << tamper;
    EXPECT_EQ(first.code, 0);
    EXPECT_EQ(cache.misses(), 1u);
    check.cached_only = false;
    const ReplyVerdict full = CheckReply(reply, check, &cache);
    EXPECT_FALSE(full.needs_verification);
    if (tamper)
      EXPECT_LT(full.code, -400) << "a bad signature fails";
    else
      EXPECT_EQ(full.code, 0);
    check.cached_only = true;
    const ReplyVerdict again = CheckReply(reply, check, &cache);
    EXPECT_FALSE(again.needs_verification) << "tamper " << tamper;
    EXPECT_EQ(again.code, full.code);
    EXPECT_GE(cache.hits(), 1u);
  }
}

}  // namespace
}  // namespace tldmon::probe

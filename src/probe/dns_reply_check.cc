#include "probe/dns_reply_check.h"

#include <openssl/evp.h>

#include <algorithm>
#include <map>
#include <memory>

#include "core/ldns_cpp.h"

namespace tldmon::probe {
namespace {

constexpr std::size_t kNsidMaxBytes = 127;  // RSM's NSID_MAX_LENGTH

struct PktFree {
  void operator()(ldns_pkt* p) const { ldns_pkt_free(p); }
};
struct RrListFree {
  void operator()(ldns_rr_list* l) const { ldns_rr_list_deep_free(l); }
};
struct RrListShallowFree {
  void operator()(ldns_rr_list* l) const { ldns_rr_list_free(l); }
};
using Pkt = std::unique_ptr<ldns_pkt, PktFree>;
using RrList = std::unique_ptr<ldns_rr_list, RrListFree>;
using RrView = std::unique_ptr<ldns_rr_list, RrListShallowFree>;  // RRs owned elsewhere

std::int32_t ParseErrorCode(ldns_status s) {
  switch (s) {
    case LDNS_STATUS_WIRE_INCOMPLETE_HEADER:
      return -210;
    case LDNS_STATUS_WIRE_INCOMPLETE_QUESTION:
      return -211;
    case LDNS_STATUS_WIRE_INCOMPLETE_ANSWER:
      return -212;
    case LDNS_STATUS_WIRE_INCOMPLETE_AUTHORITY:
      return -213;
    case LDNS_STATUS_WIRE_INCOMPLETE_ADDITIONAL:
      return -214;
    default:
      return -215;
  }
}

std::int32_t RcodeCode(unsigned rcode) {
  switch (rcode) {
    case 1:
      return -253;  // FORMERR
    case 2:
      return -254;  // SERVFAIL
    case 4:
      return -255;  // NOTIMP
    case 5:
      return -256;  // REFUSED
    case 6:
      return -257;  // YXDOMAIN
    case 7:
      return -258;  // YXRRSET
    case 8:
      return -259;  // NXRRSET
    case 9:
      return -260;  // NOTAUTH
    case 10:
      return -261;  // NOTZONE
    case 16:
      return -262;  // BADVERS or BADSIG
    case 17:
      return -263;  // BADKEY
    case 18:
      return -264;  // BADTIME
    case 19:
      return -265;  // BADMODE
    case 20:
      return -266;  // BADNAME
    case 21:
      return -267;  // BADALG
    case 22:
      return -268;  // BADTRUNC
    case 23:
      return -269;  // BADCOOKIE
    default:
      return -270;
  }
}

std::int32_t VerifyCode(ldns_status s) {
  switch (s) {
    case LDNS_STATUS_CRYPTO_UNKNOWN_ALGO:
      return -405;
    case LDNS_STATUS_CRYPTO_ALGO_NOT_IMPL:
      return -406;
    case LDNS_STATUS_CRYPTO_TYPE_COVERED_ERR:
      return -410;
    case LDNS_STATUS_CRYPTO_NO_MATCHING_KEYTAG_DNSKEY:
      return -414;
    case LDNS_STATUS_CRYPTO_BOGUS:
      return -415;
    case LDNS_STATUS_CRYPTO_SIG_EXPIRED:
      return -416;
    case LDNS_STATUS_CRYPTO_SIG_NOT_INCEPTED:
      return -417;
    case LDNS_STATUS_CRYPTO_EXPIRATION_BEFORE_INCEPTION:
      return -418;
    case LDNS_STATUS_MISSING_RDATA_FIELDS_RRSIG:
      return -425;
    default:
      return -427;
  }
}

// Every RR of every section (OPT is not an RR here: ldns keeps it apart).
std::int32_t ClassCode(const ldns_pkt* p) {
  for (ldns_rr_list* l :
       {ldns_pkt_question(p), ldns_pkt_answer(p), ldns_pkt_authority(p), ldns_pkt_additional(p)}) {
    for (std::size_t i = 0; l != nullptr && i < ldns_rr_list_rr_count(l); ++i) {
      const ldns_rr_class c = ldns_rr_get_class(ldns_rr_list_rr(l, i));
      if (c == LDNS_RR_CLASS_IN) continue;
      if (c == LDNS_RR_CLASS_CH) return -207;
      if (c == LDNS_RR_CLASS_HS) return -208;
      return -209;
    }
  }
  return 0;
}

std::string Nsid(const ldns_pkt* p) {
  const ldns_rdf* data = ldns_pkt_edns_data(p);
  if (data == nullptr) return "";
  const std::uint8_t* d = ldns_rdf_data(data);
  const std::size_t n = ldns_rdf_size(data);
  for (std::size_t i = 0; i + 4 <= n;) {
    const unsigned code = static_cast<unsigned>(d[i] << 8 | d[i + 1]);
    const std::size_t len = static_cast<std::size_t>(d[i + 2] << 8 | d[i + 3]);
    if (i + 4 + len > n) break;
    if (code == 3) {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string hex;
      for (std::size_t k = 0; k < std::min(len, kNsidMaxBytes); ++k) {
        hex += kHex[d[i + 4 + k] >> 4];
        hex += kHex[d[i + 4 + k] & 15];
      }
      return hex;
    }
    i += 4 + len;
  }
  return "";
}

std::string Wire(const ldns_rr* rr) {
  std::uint8_t* w = nullptr;
  std::size_t n = 0;
  if (ldns_rr2wire(&w, rr, LDNS_SECTION_ANSWER, &n) != LDNS_STATUS_OK) return {};
  std::string s(reinterpret_cast<const char*>(w), n);
  std::free(w);
  return s;
}

RrList Keys(const DnskeySet& set) {
  RrList keys(ldns_rr_list_new());
  for (const std::string& w : set.rrs) {
    ldns_rr* rr = nullptr;
    std::size_t pos = 0;
    if (ldns_wire2rr(&rr, reinterpret_cast<const std::uint8_t*>(w.data()), w.size(), &pos,
                     LDNS_SECTION_ANSWER) == LDNS_STATUS_OK)
      ldns_rr_list_push_rr(keys.get(), rr);
  }
  return keys;
}

UnixSeconds RrsigTime(const ldns_rdf* f) {
  return f == nullptr ? 0 : static_cast<UnixSeconds>(ldns_rdf2native_time_t(f));
}

// DnssecCode's answer when a cached_only pass meets a signature the cache
// has not judged (not a code: codes are negative).
constexpr std::int32_t kDeferred = 1;

// Verifies one RRset against its RRSIGs, through the cache. With
// `cached_only`, a miss sets *deferred instead of verifying.
ldns_status VerifyRrset(ldns_rr_list* rrset, ldns_rr_list* sigs, ldns_rr_list* keys,
                        const DnskeySet& key_set, UnixSeconds now, SignatureCache* cache,
                        bool cached_only, bool* deferred) {
  // The key is what verification depends on, in a canonical order and
  // without TTLs: the resolver's DNSKEY TTL counts down and it rotates the
  // RRset's order (unbound's rrset-roundrobin), neither of which changes the
  // verdict (the RRSIG carries the original TTL). With them in, the cache
  // never hit across cycles.
  (void)key_set;
  auto pieces = [](ldns_rr_list* list) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < ldns_rr_list_rr_count(list); ++i) {
      ldns_rr* rr = ldns_rr_list_rr(list, i);
      const std::uint32_t ttl = ldns_rr_ttl(rr);
      ldns_rr_set_ttl(rr, 0);
      out.push_back(Wire(rr));
      ldns_rr_set_ttl(rr, ttl);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  std::string material;
  for (ldns_rr_list* list : {keys, rrset, sigs}) {
    for (const std::string& piece : pieces(list)) material += piece;
    material += '|';
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdn = 0;
  // Fetched once: OpenSSL 3 looks an implicit EVP_sha256() up in its
  // provider tables on every call, under a lock.
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_Digest(material.data(), material.size(), md, &mdn, kSha256, nullptr);
  const std::string key(reinterpret_cast<const char*>(md), mdn);
  if (cache != nullptr) {
    const int cached = cache->Find(key, now);
    if (cached >= 0) return static_cast<ldns_status>(cached);
  }
  if (ldns_rr_list_rr_count(sigs) == 0) return LDNS_STATUS_CRYPTO_TYPE_COVERED_ERR;
  if (cached_only) {
    *deferred = true;
    return LDNS_STATUS_OK;
  }
  const ldns_status s = ldns_verify_time(rrset, sigs, keys, static_cast<time_t>(now), nullptr);
  if (cache != nullptr) {
    SignatureCache::Entry e{static_cast<int>(s), 0, 0};
    if (s == LDNS_STATUS_OK) {
      // Valid while every signature is: latest inception .. earliest expiration.
      e.valid_until = INT64_MAX;
      for (std::size_t i = 0; i < ldns_rr_list_rr_count(sigs); ++i) {
        const ldns_rr* sig = ldns_rr_list_rr(sigs, i);
        e.valid_from = std::max(e.valid_from, RrsigTime(ldns_rr_rrsig_inception(sig)));
        e.valid_until = std::min(e.valid_until, RrsigTime(ldns_rr_rrsig_expiration(sig)));
      }
      cache->Put(key, e);
    } else if (s != LDNS_STATUS_CRYPTO_SIG_EXPIRED && s != LDNS_STATUS_CRYPTO_SIG_NOT_INCEPTED) {
      // A bogus signature stays bogus; time-dependent failures are judged anew.
      e.valid_until = INT64_MAX;
      cache->Put(key, e);
    }
  }
  return s;
}

std::int32_t DnssecCode(const ldns_pkt* p, const ReplyCheck& check, SignatureCache* cache) {
  // ldns_pkt_rr_list_by_type returns clones: these lists own their RRs.
  RrList rrsigs(ldns_pkt_rr_list_by_type(p, LDNS_RR_TYPE_RRSIG, LDNS_SECTION_ANY_NOQUESTION));
  if (rrsigs == nullptr || ldns_rr_list_rr_count(rrsigs.get()) == 0) return -407;
  RrList nsec(ldns_pkt_rr_list_by_type(p, LDNS_RR_TYPE_NSEC, LDNS_SECTION_AUTHORITY));
  RrList nsec3(ldns_pkt_rr_list_by_type(p, LDNS_RR_TYPE_NSEC3, LDNS_SECTION_AUTHORITY));
  const bool has_nsec = nsec != nullptr && ldns_rr_list_rr_count(nsec.get()) > 0;
  const bool has_nsec3 = nsec3 != nullptr && ldns_rr_list_rr_count(nsec3.get()) > 0;
  if (!has_nsec && !has_nsec3) return -408;
  if (check.keys == nullptr || check.keys->rrs.empty()) return -414;
  RrList keys = Keys(*check.keys);
  RrList auth_sigs(ldns_pkt_rr_list_by_type(p, LDNS_RR_TYPE_RRSIG, LDNS_SECTION_AUTHORITY));
  ldns_rr_list* denial = has_nsec3 ? nsec3.get() : nsec.get();
  // Group the NSEC/NSEC3 RRs into RRsets by owner; each with the RRSIGs of
  // that owner (a signature over another type is "not covered", -410).
  std::map<std::string, std::pair<RrView, RrView>> sets;
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(denial); ++i) {
    ldns_rr* rr = ldns_rr_list_rr(denial, i);
    char* owner_text = ldns_rdf2str(ldns_rr_owner(rr));
    std::string owner = owner_text != nullptr ? owner_text : "";
    std::free(owner_text);
    std::transform(owner.begin(), owner.end(), owner.begin(), [](char c) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    auto& [set, sigs] = sets[owner];
    if (set == nullptr) {
      set.reset(ldns_rr_list_new());
      sigs.reset(ldns_rr_list_new());
      for (std::size_t k = 0; auth_sigs != nullptr && k < ldns_rr_list_rr_count(auth_sigs.get());
           ++k) {
        ldns_rr* sig = ldns_rr_list_rr(auth_sigs.get(), k);
        if (ldns_dname_compare(ldns_rr_owner(sig), ldns_rr_owner(rr)) == 0)
          ldns_rr_list_push_rr(sigs.get(), sig);
      }
    }
    ldns_rr_list_push_rr(set.get(), rr);
  }
  for (auto& [owner, entry] : sets) {
    bool deferred = false;
    const ldns_status s =
        VerifyRrset(entry.first.get(), entry.second.get(), keys.get(), *check.keys,
                    check.check_time, cache, check.cached_only, &deferred);
    if (deferred) return kDeferred;
    if (s != LDNS_STATUS_OK) return VerifyCode(s);
  }
  if (ldns_pkt_get_rcode(p) != LDNS_RCODE_NXDOMAIN) return 0;
  // The denial of existence of the tested name.
  ldns_rr* question = ldns_rr_new_frm_type(LDNS_RR_TYPE_A);
  ldns_rr_set_owner(question,
                    ldns_rdf_clone(ldns_rr_owner(ldns_rr_list_rr(ldns_pkt_question(p), 0))));
  ldns_rr_set_class(question, LDNS_RR_CLASS_IN);
  std::int32_t code = 0;
  if (has_nsec3) {
    const ldns_status s = ldns_dnssec_verify_denial_nsec3(
        question, nsec3.get(), auth_sigs.get(), LDNS_RCODE_NXDOMAIN, LDNS_RR_TYPE_A, false);
    if (s != LDNS_STATUS_OK) code = -419;
  } else {
    const ldns_status s = ldns_dnssec_verify_denial(question, nsec.get(), auth_sigs.get());
    if (s == LDNS_STATUS_DNSSEC_NSEC_WILDCARD_NOT_COVERED)
      code = -423;
    else if (s != LDNS_STATUS_OK)
      code = -422;
  }
  ldns_rr_free(question);
  return code;
}

}  // namespace

ReplyVerdict CheckReply(const std::vector<std::uint8_t>& reply, const ReplyCheck& check,
                        SignatureCache* cache) {
  ReplyVerdict v;
  ldns_pkt* raw = nullptr;
  const ldns_status parsed = ldns_wire2pkt(&raw, reply.data(), reply.size());
  Pkt p(raw);
  if (parsed != LDNS_STATUS_OK || p == nullptr) {
    v.code = ForTransport(ParseErrorCode(parsed), check.transport);
    return v;
  }
  v.nsid = Nsid(p.get());
  const auto fail = [&](std::int32_t udp_code) {
    v.code = ForTransport(udp_code, check.transport);
    return v;
  };
  if (std::int32_t c = ClassCode(p.get()); c != 0) return fail(c);
  const unsigned rcode = static_cast<unsigned>(ldns_pkt_edns_extended_rcode(p.get())) << 4 |
                         static_cast<unsigned>(ldns_pkt_get_rcode(p.get()));
  if (rcode != LDNS_RCODE_NOERROR && rcode != LDNS_RCODE_NXDOMAIN) return fail(RcodeCode(rcode));
  if (!ldns_pkt_aa(p.get())) return fail(-250);
  const ldns_rr_list* q = ldns_pkt_question(p.get());
  ldns_rdf* want = ldns_dname_new_frm_str(check.qname.c_str());
  const bool question_ok = q != nullptr && ldns_rr_list_rr_count(q) == 1 && want != nullptr &&
                           ldns_rr_get_type(ldns_rr_list_rr(q, 0)) == LDNS_RR_TYPE_A &&
                           ldns_dname_compare(ldns_rr_owner(ldns_rr_list_rr(q, 0)), want) == 0;
  if (want != nullptr) ldns_rdf_deep_free(want);
  if (!question_ok) return fail(-251);
  if (check.dnssec) {
    const std::int32_t c = DnssecCode(p.get(), check, cache);
    if (c == kDeferred) {
      v.needs_verification = true;
      return v;
    }
    if (c != 0) return fail(c);
  }
  return v;
}

}  // namespace tldmon::probe

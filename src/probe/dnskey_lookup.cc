#include "probe/dnskey_lookup.h"

#include <cstdlib>

#include "core/ldns_cpp.h"
#include "probe/dns_exchange.h"
#include "probe/dns_query.h"

namespace tldmon::probe {

DnskeyResult JudgeDnskeyReply(const std::vector<std::uint8_t>& reply, Transport transport) {
  DnskeyResult r;
  const bool tcp = transport == Transport::kTcp;
  ldns_pkt* p = nullptr;
  if (ldns_wire2pkt(&p, reply.data(), reply.size()) != LDNS_STATUS_OK || p == nullptr) {
    r.code = ForTransport(-400, transport);
    return r;
  }
  if (!ldns_pkt_ad(p)) {
    r.code = ForTransport(-402, transport);
  } else if (ldns_pkt_get_rcode(p) == LDNS_RCODE_NXDOMAIN) {
    r.code = ForTransport(-403, transport);
  } else if (ldns_pkt_get_rcode(p) != LDNS_RCODE_NOERROR) {
    r.code = tcp ? -3 : -2;
  } else {
    ldns_rr_list* keys = ldns_pkt_rr_list_by_type(p, LDNS_RR_TYPE_DNSKEY, LDNS_SECTION_ANSWER);
    for (std::size_t i = 0; keys != nullptr && i < ldns_rr_list_rr_count(keys); ++i) {
      std::uint8_t* w = nullptr;
      std::size_t n = 0;
      if (ldns_rr2wire(&w, ldns_rr_list_rr(keys, i), LDNS_SECTION_ANSWER, &n) == LDNS_STATUS_OK)
        r.keys.rrs.emplace_back(reinterpret_cast<const char*>(w), n);
      std::free(w);
    }
    if (keys != nullptr) ldns_rr_list_deep_free(keys);
    if (r.keys.rrs.empty()) r.code = ForTransport(-401, transport);
  }
  ldns_pkt_free(p);
  return r;
}

boost::asio::awaitable<DnskeyResult> LookupDnskeys(DnsEndpoint resolver, std::string zone,
                                                   Transport transport,
                                                   std::chrono::milliseconds timeout) {
  QuerySpec q;
  q.name = zone;
  q.type = LDNS_RR_TYPE_DNSKEY;
  q.recursion_desired = true;
  q.dnssec_ok = true;
  q.nsid = false;
  q.id = RandomQueryId();
  auto wire = BuildQuery(q);
  if (!wire.ok()) co_return DnskeyResult{-1, {}};
  const ExchangeResult x = co_await Exchange(resolver, std::move(*wire), transport, timeout);
  if (x.outcome != ExchangeResult::Outcome::kReply)
    co_return DnskeyResult{ForTransport(-400, transport), {}};
  co_return JudgeDnskeyReply(x.reply, transport);
}

}  // namespace tldmon::probe

#include "probe/online_check.h"

#include "core/ldns_cpp.h"
#include "probe/dns_exchange.h"
#include "probe/dns_query.h"

namespace tldmon::probe {

std::vector<DnsEndpoint> DefaultRootServers() {
  std::vector<DnsEndpoint> out;
  for (const char* a :
       {"198.41.0.4",      "170.247.170.2",       "192.33.4.12",        "199.7.91.13",
        "192.203.230.10",  "192.5.5.241",         "192.112.36.4",       "198.97.190.53",
        "192.36.148.17",   "192.58.128.30",       "193.0.14.129",       "199.7.83.42",
        "202.12.27.33",    "2001:503:ba3e::2:30", "2801:1b8:10::b",     "2001:500:2::c",
        "2001:500:2d::d",  "2001:500:a8::e",      "2001:500:2f::f",     "2001:500:12::d0d",
        "2001:500:1::53",  "2001:7fe::53",        "2001:503:c27::2:30", "2001:7fd::1",
        "2001:500:9f::42", "2001:dc3::35"})
    out.push_back(*ParseDnsEndpoint(a));
  return out;
}

bool RootSoaReplyCounts(const std::vector<std::uint8_t>& reply) {
  ldns_pkt* p = nullptr;
  if (ldns_wire2pkt(&p, reply.data(), reply.size()) != LDNS_STATUS_OK || p == nullptr) return false;
  ldns_rr_list* soa = ldns_pkt_rr_list_by_type(p, LDNS_RR_TYPE_SOA, LDNS_SECTION_ANSWER);
  ldns_rr_list* sig = ldns_pkt_rr_list_by_type(p, LDNS_RR_TYPE_RRSIG, LDNS_SECTION_ANSWER);
  const bool ok = soa != nullptr && sig != nullptr;
  if (soa != nullptr) ldns_rr_list_deep_free(soa);
  if (sig != nullptr) ldns_rr_list_deep_free(sig);
  ldns_pkt_free(p);
  return ok;
}

boost::asio::awaitable<bool> RunOnlineCheck(const OnlineCheckOptions& o) {
  for (const bool v6 : {false, true}) {
    if (v6 ? !o.ipv6 : !o.ipv4) continue;
    int counted = 0;
    for (const DnsEndpoint& server : o.root_servers) {
      if (server.address.is_v6() != v6) continue;
      QuerySpec q;
      q.name = ".";
      q.type = LDNS_RR_TYPE_SOA;
      q.dnssec_ok = true;
      q.nsid = false;
      q.id = RandomQueryId();
      auto wire = BuildQuery(q);
      if (!wire.ok()) co_return false;
      const ExchangeResult x =
          co_await Exchange(server, std::move(*wire), Transport::kUdp, o.timeout);
      if (x.outcome == ExchangeResult::Outcome::kReply && x.rtt_ms <= o.reply_ms &&
          RootSoaReplyCounts(x.reply))
        ++counted;
      if (counted >= o.min_servers) break;  // RSM stops at the minimum
    }
    if (counted < o.min_servers) co_return false;
  }
  co_return true;
}

}  // namespace tldmon::probe

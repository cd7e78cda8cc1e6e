#include "probe/host_lookup.h"

#include <boost/asio/this_coro.hpp>
#include <random>

#include "core/ldns_cpp.h"
#include "probe/dns_exchange.h"
#include "probe/dns_query.h"

namespace tldmon::probe {
namespace asio = boost::asio;

HostLookup JudgeAddressReply(const std::vector<std::uint8_t>& reply, std::uint16_t qtype) {
  HostLookup out;
  ldns_pkt* p = nullptr;
  if (reply.empty() || ldns_wire2pkt(&p, reply.data(), reply.size()) != LDNS_STATUS_OK ||
      p == nullptr) {
    out.failure = HostLookup::Failure::kNoReply;
    return out;
  }
  const ldns_pkt_rcode rcode = ldns_pkt_get_rcode(p);
  if (rcode == LDNS_RCODE_SERVFAIL) {
    out.failure = HostLookup::Failure::kServfail;
  } else if (rcode == LDNS_RCODE_NXDOMAIN) {
    out.failure = HostLookup::Failure::kNxdomain;
  } else if (rcode != LDNS_RCODE_NOERROR) {
    out.failure = HostLookup::Failure::kOtherRcode;
  } else {
    // The answer may start with a CNAME chain; its A/AAAA records are the host's.
    const ldns_rr_list* answer = ldns_pkt_answer(p);
    for (std::size_t i = 0; answer != nullptr && i < ldns_rr_list_rr_count(answer); ++i) {
      const ldns_rr* rr = ldns_rr_list_rr(answer, i);
      if (ldns_rr_get_type(rr) != qtype || ldns_rr_rd_count(rr) < 1) continue;
      const ldns_rdf* rdf = ldns_rr_rdf(rr, 0);
      const std::uint8_t* d = ldns_rdf_data(rdf);
      if (qtype == LDNS_RR_TYPE_A && ldns_rdf_size(rdf) == 4) {
        out.addresses.push_back(asio::ip::address_v4({d[0], d[1], d[2], d[3]}));
      } else if (qtype == LDNS_RR_TYPE_AAAA && ldns_rdf_size(rdf) == 16) {
        asio::ip::address_v6::bytes_type b;
        std::copy(d, d + 16, b.begin());
        out.addresses.push_back(asio::ip::address_v6(b));
      }
    }
    if (out.addresses.empty()) out.failure = HostLookup::Failure::kNoSupportedAddress;
  }
  ldns_pkt_free(p);
  return out;
}

asio::awaitable<HostLookup> LookupHost(const HostLookupOptions& options, std::string host) {
  boost::system::error_code ec;
  const asio::ip::address literal = asio::ip::make_address(host, ec);
  if (!ec) {
    HostLookup out;
    if ((literal.is_v4() && options.ipv4) || (literal.is_v6() && options.ipv6)) {
      out.addresses.push_back(literal);
    } else {
      out.failure = HostLookup::Failure::kNoSupportedAddress;
    }
    co_return out;
  }
  if (host.empty() || host.back() != '.') host += '.';
  std::vector<std::uint16_t> types;
  if (options.ipv4) types.push_back(LDNS_RR_TYPE_A);
  if (options.ipv6) types.push_back(LDNS_RR_TYPE_AAAA);
  // One query per family, one after the other: the second only costs a
  // round trip to the local resolver, which has the answer cached by then.
  HostLookup combined;
  combined.failure = HostLookup::Failure::kNoSupportedAddress;
  bool any_reply = false;
  HostLookup::Failure first_failure = HostLookup::Failure::kNone;
  for (std::uint16_t type : types) {
    QuerySpec spec;
    spec.name = host;
    spec.type = type;
    spec.recursion_desired = true;
    spec.nsid = false;
    spec.id = RandomQueryId();
    auto query = BuildQuery(spec);
    HostLookup one;
    if (!query.ok()) {
      one.failure = HostLookup::Failure::kNoReply;
    } else {
      const ExchangeResult r =
          co_await Exchange(options.resolver, std::move(*query), Transport::kTcp, options.timeout);
      one = JudgeAddressReply(
          r.outcome == ExchangeResult::Outcome::kReply ? r.reply : std::vector<std::uint8_t>{},
          type);
    }
    if (one.failure == HostLookup::Failure::kNone) {
      combined.addresses.insert(combined.addresses.end(), one.addresses.begin(),
                                one.addresses.end());
    } else if (one.failure != HostLookup::Failure::kNoSupportedAddress &&
               first_failure == HostLookup::Failure::kNone) {
      first_failure = one.failure;
    }
    if (one.failure != HostLookup::Failure::kNoReply) any_reply = true;
  }
  if (!combined.addresses.empty()) {
    combined.failure = HostLookup::Failure::kNone;
  } else if (!any_reply) {
    combined.failure = HostLookup::Failure::kNoReply;
  } else if (first_failure != HostLookup::Failure::kNone) {
    combined.failure = first_failure;
  }
  co_return combined;
}

asio::ip::address PickAddress(const std::vector<asio::ip::address>& addresses) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, addresses.size() - 1);
  return addresses[pick(rng)];
}

}  // namespace tldmon::probe

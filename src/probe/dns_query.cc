#include "probe/dns_query.h"

#include <openssl/rand.h>

#include <cstdlib>

#include "core/ldns_cpp.h"

namespace tldmon::probe {

std::uint16_t RandomQueryId() {
  // OpenSSL's DRBG, drawn 256 IDs at a time: each RAND_bytes call checks
  // for a fork with getpid(), a system call per query otherwise.
  thread_local std::uint16_t ids[256];
  thread_local std::size_t left = 0;
  if (left == 0) {
    if (RAND_bytes(reinterpret_cast<unsigned char*>(ids), sizeof ids) != 1) {
      for (std::uint16_t& id : ids) id = static_cast<std::uint16_t>(std::rand());
    }
    left = sizeof ids / sizeof ids[0];
  }
  return ids[--left];
}

Result<std::vector<std::uint8_t>> BuildQuery(const QuerySpec& spec) {
  ldns_rdf* name = ldns_dname_new_frm_str(spec.name.c_str());
  if (name == nullptr) return InvalidArgument("not a domain name: \"" + spec.name + "\"");
  ldns_pkt* q = ldns_pkt_query_new(name, static_cast<ldns_rr_type>(spec.type), LDNS_RR_CLASS_IN,
                                   spec.recursion_desired ? LDNS_RD : 0);
  if (q == nullptr) return Internal("ldns could not build a query");
  ldns_pkt_set_id(q, spec.id);
  ldns_pkt_set_edns_udp_size(q, 4096);
  ldns_pkt_set_edns_do(q, spec.dnssec_ok);
  if (spec.nsid) {
    // One EDNS option: code 3 (NSID), length 0 (RFC 5001 §2.1).
    static const std::uint8_t kNsid[4] = {0, 3, 0, 0};
    ldns_pkt_set_edns_data(q, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_UNKNOWN, sizeof kNsid, kNsid));
  }
  std::uint8_t* wire = nullptr;
  std::size_t size = 0;
  const ldns_status s = ldns_pkt2wire(&wire, q, &size);
  ldns_pkt_free(q);
  if (s != LDNS_STATUS_OK) return Internal(std::string("ldns: ") + ldns_get_errorstr_by_id(s));
  std::vector<std::uint8_t> out(wire, wire + size);
  std::free(wire);
  return out;
}

}  // namespace tldmon::probe

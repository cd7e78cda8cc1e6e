#include "dane/unbound_tlsa_resolver.h"

#include <poll.h>
#include <unbound.h>

#include <algorithm>
#include <filesystem>

#include "core/ldns_cpp.h"

namespace tldmon::dane {
namespace {

constexpr int kTypeTlsa = 52;
constexpr int kClassIn = 1;
constexpr int kRcodeServfail = 2;

// The earliest expiration of the RRSIGs over TLSA in a validated answer.
UnixSeconds SignatureExpiration(const void* packet, int length) {
  ldns_pkt* pkt = nullptr;
  if (packet == nullptr || length <= 0 ||
      ldns_wire2pkt(&pkt, static_cast<const std::uint8_t*>(packet),
                    static_cast<std::size_t>(length)) != LDNS_STATUS_OK)
    return 0;
  UnixSeconds earliest = 0;
  const ldns_rr_list* answer = ldns_pkt_answer(pkt);
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(answer); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(answer, i);
    if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_RRSIG) continue;
    const ldns_rdf* covered = ldns_rr_rrsig_typecovered(rr);
    const ldns_rdf* expiration = ldns_rr_rrsig_expiration(rr);
    if (covered == nullptr || expiration == nullptr ||
        ldns_rdf2rr_type(covered) != LDNS_RR_TYPE_TLSA)
      continue;
    const auto t = static_cast<UnixSeconds>(ldns_rdf2native_time_t(expiration));
    if (earliest == 0 || t < earliest) earliest = t;
  }
  ldns_pkt_free(pkt);
  return earliest;
}

TlsaLookup FromResult(std::string name, int err, ub_result* r) {
  TlsaLookup out;
  out.name = std::move(name);
  if (err != 0 || r == nullptr) {
    out.state = TlsaState::kError;
    out.why = std::string("libunbound: ") + ub_strerror(err);
    return out;
  }
  if (r->bogus) {
    out.state = TlsaState::kBogus;
    out.why = r->why_bogus != nullptr ? r->why_bogus : "bogus";
  } else if (r->rcode == kRcodeServfail) {
    out.state = TlsaState::kError;
    out.why = "SERVFAIL";
  } else if (!r->secure) {
    out.state = TlsaState::kInsecure;
    out.why = "the answer is not signed, or no trust anchor covers it";
  } else if (r->nxdomain) {
    out.state = TlsaState::kSecureNxDomain;
  } else if (!r->havedata) {
    out.state = TlsaState::kSecureNoData;
  } else {
    out.state = TlsaState::kSecure;
    out.ttl = r->ttl;
    std::size_t dropped = 0;
    for (int i = 0; r->data[i] != nullptr; ++i) {
      Result<TlsaRecord> rec =
          ParseTlsaRdata(std::string_view(r->data[i], static_cast<std::size_t>(r->len[i])));
      if (!rec.ok() || out.records.size() == kMaxTlsaRecordsPerName) {
        ++dropped;
        continue;
      }
      out.records.push_back(std::move(rec).value());
    }
    if (dropped > 0)
      out.why = std::to_string(dropped) + " record(s) dropped (malformed or over the cap)";
    out.signature_expiration = SignatureExpiration(r->answer_packet, r->answer_len);
  }
  ub_resolve_free(r);
  return out;
}

struct Pending {
  TlsaLookup* slot = nullptr;
  std::size_t* finished = nullptr;  // the round's count of finished lookups
  std::string name;
  bool done = false;
  int async_id = 0;
};

void OnResult(void* data, int err, ub_result* result) {
  auto* p = static_cast<Pending*>(data);
  *p->slot = FromResult(p->name, err, result);
  p->done = true;
  ++*p->finished;
}

}  // namespace

Result<std::unique_ptr<UnboundTlsaResolver>> UnboundTlsaResolver::Create(const UnboundOptions& o) {
  if (!std::filesystem::exists(o.trust_anchor_file)) {
    return InvalidArgument("trust anchor file " + o.trust_anchor_file + " does not exist" +
                           (o.trust_anchor_file == "/usr/share/dns/root.key"
                                ? " (Debian's dns-root-data package ships it)"
                                : ""));
  }
  ub_ctx* ctx = ub_ctx_create();
  if (ctx == nullptr) return Internal("libunbound: cannot create a context");
  auto fail = [&](const std::string& what, int rc) -> Status {
    ub_ctx_delete(ctx);
    return InvalidArgument(what + ": " + ub_strerror(rc));
  };
  int rc = 0;
  // Loopback servers are allowed (tests, a local resolver); answers are kept
  // no longer than one refresh period (§5.7).
  if ((rc = ub_ctx_set_option(ctx, "do-not-query-localhost:", "no")) != 0)
    return fail("do-not-query-localhost", rc);
  if ((rc = ub_ctx_set_option(ctx, "cache-max-ttl:", "60")) != 0) return fail("cache-max-ttl", rc);
  if ((rc = ub_ctx_set_option(ctx, "cache-max-negative-ttl:", "30")) != 0)
    return fail("cache-max-negative-ttl", rc);
  if ((rc = ub_ctx_async(ctx, 1)) != 0) return fail("async mode", rc);
  if ((rc = ub_ctx_add_ta_file(ctx, o.trust_anchor_file.c_str())) != 0)
    return fail("trust anchor file " + o.trust_anchor_file, rc);
  if (!o.forward.empty() && (rc = ub_ctx_set_fwd(ctx, o.forward.c_str())) != 0)
    return fail("forward address " + o.forward, rc);
  for (const auto& [zone, addr] : o.stubs) {
    if ((rc = ub_ctx_set_stub(ctx, zone.c_str(), addr.c_str(), 0)) != 0)
      return fail("stub " + zone + " at " + addr, rc);
  }
  return std::unique_ptr<UnboundTlsaResolver>(new UnboundTlsaResolver(ctx, o));
}

UnboundTlsaResolver::~UnboundTlsaResolver() { ub_ctx_delete(ctx_); }

std::vector<TlsaLookup> UnboundTlsaResolver::Resolve(std::span<const std::string> names) {
  std::vector<TlsaLookup> out(names.size());
  std::vector<Pending> pending(names.size());
  std::size_t finished = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    pending[i].slot = &out[i];
    pending[i].finished = &finished;
    pending[i].name = names[i];
    out[i].name = names[i];
  }
  const auto deadline = std::chrono::steady_clock::now() + options_.round_timeout;
  std::size_t next = 0, submitted = 0;
  while (next < names.size() || finished < submitted) {
    const std::size_t in_flight = submitted - finished;
    const auto cap = static_cast<std::size_t>(std::max(1, options_.max_in_flight));
    for (std::size_t open = in_flight; next < names.size() && open < cap;) {
      Pending& p = pending[next++];
      const int rc =
          ub_resolve_async(ctx_, p.name.c_str(), kTypeTlsa, kClassIn, &p, OnResult, &p.async_id);
      if (rc != 0) {
        *p.slot = FromResult(p.name, rc, nullptr);
        p.done = true;
      } else {
        ++submitted;
        ++open;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd fd{ub_fd(ctx_), POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(std::min<long long>(left.count(), 1000))) > 0)
      ub_process(ctx_);
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (pending[i].done) continue;
    if (i < next) ub_cancel(ctx_, pending[i].async_id);
    out[i] = TlsaLookup{names[i], TlsaState::kError, {}, 0, 0, "timed out"};
  }
  return out;
}

}  // namespace tldmon::dane

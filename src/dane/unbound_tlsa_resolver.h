// TlsaResolver over libunbound (dane-client-auth.md §5.7): libunbound
// validates the answers itself against the configured trust anchor (it does
// not trust an upstream AD bit), so "secure" means checked here. Lookups run
// asynchronously, at most `max_in_flight` at a time, and a round that takes
// longer than `round_timeout` ends its open lookups as errors (an
// unreachable upstream takes ~17 s per name to fail).
//
// Modes: full recursion from the root (default), forwarding to a site
// resolver (`forward`), or stub zones pointing at authoritative servers
// (`stubs`, tests). Not thread-safe: one refresher thread owns it.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "dane/tlsa_lookup.h"

struct ub_ctx;

namespace tldmon::dane {

struct UnboundOptions {
  // DS or DNSKEY lines of the trust anchor(s), in a zone-file format file.
  // Debian's dns-root-data ships the root's at this path.
  std::string trust_anchor_file = "/usr/share/dns/root.key";
  std::string forward;                                   // "192.0.2.53" or "127.0.0.1@5353"; empty: none
  std::vector<std::pair<std::string, std::string>> stubs;  // zone, "addr@port"
  int max_in_flight = 32;
  std::chrono::milliseconds round_timeout{30000};
};

class UnboundTlsaResolver final : public TlsaResolver {
 public:
  // InvalidArgument naming the option that libunbound refused (a missing
  // trust anchor file says which package ships the root's).
  static Result<std::unique_ptr<UnboundTlsaResolver>> Create(const UnboundOptions& options);
  ~UnboundTlsaResolver() override;

  std::vector<TlsaLookup> Resolve(std::span<const std::string> names) override;

 private:
  UnboundTlsaResolver(ub_ctx* ctx, UnboundOptions options) : ctx_(ctx), options_(std::move(options)) {}
  ub_ctx* ctx_;
  const UnboundOptions options_;
};

}  // namespace tldmon::dane

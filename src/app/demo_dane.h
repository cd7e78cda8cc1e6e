// TLS client certificates in `tldmon demo` (issue 10): a signed zone
// "dane.example" served by a local nsd in <data>/dane/zone (lab::TlsaLab) with a
// TLSA record of a client certificate the demo writes to <data>/dane/client/,
// a TLS access entry for the demo's first TLD, and [tls_client_auth]
// pointed at that zone, so the banner's `curl --cert` works with no
// password. Without nsd or ldnsutils it says how to get them and the demo
// goes on without it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/serve_config.h"
#include "core/entity_id.h"
#include "core/status.h"
#include "lab/tlsa_lab.h"
#include "store/store.h"

namespace tldmon::app {

struct DemoDane {
  std::unique_ptr<lab::TlsaLab> zone;  // keep alive while serving
  std::string client_certificate;      // absolute paths, for the banner
  std::string client_key;
  std::string note;  // set when the feature is not shown: why, and how to get it
};

// Starts the zone and points `config` at it; the client certificate is made
// once and kept. Unavailable only for a missing tool (then `note` says so
// and the caller goes on); other errors are real failures.
Result<DemoDane> StartDemoDane(const std::string& data_dir, UnixSeconds now, ServeConfig& config);

// The TLS access entries of `entities` for the demo's certificate (one
// transaction; nothing when they are already there): one certificate for
// several TLDs, as an RSP has. Call with the engine lock.
Status EnsureDemoDaneEntries(store::Store& store, const std::vector<EntityId>& entities);

}  // namespace tldmon::app

// `tldmon demo --live [--data DIR] [--https ADDR:PORT]`: real measurements
// on this machine (docs/operations.md "tldmon demo --live"). It starts the
// DNS lab (lab/dns_lab.h: signed fake TLDs on nsd, unbound validating, a
// signed fake root), `tldmon serve` and three `tldmon probe` nodes as child
// processes, prints how to watch through the API, and a few minutes in
// stops a name server for six minutes, so that a DNS incident opens from
// what the probes measure and closes when the server is back. Ctrl-C stops
// everything. Needs nsd, unbound and ldnsutils (scripts/install-deps).
#pragma once

#include <string>

namespace tldmon::app {

struct LiveDemoArgs {
  std::string data = "./demo-live-data";
  std::string https = "127.0.0.1:8443";
  std::string log_level = "info";
  int fault_after_seconds = 180;    // when the name server stops
  int fault_for_seconds = 360;      // how long it stays down
};

int RunLiveDemo(const LiveDemoArgs& args);

}  // namespace tldmon::app

// Alert delivery latency (issue 12): from the moment a cycle's alert events
// are committed (Store::RecordAlerts, then the engine loop's Notify) to the
// moment a webhook receiver on loopback has read the signed POST — the whole
// path of serve: dispatcher thread wake-up, queue read, routing, signing,
// libcurl POST, delivery log and cursor. Baseline, same process and same
// receiver: the bare POST of the same body (alerts::HttpPost alone). Prints
// p50/p99 of both and the ratio.
//
//   build/release/bench/alert_delivery_bench [--runs=200]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "alerts/alert_dispatcher.h"
#include "alerts/curl_transfer.h"
#include "bench_args.h"
#include "store/sqlite/sqlite_store.h"
#include "../tests/integration/alert_receivers.h"

namespace {

using namespace tldmon;
using Steady = std::chrono::steady_clock;

double Ms(Steady::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Quantiles {
  double p50, p99;
};
Quantiles Of(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))]; };
  return {at(0.50), at(0.99)};
}

// Waits (bounded, 10 s) until the receiver has `n` requests; false if not.
bool WaitFor(const integration::WebhookReceiver& r, std::size_t n) {
  const auto end = Steady::now() + std::chrono::seconds(10);
  while (r.count() < n) {
    if (Steady::now() > end) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = bench::IntArg(argc, argv, "runs", 200);
  char tmpl[] = "/tmp/tldmon_alert_bench_XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return 1;
  const std::string dir = tmpl;
  int rc = 0;
  {
    auto store = store::SqliteStore::Open(dir + "/store.db");
    if (!store.ok()) {
      std::fprintf(stderr, "store: %s\n", store.status().ToString().c_str());
      return 1;
    }
    integration::WebhookReceiver receiver;
    const std::string url = "http://127.0.0.1:" + std::to_string(receiver.port()) + "/hook";
    alerts::ChannelConfig hook;
    hook.name = "hook";
    hook.url = url;
    hook.secret = "0123456789abcdef0123456789abcdef";
    const SystemClock wall;
    alerts::DispatcherOptions options;
    options.poll = std::chrono::seconds(10);  // only Notify wakes it: what is measured is that path
    alerts::AlertDispatcher dispatcher(store->get(), &wall, {hook}, options);
    dispatcher.Start();

    const std::string body =
        R"({"formatVersion":1,"fingerprint":"incident/ry/example/dns/1796385840.24","status":"firing",)"
        R"("kind":"incident","severity":"critical","entity":"ry/example","service":"dns",)"
        R"("incidentID":"1796385840.24","summary":"DNS of ry/example: incident 1796385840.24, alarmed",)"
        R"("startsAt":1796385840,"endsAt":null,"cycle":1796385960,)"
        R"("links":{"dashboard":"/ui/#/entity/ry/example","mosapi":"/ry/example/v2/monitoring/dns/incidents/1796385840.24"}})";
    std::vector<double> path, bare, commit;
    for (int i = 0; i < runs && rc == 0; ++i) {
      const store::StoredAlertEvent e{0, 1796385960 + i * 60, "incident/ry/example/dns/x", true, body};
      const auto t0 = Steady::now();
      if (!(*store)->RecordAlerts({}, {&e, 1}).ok()) rc = 1;
      commit.push_back(Ms(Steady::now() - t0));
      dispatcher.Notify();
      if (!WaitFor(receiver, static_cast<std::size_t>(i + 1))) rc = 1;
      else path.push_back(Ms(receiver.requests().back().at - t0));
    }
    dispatcher.Stop();
    for (int i = 0; i < runs && rc == 0; ++i) {
      const std::size_t before = receiver.count();
      const auto t0 = Steady::now();
      if (!alerts::HttpPost(url, {"Content-Type: application/json"}, body, {}).ok()) rc = 1;
      if (!WaitFor(receiver, before + 1)) rc = 1;
      else bare.push_back(Ms(receiver.requests().back().at - t0));
    }
    if (rc == 0) {
      const Quantiles p = Of(path), b = Of(bare), c = Of(commit);
      std::printf("alert delivery, commit of the cycle's events -> webhook received, %d runs\n", runs);
      std::printf("  tldmon path (queue, dispatcher, signing, POST, log): p50 %.2f ms  p99 %.2f ms\n",
                  p.p50, p.p99);
      std::printf("    of which the commit of the events (SQLite):      p50 %.2f ms  p99 %.2f ms\n",
                  c.p50, c.p99);
      std::printf("  baseline (the bare POST of the same body):           p50 %.2f ms  p99 %.2f ms\n",
                  b.p50, b.p99);
      std::printf("  ratio p50 %.2fx  p99 %.2fx\n", p.p50 / b.p50, p.p99 / b.p99);
    } else {
      std::fprintf(stderr, "a delivery did not arrive within 10 s\n");
    }
  }
  std::filesystem::remove_all(dir);
  return rc;
}

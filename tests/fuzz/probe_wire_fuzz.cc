// Fuzz target for the probe protocol's documents (src/probewire,
// docs/formats/probe-protocol.md): what the central server parses from a
// probe (a results batch) and what a probe parses from the central server
// (its test configuration, a batch ack). The first byte picks the parser
// (0: config, 1: results, 2: ack; modulo 3); the rest is the document.
//
// Invariants (abort when one fails):
//   * parsing is a pure function: a second parse agrees;
//   * what is accepted renders to a document that parses back to the same
//     value (config, ack) - a probe and the server cannot disagree on a
//     document either of them wrote;
//   * a batch's good items, rendered again, parse with no refusal and the
//     same items; every refused item has a reason;
//   * the simdjson fast path of the batch parser, when it takes a document,
//     agrees with the DOM parser exactly.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "probewire/probe_config_wire.h"
#include "probewire/probe_results_wire.h"
#include "probewire/results_fast_parse.h"

namespace {

using namespace tldmon;             // NOLINT
using namespace tldmon::probewire;  // NOLINT

void Config(std::string_view doc) {
  const Result<ProbeConfig> r = ParseProbeConfig(doc);
  FUZZ_CHECK(r.ok() == ParseProbeConfig(doc).ok());
  if (!r.ok()) {
    FUZZ_CHECK(!r.status().message().empty());
    return;
  }
  const Result<ProbeConfig> back = ParseProbeConfig(RenderProbeConfig(*r));
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == *r);
}

bool SameSamples(const std::vector<OnlineSample>& a, const std::vector<OnlineSample>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].minute != b[i].minute || a[i].check_ok != b[i].check_ok) return false;
  return true;
}

void Results(std::string_view doc) {
  // The fast path takes a document only when the DOM parser takes it whole,
  // and then gives the same batch.
  if (const auto fast = ParseResultsBatchFast(doc)) {
    const Result<ParsedBatch> dom = ParseResultsBatchDom(doc);
    FUZZ_CHECK(dom.ok());
    FUZZ_CHECK(dom->refused.empty());
    FUZZ_CHECK(fast->refused.empty());
    FUZZ_CHECK(fast->batch.probe == dom->batch.probe);
    FUZZ_CHECK(fast->batch.outbox_depth == dom->batch.outbox_depth);
    FUZZ_CHECK(fast->batch.reports == dom->batch.reports);
    FUZZ_CHECK(SameSamples(fast->batch.online, dom->batch.online));
  }
  const Result<ParsedBatch> r = ParseResultsBatch(doc);
  FUZZ_CHECK(r.ok() == ParseResultsBatch(doc).ok());
  if (!r.ok()) return;
  for (const RefusedItem& item : r->refused) FUZZ_CHECK(!item.reason.empty());
  const Result<ParsedBatch> back = ParseResultsBatch(RenderResultsBatch(r->batch));
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(back->refused.empty());
  FUZZ_CHECK(back->batch.probe == r->batch.probe);
  FUZZ_CHECK(back->batch.reports == r->batch.reports);
  FUZZ_CHECK(back->batch.online.size() == r->batch.online.size());
}

void Ack(std::string_view doc) {
  const Result<BatchAck> r = ParseBatchAck(doc);
  FUZZ_CHECK(r.ok() == ParseBatchAck(doc).ok());
  if (!r.ok()) return;
  const Result<BatchAck> back = ParseBatchAck(RenderBatchAck(*r));
  FUZZ_CHECK(back.ok());
  FUZZ_CHECK(*back == *r);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view doc(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: Config(doc); break;
    case 1: Results(doc); break;
    default: Ack(doc); break;
  }
  return 0;
}

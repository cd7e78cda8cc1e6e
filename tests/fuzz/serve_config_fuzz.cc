// Fuzz target for the `tldmon serve` configuration file (ParseServeConfig,
// TOML, docs/configuration.md). The input is the file's text.
//
// Invariants (abort when one fails):
//   * a rejection names the file first ("<path>..."), then the problem;
//   * parsing is a pure function: a second parse agrees (outcome, message);
//   * an accepted file has a positive engine tick and a non-negative grace,
//     and its [sla] overrides either apply to the default parameters or are
//     refused with a message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/serve_config.h"
#include "engine/sla_params.h"
#include "fuzz_check.h"

namespace {

using namespace tldmon;       // NOLINT
using namespace tldmon::app;  // NOLINT

const std::string kPath = "/etc/tldmon/serve.toml";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const Result<ServeConfig> r = ParseServeConfig(input, kPath);
  const Result<ServeConfig> again = ParseServeConfig(input, kPath);
  FUZZ_CHECK(r.ok() == again.ok());
  if (!r.ok()) {
    FUZZ_CHECK(r.status().message() == again.status().message());
    FUZZ_CHECK(r.status().message().starts_with(kPath));
    FUZZ_CHECK(r.status().message().size() > kPath.size() + 2);
    return 0;
  }
  FUZZ_CHECK(r->tick.count() > 0);
  FUZZ_CHECK(r->grace_seconds >= 0);
  FUZZ_CHECK(r->sla == again->sla);
  const Result<engine::SlaParams> params = ApplySlaOverrides(engine::SlaParams::Defaults(), *r);
  if (!params.ok()) FUZZ_CHECK(!params.status().message().empty());
  return 0;
}

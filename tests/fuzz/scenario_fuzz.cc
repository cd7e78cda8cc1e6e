// Fuzz target for the scenario file parser (ParseScenario,
// docs/formats/scenario.md). The input is the text of one scenario file.
//
// Invariants (abort when one fails):
//   * a rejection is "<file>:..." with a message (every problem names where);
//   * an accepted scenario expects something, and every index it holds is
//     in range: a step's or action's entity, an action's anchor step, every
//     probe of a raw or status line; every line number lies within the file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "sim/scenario.h"
#include "sim/scenario_parser.h"

namespace {

using namespace tldmon;       // NOLINT
using namespace tldmon::sim;  // NOLINT

const std::string kFile = "fuzz.scn";

void CheckLine(int line, int lines) { FUZZ_CHECK(line >= 1 && line <= lines); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const Result<Scenario> r = ParseScenario(input, kFile);
  if (!r.ok()) {
    FUZZ_CHECK(r.status().message().starts_with(kFile));
    FUZZ_CHECK(r.status().message().size() > kFile.size() + 2);
    return 0;
  }
  const Scenario& sc = *r;
  // A last line without '\n' counts too.
  int lines = 1;
  for (const char c : input) lines += c == '\n';
  FUZZ_CHECK(sc.CheckCount() > 0);
  FUZZ_CHECK(sc.entity_lines.size() == sc.entities.size());
  for (const int line : sc.entity_lines) CheckLine(line, lines);
  const auto probe_ok = [&](ProbeIndex p) {
    return static_cast<std::size_t>(p) < sc.probes.size();
  };
  for (const Step& step : sc.steps) {
    CheckLine(step.line, lines);
    FUZZ_CHECK(step.entity < sc.entities.size());
    FUZZ_CHECK(step.repeat >= 1);
    for (const RawProbeLine& raw : step.raw_lines) {
      CheckLine(raw.line, lines);
      for (const ProbeIndex p : raw.probes) FUZZ_CHECK(probe_ok(p));
    }
  }
  for (const Action& a : sc.actions) {
    CheckLine(a.line, lines);
    FUZZ_CHECK(!a.anchor || *a.anchor < sc.steps.size());
    switch (a.kind) {
      case Action::Kind::kExpect:
        if (a.expect.target != ExpectTarget::kProbes && a.expect.target != ExpectTarget::kProbe)
          FUZZ_CHECK(a.expect.entity < sc.entities.size());
        if (a.expect.target == ExpectTarget::kProbe) FUZZ_CHECK(probe_ok(a.expect.probe));
        break;
      case Action::Kind::kFalsePositive:
        FUZZ_CHECK(a.false_positive.entity < sc.entities.size());
        break;
      case Action::Kind::kReconfigure:
        FUZZ_CHECK(a.reconfigure.entity < sc.entities.size());
        break;
      case Action::Kind::kSla:
        // An accepted `sla` line leaves parameters the engine accepts.
        FUZZ_CHECK(a.sla.params.Validate().ok());
        break;
    }
  }
  for (const ProbeStatusLine& s : sc.probe_status) {
    CheckLine(s.line, lines);
    FUZZ_CHECK(s.from <= s.to);
    for (const ProbeIndex p : s.probes) FUZZ_CHECK(probe_ok(p));
  }
  return 0;
}

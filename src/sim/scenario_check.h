// Evaluation of `expect` lines against the engine right after their anchor
// cycle (docs/formats/scenario.md "Expectations"). Reads the engine only;
// thread-compatible like the engine itself.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.h"
#include "sim/scenario.h"

namespace tldmon::sim {

struct CheckOutcome {
  bool ok = false;
  // "<file>:<line>: <subject> <key>: expected <e>, actual <a>" on failure;
  // "<file>:<line>: <subject> <key>=<e>" when it holds.
  std::string message;
};

// Evaluates every key=value of the expectation `a` (an Action of kind
// kExpect) after the cycle whose output is `out`; appends one outcome per
// key, in the order written.
void EvaluateExpectation(const Scenario& sc, const engine::Engine& engine,
                         const engine::CycleOutput& out, const Action& a,
                         std::vector<CheckOutcome>& outcomes);

// Whether an actual value satisfies an expected one (same type): integers,
// booleans, text and times exactly; kExact3 within 1e-6 (the engine rounds
// to 3 decimals itself); kRound3 after rounding both to 3 decimals; id lists
// element by element with "<start>.*" matching any event id.
bool ValueMatches(const CheckValue& expected, const CheckValue& actual);

}  // namespace tldmon::sim

// Test-only: the one throwaway PostgreSQL cluster (lab/pg_lab.h) that every
// PostgreSQL test of a test binary shares, started on first use, stopped
// and removed at exit. Each test makes its own database in it.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>

#include "lab/pg_lab.h"

namespace tldmon::store::postgres::testing {

inline lab::PgLab& SharedPgLab() {
  static std::unique_ptr<lab::PgLab> lab = [] {
    auto l = lab::PgLab::Start();
    if (!l.ok()) {
      // Not a skip: scripts/install-deps installs PostgreSQL, and a suite
      // that silently skips its database tests proves nothing.
      ADD_FAILURE() << "cannot start PostgreSQL for the tests: " << l.status().ToString();
      std::abort();
    }
    return std::move(*l);
  }();
  return *lab;
}

// Polls `pred` until it holds or `bound` passes (every loop of a test is
// bounded); returns its last value.
template <typename Pred>
bool WaitUntil(Pred pred, std::chrono::milliseconds bound = std::chrono::milliseconds(10000)) {
  const auto end = std::chrono::steady_clock::now() + bound;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return pred();
}

}  // namespace tldmon::store::postgres::testing

// Test-only: the one throwaway PostgreSQL cluster (lab/pg_lab.h) that every
// PostgreSQL test of a test binary shares, started on first use, stopped
// and removed at exit. Each test makes its own database in it.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

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

}  // namespace tldmon::store::postgres::testing

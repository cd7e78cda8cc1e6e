// Test-only: a SqliteStore on a fresh file in the test's temporary directory,
// for the unit tests of modules that persist through the Store (repositories
// in src/auth, src/admin). Header-only and linked into no library; it uses
// GoogleTest's ::testing::TempDir(). Not thread-safe; one per test.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_store.h"

namespace tldmon::store::testing {

class TempSqliteStore {
 public:
  TempSqliteStore() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "tldmon_";
    name += info != nullptr ? info->name() : "store";
    name += "_" + std::to_string(counter++);
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    dir_ = std::filesystem::path(::testing::TempDir()) / name;
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    Reopen();
  }
  ~TempSqliteStore() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempSqliteStore(const TempSqliteStore&) = delete;
  TempSqliteStore& operator=(const TempSqliteStore&) = delete;

  // Closes the store (if open) and opens the same file again: what survives
  // this survives a restart. Fails the test if the file cannot be opened.
  void Reopen() {
    store_.reset();
    Result<std::unique_ptr<SqliteStore>> s = SqliteStore::Open(path());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  // Valid between a successful Reopen() and the next one.
  SqliteStore& store() { return *store_; }
  std::string path() const { return (dir_ / "tldmon.db").string(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace tldmon::store::testing

// The tables `tldmon admin migrate` copies row for row from a SQLite store
// to a PostgreSQL one (docs/operations.md "Moving from SQLite to
// PostgreSQL"): every table whose rows mean the same on both backends
// (probe data in the compact encoding with its dictionary, engine results,
// alerts, keyed records). The rest is re-encoded through the Store's own
// types instead (store/store_migration.h): SLA parameters, probes, the
// entity rows and the engine state, which the two schemas lay out
// differently.
//
// Entity row ids are kept: every entity_id below refers to the same entity
// on both sides, and so do the dictionary codes inside the report bodies.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/monitoring_config.h"
#include "core/status.h"

namespace tldmon::store {

// How a column's values compare and travel: SQLite stores booleans as
// 0/1 integers, PostgreSQL as boolean; both read as kInt-like 0/1 here.
enum class CellType : char { kInt = 'i', kBool = 'b', kText = 't', kBytes = 'x' };

struct CopyColumn {
  std::string_view name;
  CellType type;
};

struct CopiedTable {
  std::string_view name;
  std::vector<CopyColumn> columns;
  // The primary key: rows are read in this order on both sides, so a
  // verification compares them pairwise.
  std::vector<std::string_view> key;
  // Non-empty for PostgreSQL's day-partitioned tables: the column whose
  // UTC day names the partition a row goes to.
  std::string_view day_column;
};

// In copy order: referenced tables first.
const std::vector<CopiedTable>& CopiedTables();

// One value; `i` for kInt and kBool, `s` for kText and kBytes.
struct Cell {
  bool null = false;
  std::int64_t i = 0;
  std::string s;
  friend bool operator==(const Cell&, const Cell&) = default;
};
using CopyRow = std::vector<Cell>;
// Called per row; an error stops the reading and is returned.
using RowVisitor = std::function<Status(const CopyRow&)>;

// "entity_id=3, service=0, cycle=1767225600": the key of `row`, for
// messages about it.
std::string DescribeKey(const CopiedTable& table, const CopyRow& row);

// A row of table `entity` as SQLite holds it, with the configuration it
// has now (removed entities keep their last one).
struct EntityRowCopy {
  std::int64_t row = 0;
  EntityConfig config;
  bool active = true;
};

}  // namespace tldmon::store

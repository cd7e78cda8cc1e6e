#include "store/table_copy.h"

namespace tldmon::store {
namespace {

constexpr CellType I = CellType::kInt;
constexpr CellType B = CellType::kBool;
constexpr CellType T = CellType::kText;
constexpr CellType X = CellType::kBytes;

}  // namespace

const std::vector<CopiedTable>& CopiedTables() {
  // Columns as in migrations/sqlite and migrations/postgresql (the same
  // names and meaning on both; SQLite's extra rowid columns of report_chunk
  // and keyed_record are not copied: nothing refers to them).
  static const std::vector<CopiedTable> tables{
      {"entity_config_version",
       {{"entity_id", I}, {"effective", I}, {"body", X}},
       {"entity_id", "effective"},
       {}},
      {"keyed_record", {{"kind", T}, {"record_key", T}, {"bytes", X}}, {"kind", "record_key"}, {}},
      {"dict", {{"id", I}, {"text", T}}, {"id"}, {}},
      {"report_batch",
       {{"test", I}, {"cycle", I}, {"probe", I}, {"seq", I}, {"reports", X}},
       {"test", "cycle", "probe", "seq"},
       "cycle"},
      {"report_chunk",
       {{"test", I}, {"chunk_start", I}, {"entity_id", I}, {"blob", X}},
       {"test", "chunk_start", "entity_id"},
       "chunk_start"},
      {"compacted_chunk", {{"test", I}, {"chunk_start", I}}, {"test", "chunk_start"}, {}},
      {"probe_data_day",
       {{"day", I},
        {"raw_reports", I},
        {"raw_metrics", I},
        {"raw_bytes", I},
        {"compacted_reports", I},
        {"compacted_metrics", I},
        {"compacted_bytes", I}},
       {"day"},
       {}},
      {"probe_minute",
       {{"minute", I}, {"probe", I}, {"check_ok", B}, {"manual_online", B}, {"reachable", B}},
       {"minute", "probe"},
       {}},
      {"processed_cycle",
       {{"test", I}, {"cycle", I}, {"probe_count", I}, {"probe_online", X}},
       {"test", "cycle"},
       {}},
      {"service_verdict",
       {{"entity_id", I},
        {"service", I},
        {"cycle", I},
        {"status", I},
        {"online", I},
        {"with_results", I},
        {"positive", I}},
       {"entity_id", "service", "cycle"},
       {}},
      {"ns_ip_verdict",
       {{"entity_id", I},
        {"ns", I},
        {"ip", I},
        {"cycle", I},
        {"status", I},
        {"n_values", I},
        {"n_down", I}},
       {"entity_id", "cycle", "ns", "ip"},
       {}},
      {"ns_ip_rtt", {{"entity_id", I}, {"cycle", I}, {"body", X}}, {"entity_id", "cycle"}, {}},
      {"probe_rtt", {{"entity_id", I}, {"cycle", I}, {"body", X}}, {"entity_id", "cycle"}, {}},
      {"nsid_sighting",
       {{"entity_id", I}, {"cycle", I}, {"ns", I}, {"ip", I}, {"probe", I}, {"nsid", T}},
       {"entity_id", "cycle", "ns", "ip", "probe"},
       {}},
      {"monthly_figures",
       {{"entity_id", I}, {"month", I}, {"test", I}, {"body", T}},
       {"entity_id", "month", "test"},
       {}},
      {"false_positive_change",
       {{"seq", I},
        {"entity_id", I},
        {"service", I},
        {"incident_id", T},
        {"flag", B},
        {"time", I},
        {"who", T}},
       {"seq"},
       {}},
      {"alert_tracker", {{"id", I}, {"state", X}}, {"id"}, {}},
      {"alert_event",
       {{"id", I}, {"cycle", I}, {"fingerprint", T}, {"firing", B}, {"body", T}},
       {"id"},
       {}},
      {"alert_cursor", {{"channel", T}, {"delivered", I}}, {"channel"}, {}},
      {"alert_delivery",
       {{"id", I}, {"channel", T}, {"event_id", I}, {"at", I}, {"outcome", T}, {"detail", T}},
       {"id"},
       {}},
      {"alert_source_state", {{"source", T}, {"state", X}}, {"source"}, {}},
  };
  return tables;
}

std::string DescribeKey(const CopiedTable& table, const CopyRow& row) {
  std::string out;
  for (std::string_view k : table.key) {
    for (std::size_t c = 0; c < table.columns.size() && c < row.size(); ++c) {
      if (table.columns[c].name != k) continue;
      if (!out.empty()) out += ", ";
      out += std::string(k) + "=";
      const Cell& cell = row[c];
      if (cell.null)
        out += "NULL";
      else if (table.columns[c].type == CellType::kInt || table.columns[c].type == CellType::kBool)
        out += std::to_string(cell.i);
      else
        out += "'" + cell.s.substr(0, 40) + "'";
    }
  }
  return out;
}

}  // namespace tldmon::store

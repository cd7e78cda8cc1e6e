// Reading Domain METRICA reports from an import file handed in as bytes
// (`tldmon admin metrica import FILE`; format: docs/formats/metrica-import.md)
// and from the store's blobs. Validation is strict and all-or-nothing: any
// problem rejects the whole input with a message that starts with the JSON
// path of the offending field ("$[1].domainListData[0].count: ...").
//
// Pure and thread-safe; the import time is a parameter.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "admin/metrica_report.h"
#include "core/entity_id.h"
#include "core/status.h"
#include "core/time.h"

namespace tldmon::admin {

struct MetricaImportLimits {
  std::size_t max_bytes = 64u << 20;    // whole file, checked before parsing
  std::size_t max_reports = 1000;       // report objects per file
  std::size_t max_threat_types = 64;    // domainListData entries per report
  std::size_t max_domains = 1'000'000;  // domain names in the whole file
};

// Parses one report object or a non-empty JSON array of them. Every report
// must name `target` (`tld` for a registry, `ianaId` for a registrar); no two
// may share a domainListDate. A report without domainListGenerationDate gets
// FormatIso8601(import_time). Reports are returned in file order.
Result<std::vector<MetricaReport>> ParseMetricaImport(std::string_view bytes,
                                                      const EntityId& target,
                                                      UnixSeconds import_time,
                                                      const MetricaImportLimits& limits = {});

// Inverse of SerializeMetricaReport: one report object that must carry
// domainListGenerationDate; the entity is taken from its tld/ianaId.
Result<MetricaReport> ParseStoredMetricaReport(std::string_view bytes);

}  // namespace tldmon::admin

// The escrow deposit report `rdeReport:report` (rri.md §5; the schema's
// elements in order: id, version, rydeSpecEscrow, rydeSpecMapping, resend,
// crDate, kind, watermark, rdeHeader:header{tld, count*}) and its checks
// (rri.md §8 item 5), answering the first failure with its code.
//
// Project defaults (docs/rri.md):
//   * the deposit id is 1..13 ASCII letters, digits or '_' (RFC 8909's
//     depositIdType is recalled as \w{1,13}; unverified);
//   * rydeSpecMapping may be absent (older reports); every other element is
//     required; unknown elements or attributes are 2001;
//   * dateTimes carry a zone (Z or an offset);
//   * rcdn (2210): the counts of one object type all carry an rcdn or none
//     does; an rcdn that is not a domain name is 2212.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "rri/rri_result.h"
#include "rri/xml_document.h"

namespace tldmon::rri {

inline constexpr std::string_view kRdeReportNamespace = "urn:ietf:params:xml:ns:rdeReport-1.0";
inline constexpr std::string_view kRdeHeaderNamespace = "urn:ietf:params:xml:ns:rdeHeader-1.0";

enum class DepositKind : std::uint8_t { kFull, kIncr, kDiff };
std::string_view DepositKindName(DepositKind kind);  // "FULL", "INCR", "DIFF"

struct RdeCount {
  std::string uri, rcdn, registrar_id;
  std::uint64_t value = 0;
};

struct RdeReport {
  std::string id;
  int version = 0;
  std::string ryde_spec_escrow, ryde_spec_mapping;
  int resend = 0;
  UnixSeconds cr_date = 0;
  DepositKind kind = DepositKind::kFull;
  UnixSeconds watermark = 0;
  std::string tld;  // empty when the header has none (2209)
  std::vector<RdeCount> counts;
};

struct EscrowReportContext {
  std::string tld;
  std::string url_id;
  UnixSeconds now = 0;
  std::optional<UnixSeconds> tld_created;
  // Whether a FULL deposit with a watermark at or before this one is held;
  // empty: none is.
  std::function<bool(UnixSeconds watermark)> full_deposit_before;
};

// The report element's structure and types: 2001 when they are wrong (a
// header without tld is not, here: 2209 comes later, in its order).
Verdict ParseRdeReport(XmlNode report, RdeReport* out);

// The rules of rri.md §8 item 5 after the schema, in order: 2005, 2001 (id
// syntax), 2006 (URL id; only `uploaded`), 2209, 2212, 2202, 2004, 2008,
// 2205 (only `uploaded`), 2211, 2206, 2210, 2212 (rcdn). `uploaded` is
// false for a report embedded in an agent's notification.
Verdict CheckRdeReport(const RdeReport& report, const EscrowReportContext& ctx, bool uploaded);

// A whole upload: XML, ParseRdeReport, CheckRdeReport. `parsed` (optional)
// receives the report.
Verdict ValidateEscrowReport(std::string_view body, const EscrowReportContext& ctx,
                             RdeReport* parsed);

// Whether `id` is a deposit id (the project default above).
bool IsValidDepositId(std::string_view id);

}  // namespace tldmon::rri

// RriRepository: the accepted RRI uploads and the per-TLD RRI settings in
// the Store's keyed records (store/keyed_record.h; docs/formats/
// store-schema.md "Keyed records"), so every serve host and `tldmon admin`
// see the same ones:
//   kind "rri.report"  key "<tld>/<type>/<period>"   the upload's bytes as received
//   kind "rri.index"   same key                      SerializeReportEntry (what
//                                                    listings and the summary read)
//   kind "rri.tld"     key "<tld>"                   SerializeTldSettings
// <period> is the month (YYYY-MM) of a monthly report, the deposit id of an
// escrow report, and "<repDate>/<received, 12 digits>-<body hash>" of an
// escrow-agent notification (every notification is kept; the same bytes
// sent again in the same second are one).
//
// An upload and its index entry are written in one transaction with
// Store::WriteDataRecords: uploads are data, not configuration, and do not
// make serve hosts re-read their configuration. Settings are configuration
// (WriteRecords).
//
// Ownership and threads: holds a reference to `store`, which must outlive
// it; as thread-safe as the Store. A replacement racing another upload of
// the same key: the last write wins, whole.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "rri/report_type.h"
#include "rri/tld_settings.h"
#include "store/store.h"

namespace tldmon::rri {

inline constexpr std::string_view kReportKind = "rri.report";
inline constexpr std::string_view kIndexKind = "rri.index";
inline constexpr std::string_view kTldSettingsKind = "rri.tld";

// What the index keeps of one stored upload.
struct ReportEntry {
  std::string tld;
  ReportType type = ReportType::kRegistrarTransactions;
  std::string period;          // the key's last part (see above)
  std::string date;            // YYYY-MM (monthly), watermark date (escrow), repDate (notification)
  UnixSeconds received = 0;    // the accepted upload now stored
  UnixSeconds first_received = 0;
  int uploads = 1;             // accepted uploads of this key (1 + replacements)
  std::size_t bytes = 0;
  std::string deposit_kind;    // escrow: FULL, INCR or DIFF
  UnixSeconds watermark = 0;   // escrow
  std::string notification_status;  // notification: DVPN, DVFN or DRFN
  std::string uploaded_by;     // account name or certificate domain
  friend bool operator==(const ReportEntry&, const ReportEntry&) = default;
};

std::string SerializeReportEntry(const ReportEntry& e);
Result<ReportEntry> ParseReportEntry(std::string_view bytes);

// "<tld>/<type>/<period>".
std::string ReportKey(std::string_view tld, ReportType type, std::string_view period);

class RriRepository {
 public:
  explicit RriRepository(store::Store& store) : store_(store), writable_(&store) {}
  // Read-only (the dashboard): Put and PutSettings fail.
  explicit RriRepository(const store::Store& store) : store_(store), writable_(nullptr) {}

  // Stores `body` and its entry (replacing the key's previous upload).
  Status Put(const ReportEntry& entry, std::string_view body);
  // The entry of a key; nullopt when nothing is stored.
  Result<std::optional<ReportEntry>> Find(std::string_view tld, ReportType type,
                                          std::string_view period) const;
  // The stored bytes of an entry; NotFound if they are gone.
  Result<std::string> Body(const ReportEntry& entry) const;
  // Every entry of `tld` ("" = of every TLD), ascending by key.
  Result<std::vector<ReportEntry>> List(std::string_view tld) const;
  // The entries of one type of `tld` whose period starts with `period_prefix`.
  Result<std::vector<ReportEntry>> List(std::string_view tld, ReportType type,
                                        std::string_view period_prefix = {}) const;

  // The TLD's settings; defaults (only `tld` set) when none are stored.
  Result<TldSettings> Settings(std::string_view tld) const;
  Result<std::vector<TldSettings>> AllSettings() const;
  Status PutSettings(const TldSettings& settings);

 private:
  Result<std::vector<ReportEntry>> ListPrefix(const std::string& prefix) const;

  const store::Store& store_;
  store::Store* writable_;
};

}  // namespace tldmon::rri

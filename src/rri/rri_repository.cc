#include "rri/rri_repository.h"

#include <nlohmann/json.hpp>

namespace tldmon::rri {
namespace {

using nlohmann::json;

Status Damaged(std::string_view kind, std::string_view key, std::string_view why) {
  return Internal("stored " + std::string(kind) + " record '" + std::string(key) +
                  "' is damaged: " + std::string(why));
}

}  // namespace

std::string ReportKey(std::string_view tld, ReportType type, std::string_view period) {
  std::string key(tld);
  key += '/';
  key += ReportTypeName(type);
  key += '/';
  key += period;
  return key;
}

std::string SerializeReportEntry(const ReportEntry& e) {
  json j;
  j["tld"] = e.tld;
  j["type"] = std::string(ReportTypeName(e.type));
  j["period"] = e.period;
  j["date"] = e.date;
  j["received"] = e.received;
  j["firstReceived"] = e.first_received;
  j["uploads"] = e.uploads;
  j["bytes"] = e.bytes;
  j["depositKind"] = e.deposit_kind;
  j["watermark"] = e.watermark;
  j["notificationStatus"] = e.notification_status;
  j["uploadedBy"] = e.uploaded_by;
  return j.dump();
}

Result<ReportEntry> ParseReportEntry(std::string_view bytes) {
  const json j = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return InvalidArgument("not a JSON object");
  try {
    ReportEntry e;
    e.tld = j.at("tld").get<std::string>();
    std::optional<ReportType> t = ParseReportType(j.at("type").get<std::string>());
    if (!t) return InvalidArgument("unknown report type");
    e.type = *t;
    e.period = j.at("period").get<std::string>();
    e.date = j.at("date").get<std::string>();
    e.received = j.at("received").get<UnixSeconds>();
    e.first_received = j.at("firstReceived").get<UnixSeconds>();
    e.uploads = j.at("uploads").get<int>();
    e.bytes = j.at("bytes").get<std::size_t>();
    e.deposit_kind = j.at("depositKind").get<std::string>();
    e.watermark = j.at("watermark").get<UnixSeconds>();
    e.notification_status = j.at("notificationStatus").get<std::string>();
    e.uploaded_by = j.at("uploadedBy").get<std::string>();
    return e;
  } catch (const json::exception& ex) {
    return InvalidArgument(ex.what());
  }
}

Status RriRepository::Put(const ReportEntry& entry, std::string_view body) {
  const std::string key = ReportKey(entry.tld, entry.type, entry.period);
  const std::string meta = SerializeReportEntry(entry);
  const store::RecordChange changes[] = {store::RecordChange::Put(kReportKind, key, body),
                                         store::RecordChange::Put(kIndexKind, key, meta)};
  if (writable_ == nullptr) return FailedPrecondition("the RRI repository is read-only here");
  return writable_->WriteDataRecords(changes).status();
}

Result<std::optional<ReportEntry>> RriRepository::Find(std::string_view tld, ReportType type,
                                                       std::string_view period) const {
  const std::string key = ReportKey(tld, type, period);
  Result<std::optional<std::string>> bytes = store_.GetRecord(kIndexKind, key);
  if (!bytes.ok()) return bytes.status();
  if (!*bytes) return std::optional<ReportEntry>();
  Result<ReportEntry> e = ParseReportEntry(**bytes);
  if (!e.ok()) return Damaged(kIndexKind, key, e.status().message());
  return std::optional<ReportEntry>(std::move(*e));
}

Result<std::string> RriRepository::Body(const ReportEntry& entry) const {
  const std::string key = ReportKey(entry.tld, entry.type, entry.period);
  Result<std::optional<std::string>> bytes = store_.GetRecord(kReportKind, key);
  if (!bytes.ok()) return bytes.status();
  if (!*bytes) return NotFound("no stored upload '" + key + "'");
  return std::move(**bytes);
}

Result<std::vector<ReportEntry>> RriRepository::ListPrefix(const std::string& prefix) const {
  Result<std::vector<store::KeyedRecord>> records = store_.ListRecords(kIndexKind, prefix);
  if (!records.ok()) return records.status();
  std::vector<ReportEntry> out;
  out.reserve(records->size());
  for (const store::KeyedRecord& r : *records) {
    Result<ReportEntry> e = ParseReportEntry(r.bytes);
    if (!e.ok()) return Damaged(kIndexKind, r.key, e.status().message());
    out.push_back(std::move(*e));
  }
  return out;
}

Result<std::vector<ReportEntry>> RriRepository::List(std::string_view tld) const {
  return ListPrefix(tld.empty() ? std::string() : std::string(tld) + "/");
}

Result<std::vector<ReportEntry>> RriRepository::List(std::string_view tld, ReportType type,
                                                     std::string_view period_prefix) const {
  return ListPrefix(ReportKey(tld, type, period_prefix));
}

Result<TldSettings> RriRepository::Settings(std::string_view tld) const {
  Result<std::optional<std::string>> bytes = store_.GetRecord(kTldSettingsKind, tld);
  if (!bytes.ok()) return bytes.status();
  if (!*bytes) {
    TldSettings defaults;
    defaults.tld = std::string(tld);
    return defaults;
  }
  Result<TldSettings> s = ParseTldSettings(**bytes);
  if (!s.ok()) return Damaged(kTldSettingsKind, tld, s.status().message());
  return s;
}

Result<std::vector<TldSettings>> RriRepository::AllSettings() const {
  Result<std::vector<store::KeyedRecord>> records = store_.ListRecords(kTldSettingsKind);
  if (!records.ok()) return records.status();
  std::vector<TldSettings> out;
  for (const store::KeyedRecord& r : *records) {
    Result<TldSettings> s = ParseTldSettings(r.bytes);
    if (!s.ok()) return Damaged(kTldSettingsKind, r.key, s.status().message());
    out.push_back(std::move(*s));
  }
  return out;
}

Status RriRepository::PutSettings(const TldSettings& settings) {
  if (writable_ == nullptr) return FailedPrecondition("the RRI repository is read-only here");
  return writable_->PutRecord(kTldSettingsKind, settings.tld, SerializeTldSettings(settings));
}

}  // namespace tldmon::rri

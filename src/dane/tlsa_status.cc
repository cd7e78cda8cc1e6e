#include "dane/tlsa_status.h"

#include <nlohmann/json.hpp>

namespace tldmon::dane {
namespace {

using Json = nlohmann::ordered_json;

Json Time(UnixSeconds t) { return t == 0 ? Json(nullptr) : Json(FormatIso8601(t)); }

UnixSeconds ReadTime(const Json& j) {
  if (!j.is_string()) return 0;
  auto t = ParseTime(j.get<std::string>());
  return t ? *t : 0;
}

}  // namespace

void AppendTlsaMetrics(std::span<const TlsaNameStatus> names, UnixSeconds now, std::string& out) {
  // Names are owner names NormalizeTlsaOwnerName accepted ([a-z0-9_.-]):
  // nothing in them needs escaping in a label value.
  if (names.empty()) return;
  out += "# HELP tldmon_dane_tlsa_state TLSA lookup state of each configured owner name.\n"
         "# TYPE tldmon_dane_tlsa_state gauge\n";
  for (const TlsaNameStatus& s : names)
    out += "tldmon_dane_tlsa_state{name=\"" + s.name + "\",state=\"" +
           std::string(TlsaStateName(s.state)) + "\"} 1\n";
  out += "# HELP tldmon_dane_tlsa_records TLSA records usable now for each owner name.\n"
         "# TYPE tldmon_dane_tlsa_records gauge\n";
  for (const TlsaNameStatus& s : names)
    out += "tldmon_dane_tlsa_records{name=\"" + s.name + "\"} " + std::to_string(s.records) + "\n";
  out += "# HELP tldmon_dane_tlsa_age_seconds Seconds since the owner name was last looked up.\n"
         "# TYPE tldmon_dane_tlsa_age_seconds gauge\n";
  for (const TlsaNameStatus& s : names)
    out += "tldmon_dane_tlsa_age_seconds{name=\"" + s.name + "\"} " +
           std::to_string(s.fetched_at == 0 ? -1 : now - s.fetched_at) + "\n";
}

std::string TlsaStatusJson(std::span<const TlsaNameStatus> names, UnixSeconds now) {
  Json list = Json::array();
  for (const TlsaNameStatus& s : names) {
    Json j = Json::object();
    j["name"] = s.name;
    j["state"] = std::string(TlsaStateName(s.state));
    j["records"] = s.records;
    j["fetchedAt"] = Time(s.fetched_at);
    j["lastGoodAt"] = Time(s.last_good_at);
    j["usableUntil"] = Time(s.usable_until);
    j["why"] = s.why;
    list.push_back(std::move(j));
  }
  Json doc = Json::object();
  doc["written"] = FormatIso8601(now);
  doc["names"] = std::move(list);
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

Result<TlsaStatusFile> ParseTlsaStatusJson(std::string_view text) {
  const Json doc = Json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("names") || !doc["names"].is_array())
    return InvalidArgument("not a TLSA status document");
  TlsaStatusFile out;
  out.written = ReadTime(doc.value("written", Json()));
  for (const Json& j : doc["names"]) {
    if (!j.is_object() || !j.contains("name") || !j["name"].is_string())
      return InvalidArgument("a TLSA status entry has no name");
    TlsaNameStatus s;
    s.name = j["name"].get<std::string>();
    const std::string state = j.value("state", "error");
    for (TlsaState st : {TlsaState::kSecure, TlsaState::kSecureNoData, TlsaState::kSecureNxDomain,
                         TlsaState::kInsecure, TlsaState::kBogus, TlsaState::kError})
      if (TlsaStateName(st) == state) s.state = st;
    s.records = j.value("records", std::size_t{0});
    s.fetched_at = ReadTime(j.value("fetchedAt", Json()));
    s.last_good_at = ReadTime(j.value("lastGoodAt", Json()));
    s.usable_until = ReadTime(j.value("usableUntil", Json()));
    s.why = j.value("why", "");
    out.names.push_back(std::move(s));
  }
  return out;
}

}  // namespace tldmon::dane

#include "rri/rri_readback.h"

#include <algorithm>

#include "rri/monthly_report.h"

namespace tldmon::rri {
namespace {

// The UTC time with milliseconds as the draft's listings show it.
std::string ReceivedText(UnixSeconds t) {
  std::string s = FormatIso8601(t);  // ...Z
  s.insert(s.size() - 1, ".000");
  return s;
}

Result<std::optional<ReadBack>> ListDocument(const RriRepository& repository,
                                             std::vector<ReportEntry> entries,
                                             std::string_view list, std::string_view item,
                                             std::string_view ns) {
  if (entries.empty()) return std::optional<ReadBack>();
  std::sort(entries.begin(), entries.end(),
            [](const ReportEntry& a, const ReportEntry& b) { return a.received > b.received; });
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<";
  out += list;
  out += " xmlns:";
  out += list.substr(0, list.find(':'));
  out += "=\"";
  out += ns;
  out += "\">\n";
  const std::string prefix(list.substr(0, list.find(':')));
  for (const ReportEntry& e : entries) {
    Result<std::string> body = repository.Body(e);
    if (!body.ok()) return body.status();
    out += "  <" + prefix + ":" + std::string(item) + ">\n    <" + prefix + ":received>" +
           ReceivedText(e.received) + "</" + prefix + ":received>\n    ";
    out += XmlRootElement(*body);
    out += "\n  </" + prefix + ":" + std::string(item) + ">\n";
  }
  out += "</";
  out += list;
  out += ">\n";
  return std::optional<ReadBack>(ReadBack{"text/xml; charset=utf-8", std::move(out)});
}

}  // namespace

std::string_view XmlRootElement(std::string_view doc) {
  if (doc.substr(0, 3) == "\xEF\xBB\xBF") doc.remove_prefix(3);
  while (true) {
    const std::size_t start = doc.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return {};
    doc.remove_prefix(start);
    std::string_view end_mark;
    if (doc.substr(0, 2) == "<?") end_mark = "?>";
    else if (doc.substr(0, 4) == "<!--") end_mark = "-->";
    else break;
    const std::size_t end = doc.find(end_mark);
    if (end == std::string_view::npos) return {};
    doc.remove_prefix(end + end_mark.size());
  }
  const std::size_t last = doc.find_last_not_of(" \t\r\n");
  return last == std::string_view::npos ? std::string_view() : doc.substr(0, last + 1);
}

Result<std::optional<ReadBack>> ReadReport(const RriRepository& repository, const RriRoute& route) {
  if (IsMonthly(route.type)) {
    std::optional<ReportMonth> month = ParseReportMonth(route.period);
    if (!month) return std::optional<ReadBack>();
    Result<std::optional<ReportEntry>> e =
        repository.Find(route.tld, route.type, FormatReportMonth(*month));
    if (!e.ok()) return e.status();
    if (!*e) return std::optional<ReadBack>();
    Result<std::string> body = repository.Body(**e);
    if (!body.ok()) return body.status();
    return std::optional<ReadBack>(ReadBack{"text/csv; charset=utf-8", std::move(*body)});
  }
  if (!ParseDate(route.period)) return std::optional<ReadBack>();
  if (route.type == ReportType::kEscrowReport) {
    Result<std::vector<ReportEntry>> all = repository.List(route.tld, ReportType::kEscrowReport);
    if (!all.ok()) return all.status();
    std::vector<ReportEntry> of_date;
    for (ReportEntry& e : *all)
      if (e.date == route.period) of_date.push_back(std::move(e));
    return ListDocument(repository, std::move(of_date), "rdeReports:reports",
                        "receivedReport", "urn:ietf:params:xml:ns:rdeReports-1.0");
  }
  Result<std::vector<ReportEntry>> of_date =
      repository.List(route.tld, ReportType::kEscrowNotification, route.period + "/");
  if (!of_date.ok()) return of_date.status();
  return ListDocument(repository, std::move(*of_date), "rdeNotifications:notifications",
                      "receivedNotification", "urn:ietf:params:xml:ns:rdeNotifications-1.0");
}

}  // namespace tldmon::rri

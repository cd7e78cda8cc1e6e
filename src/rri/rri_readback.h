// The RRI's read-backs (rri.md §2, §8 item 6; draft -27 as its clients
// use it): what a HEAD or GET of /info/report/... answers.
//   monthly      GET: the stored CSV as received (text/csv); HEAD: 200
//   escrow       the reports whose watermark falls on the date, as
//                <rdeReports:reports> of <rdeReports:receivedReport>
//                (received time + the report as received), newest first
//   notification the agent's notifications of the date (repDate), as
//                <rdeNotifications:notifications>, newest first
// Nothing stored: 404 with an empty body (a HEAD client reads 404 as
// "pending", not as a failure).
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "rri/rri_repository.h"
#include "rri/rri_route.h"

namespace tldmon::rri {

struct ReadBack {
  std::string content_type;
  std::string body;
};

// nullopt: nothing stored for the route's period (or a period that cannot
// name anything). An error only when the store fails.
Result<std::optional<ReadBack>> ReadReport(const RriRepository& repository, const RriRoute& route);

// The report element of a stored XML upload: the bytes after a BOM, the XML
// declaration and any leading comments, processing instructions or blanks.
std::string_view XmlRootElement(std::string_view document);

}  // namespace tldmon::rri

// Fuzz target for the RRI's XML uploads: escrow deposit reports
// (ValidateEscrowReport) and escrow agent notifications
// (ValidateEscrowNotification), parsed by libxml2 (rri/xml_document.h), and
// the iirdea answer written for each verdict. The input is the body.
//
// Invariants (abort when one fails):
//   * a rejection carries a description;
//   * an accepted report has a deposit id of at most 13 characters equal to
//     the URL's, the context's TLD and dates not after now;
//   * the iirdea answer of every verdict parses back as XML and names the
//     verdict's code.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "rri/iirdea.h"
#include "rri/rde_notification.h"
#include "rri/rde_report.h"
#include "rri/xml_document.h"

namespace {

using namespace tldmon;       // NOLINT
using namespace tldmon::rri;  // NOLINT

constexpr UnixSeconds kNow = 1'794'312'000;  // 2026-11-10T12:00:00Z

void CheckAnswer(const Verdict& v) {
  if (!v.accepted()) FUZZ_CHECK(!v.description.empty());
  Result<XmlDocument> answer = XmlDocument::Parse(IirdeaResponse(v));
  FUZZ_CHECK(answer.ok());
  FUZZ_CHECK(XmlIs(answer->root(), kIirdeaNamespace, "response"));
  Result<std::vector<XmlNode>> results = XmlChildElements(answer->root());
  FUZZ_CHECK(results.ok() && results->size() == 1);
  FUZZ_CHECK(XmlAttribute((*results)[0], "code") == std::to_string(static_cast<int>(v.code)));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  EscrowReportContext ctx;
  ctx.tld = "example";
  ctx.url_id = "20261109001";
  ctx.now = kNow;
  ctx.tld_created = 1'393'632'000;
  ctx.full_deposit_before = [](UnixSeconds watermark) { return watermark % 2 == 0; };
  RdeReport report;
  const Verdict v = ValidateEscrowReport(input, ctx, &report);
  if (v.accepted()) {
    FUZZ_CHECK(report.id == ctx.url_id && report.id.size() <= 13);
    FUZZ_CHECK(report.tld.size() == ctx.tld.size());
    FUZZ_CHECK(report.cr_date <= kNow && report.watermark <= kNow);
  }
  CheckAnswer(v);

  NotificationContext nctx{"example", kNow, 1'393'632'000};
  RdeNotification notification;
  const Verdict n = ValidateEscrowNotification(input, nctx, &notification);
  if (n.accepted()) {
    FUZZ_CHECK(notification.version == 1);
    FUZZ_CHECK(FromCivilDate(notification.rep_date) <= kNow);
    if (notification.report) FUZZ_CHECK(notification.report->tld.size() == ctx.tld.size());
  }
  CheckAnswer(n);
  return 0;
}

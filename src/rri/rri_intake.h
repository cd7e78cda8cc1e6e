// RriIntake: one upload from URL to stored record (rri.md §8): the
// interface enabled for the TLD (2007), the period's syntax (2111), the
// report's own rules (monthly_report.h, rde_report.h, rde_notification.h),
// then the rules that need what is stored — a monthly report replaced after
// its cut-off (2002), a DIFF/INCR deposit without an earlier FULL (2205) —
// and, only when everything passed, the record. Nothing of a rejected
// upload is stored.
//
// Thread-safe as far as the repository is; holds a reference to it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"
#include "rri/rri_repository.h"
#include "rri/rri_result.h"
#include "rri/rri_route.h"
#include "rri/tld_settings.h"

namespace tldmon::rri {

struct IntakeContext {
  TldSettings settings;
  UnixSeconds now = 0;
  // Whether an IANA id is an accredited registrar (2102); empty: not checked.
  std::function<bool(std::int64_t iana_id)> accredited;
  std::string uploaded_by;  // kept with the record
};

class RriIntake {
 public:
  explicit RriIntake(RriRepository& repository) : repository_(repository) {}

  // The verdict (stored exactly when accepted); an error only when the store
  // fails (the caller answers 500 and the client retries).
  Result<Verdict> Accept(const RriRoute& route, std::string_view body, const IntakeContext& ctx);

 private:
  Result<Verdict> AcceptMonthly(const RriRoute& route, std::string_view body,
                                const IntakeContext& ctx);
  Result<Verdict> AcceptEscrowReport(const RriRoute& route, std::string_view body,
                                     const IntakeContext& ctx);
  Result<Verdict> AcceptNotification(const RriRoute& route, std::string_view body,
                                     const IntakeContext& ctx);

  RriRepository& repository_;
};

}  // namespace tldmon::rri

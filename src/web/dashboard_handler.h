// DashboardHandler: everything under /ui/ (docs/dashboard.md).
//   GET  /ui/                      the single page (index.html; no-cache + ETag)
//   GET  /ui/assets/<build>/<f>    embedded assets (immutable; web_assets.h)
//   POST /ui/api/login             {"username","password"} → session cookie
//   POST /ui/api/logout            {"csrf"}
//   GET  /ui/api/session           who is logged in, what it sees, its CSRF token
//   GET  /ui/api/overview          every visible entity × service (overview.h)
//   GET  /ui/api/probes            probe nodes and their online history (probes_view.h)
//   GET  /ui/api/reporting         RRI reporting obligations per TLD (reporting_view.h)
//   GET  /ui/api/entity/<ry|rr>/<id>[?days=1|7|30|90]   the entity page (entity_view.h)
//   GET  /ui/api/entity/<ry|rr>/<id>/rtt[?days=…]        its RTT charts (rtt_view.h)
//   GET  /ui/api/entity/<ry|rr>/<id>/probes[?days=…&probe=NAME]  per-probe RTTs (probe_rtt_view.h)
//   GET  /ui/api/entity/<ry|rr>/<id>/nsid[?days=…]       NSID instances and changes (nsid_view.h)
//   GET  /ui/api/entity/<ry|rr>/<id>/monthly[?month=YYYY-MM]      its monthly report (past_monthly.h)
//   GET  /ui/api/entity/<ry|rr>/<id>/monthly.csv[?month=YYYY-MM]  the same as CSV (monthly_csv.h)
//   POST /ui/api/entity/<ry|rr>/<id>/<svc>/incidents/<incidentID>/falsePositive
//        {"csrf","falsePositive":true|false}   operators only
// Every other /ui/api/ path is a JSON 404; /ui/<anything else> is the page
// again, so that a bookmarked client-side route still loads.
//
// Access: the API answers 401 without a live session (the page then shows
// its login form), 403 for an entity the session does not see or a change
// by an entity account, 403 for a state change without the session's CSRF
// token. Every answer carries a strict Content-Security-Policy (no inline
// script, nothing from another origin), nosniff, no-referrer and
// frame-ancestors 'none'.
//
// Data is read from the published MoSAPI documents and the Store, cached
// per document generation (a new cycle), so a page polling every few
// seconds costs a cache lookup. Thread-safe; references must outlive it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>

#include "core/clock.h"
#include "core/thread_annotations.h"
#include "documents/document_store.h"
#include "engine/sla_params.h"
#include "http/request_handler.h"
#include "store/store.h"
#include "web/dashboard_auth.h"
#include "web/overview.h"
#include "web/probes_view.h"

namespace tldmon::web {

// Changes the page may ask for; each returns the JSON to answer, or an
// error (NotFound: no such incident). Unset: answered 501.
struct DashboardActions {
  std::function<Result<std::string>(const EntityId& entity, Service service,
                                    const std::string& incident_id, bool on,
                                    const std::string& who)>
      set_false_positive;
  // The probe nodes' last pushes (serve: probeapi); unset: simulated probes.
  std::function<std::map<std::string, ProbeDelivery>()> probe_deliveries;
};

class DashboardHandler final : public http::RequestHandler {
 public:
  DashboardHandler(DashboardAuth& auth, const store::Store& store,
                   const documents::DocumentStore& documents, engine::SlaParams params,
                   const Clock& clock, DashboardActions actions);

  void Handle(const http::Request& request, http::Response& response) override;
  // Logins (Argon2id) and changes (they wait for the engine) go to the slow pool.
  std::optional<std::string> SlowKey(const http::Request& request) const override;
  std::size_t MaxBodyBytes(std::string_view path) const override;
  void RenderError(http::HttpError error, std::string_view detail,
                   http::Response& response) const override;

 private:
  void HandleApi(std::string_view route, const http::Request& request, http::Response& response);
  void Login(const http::Request& request, http::Response& response);
  void Logout(const http::Request& request, http::Response& response);
  void Session(const DashboardSession& session, http::Response& response);
  void OverviewPage(const DashboardSession& session, http::Response& response);
  // GET /ui/api/reporting: the RRI reporting obligations (reporting_view.h).
  void ReportingPage(const DashboardSession& session, http::Response& response);
  void ProbesPage(http::Response& response);
  void EntityPage(const DashboardSession& session, std::string_view rest,
                  const http::Request& request, http::Response& response);
  void FalsePositive(const DashboardSession& session, const EntityId& entity, Service service,
                     const std::string& incident_id, const http::Request& request,
                     http::Response& response);

  // The overview of the current document generation (rebuilt on a new one).
  std::shared_ptr<const Overview> CurrentOverview(std::shared_ptr<const http::Representation>* all);

  DashboardAuth& auth_;
  const store::Store& store_;
  const documents::DocumentStore& documents_;
  const engine::SlaParams params_;
  const Clock& clock_;
  const DashboardActions actions_;

  Mutex cache_mu_;
  std::uint64_t overview_generation_ GUARDED_BY(cache_mu_) = ~std::uint64_t{0};
  std::shared_ptr<const Overview> overview_ GUARDED_BY(cache_mu_);
  std::shared_ptr<const http::Representation> overview_all_ GUARDED_BY(cache_mu_);
  std::uint64_t probes_generation_ GUARDED_BY(cache_mu_) = ~std::uint64_t{0};
  std::shared_ptr<const http::Representation> probes_ GUARDED_BY(cache_mu_);
  // Entity pages by (entity path, days), of entity_generation_.
  std::uint64_t entity_generation_ GUARDED_BY(cache_mu_) = ~std::uint64_t{0};
  std::map<std::pair<std::string, int>, std::shared_ptr<const http::Representation>> entity_pages_
      GUARDED_BY(cache_mu_);
};

}  // namespace tldmon::web

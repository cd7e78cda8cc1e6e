// DashboardMosapi: MoSAPI itself under the dashboard's session, mounted at
// /ui/mosapi/ (docs/dashboard.md "MoSAPI documents"). GET
// /ui/mosapi/ry/example/v2/monitoring/dns/incidents/<id>/measurements/…
// answers exactly what GET /ry/example/v2/… answers a MoSAPI client — the
// same documents, measurement objects built on demand, errors and
// validation — so the pages link to "the MoSAPI JSON of each measurement"
// and edit maintenance windows through the API's own code.
//
// Access: the dashboard session (cookie tldmon_ui, which is scoped to /ui/)
// for an entity it sees; an entity account needs its entity's role for the
// endpoint, an operator has every role. A request that changes something
// (PUT, POST, DELETE) must carry the session's CSRF token as `?csrf=`,
// which is removed before MoSAPI sees the query. MoSAPI's login and logout
// are not offered here (404): the dashboard has its own.
//
// Thread-safe; references must outlive it.
#pragma once

#include <memory>

#include "auth/authenticator.h"
#include "core/clock.h"
#include "http/request_handler.h"
#include "mosapi/mosapi_service.h"
#include "web/dashboard_auth.h"

namespace tldmon::web {

inline constexpr std::string_view kDashboardMosapiPrefix = "/ui/mosapi";

class DashboardMosapi final : public http::RequestHandler {
 public:
  DashboardMosapi(DashboardAuth& auth, auth::Authenticator& authenticator,
                  mosapi::MosapiService& service, const Clock& clock);

  void Handle(const http::Request& request, http::Response& response) override;
  std::optional<std::string> SlowKey(const http::Request& request) const override;
  void RenderError(http::HttpError error, std::string_view detail,
                   http::Response& response) const override;

 private:
  class Access final : public mosapi::AccessControl {
   public:
    Access(DashboardAuth& auth, auth::Authenticator& authenticator)
        : auth_(auth), authenticator_(authenticator) {}
    mosapi::AccessDecision Authorize(const http::Request& request,
                                     const mosapi::Route& route) override;
    void Login(const http::Request& request, const mosapi::Route& route,
               http::Response& response) override;
    void Logout(const http::Request& request, const mosapi::Route& route,
                http::Response& response) override;
    bool NeedsPasswordCheck(const http::Request&, const mosapi::Route&) override { return false; }

   private:
    DashboardAuth& auth_;
    auth::Authenticator& authenticator_;
  };

  DashboardAuth& auth_;
  Access access_;
  std::unique_ptr<mosapi::ApiHandler> api_;
};

}  // namespace tldmon::web

#include "web/dashboard_handler.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "http/query.h"
#include "web/entity_view.h"
#include "documents/render_monthly.h"
#include "web/monthly_csv.h"
#include "web/probes_view.h"
#include "web/reporting_view.h"
#include "web/nsid_view.h"
#include "web/past_monthly.h"
#include "web/probe_rtt_view.h"
#include "web/rtt_view.h"
#include "web/web_assets.h"

namespace tldmon::web {
namespace {

using nlohmann::json;

// No inline script or style, nothing from another origin (the whole UI is
// embedded); uPlot sets sizes through the CSSOM, which CSP allows.
constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

void SecurityHeaders(http::Response& response) {
  response.AddHeader("Content-Security-Policy", kCsp);
  response.AddHeader("X-Content-Type-Options", "nosniff");
  response.AddHeader("Referrer-Policy", "no-referrer");
  response.AddHeader("X-Frame-Options", "DENY");
}

void Json(http::Response& response, int status, const json& body) {
  response.AddHeader("Cache-Control", "no-store");
  response.SetBody(status, "application/json", body.dump());
}

void Error(http::Response& response, int status, std::string_view message) {
  Json(response, status, {{"error", message}, {"status", status}});
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The JSON body of a state change; discarded if it is not an object.
json BodyObject(const http::Request& request) {
  json j = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  return j.is_object() ? j : json();
}

// Whether a state change's JSON body carries the session's CSRF token.
bool CarriesCsrf(const DashboardAuth& auth, const DashboardSession& session, const json& body) {
  return body.is_object() && body.contains("csrf") && body["csrf"].is_string() &&
         auth.CsrfMatches(session, body["csrf"].get<std::string>());
}

std::string SlowKeyOf(std::string_view what, const http::Request& request) {
  return std::string(what) + std::string(request.peer.text);
}

}  // namespace

DashboardHandler::DashboardHandler(DashboardAuth& auth, const store::Store& store,
                                   const documents::DocumentStore& documents,
                                   engine::SlaParams params, const Clock& clock,
                                   DashboardActions actions)
    : auth_(auth),
      store_(store),
      documents_(documents),
      params_(std::move(params)),
      clock_(clock),
      actions_(std::move(actions)) {
  (void)WebAssets::Embedded();  // built now, not on the first request
}

std::optional<std::string> DashboardHandler::SlowKey(const http::Request& request) const {
  if (request.method != http::Method::kPost) return std::nullopt;
  // Keyed by source: the tenant is not known before the password is checked.
  if (request.path == "/ui/api/login") return SlowKeyOf("ui-login ", request);
  if (StartsWith(request.path, "/ui/api/entity/")) return SlowKeyOf("ui-change ", request);
  return std::nullopt;
}

std::size_t DashboardHandler::MaxBodyBytes(std::string_view /*path*/) const { return 8 * 1024; }

void DashboardHandler::RenderError(http::HttpError error, std::string_view detail,
                                   http::Response& response) const {
  SecurityHeaders(response);
  Error(response, http::StatusOf(error), detail);
}

void DashboardHandler::Handle(const http::Request& request, http::Response& response) {
  SecurityHeaders(response);
  const std::string_view path = request.path;
  if (path == "/" || path == "/ui") {
    response.AddHeader("Location", "/ui/");
    response.SetBody(302, "text/plain; charset=utf-8", "/ui/\n");
    return;
  }
  if (StartsWith(path, "/ui/api/")) return HandleApi(path.substr(8), request, response);
  const bool read = request.method == http::Method::kGet || request.method == http::Method::kHead;
  if (!read) {
    response.AddHeader("Allow", "GET, HEAD");
    return Error(response, 405, "the dashboard's pages are read with GET");
  }
  const WebAssets& assets = WebAssets::Embedded();
  if (StartsWith(path, "/ui/assets/")) {
    const std::string_view rest = path.substr(11);
    const std::size_t slash = rest.find('/');
    const auto asset = slash == std::string_view::npos || rest.substr(0, slash) != assets.build()
                           ? nullptr
                           : assets.Find(rest.substr(slash + 1));
    if (asset == nullptr) return Error(response, 404, "no such asset in this build; reload the page");
    response.AddHeader("Cache-Control", "public, max-age=31536000, immutable");
    response.SetRepresentation(asset);
    return;
  }
  response.AddHeader("Cache-Control", "no-cache");
  response.SetRepresentation(assets.index());
}

void DashboardHandler::HandleApi(std::string_view route, const http::Request& request,
                                 http::Response& response) {
  const bool post = request.method == http::Method::kPost;
  const bool get = request.method == http::Method::kGet || request.method == http::Method::kHead;
  if (route == "login") {
    if (!post) {
      response.AddHeader("Allow", "POST");
      return Error(response, 405, "log in with POST");
    }
    return Login(request, response);
  }
  const std::optional<DashboardSession> session =
      auth_.Find(request.cookie.value_or(std::string_view()), request.peer.text);
  if (route == "logout") {
    if (!post) {
      response.AddHeader("Allow", "POST");
      return Error(response, 405, "log out with POST");
    }
    if (!session) return Error(response, 401, "not logged in");
    if (!CarriesCsrf(auth_, *session, BodyObject(request)))
      return Error(response, 403, "missing or wrong CSRF token");
    return Logout(request, response);
  }
  if (!session) return Error(response, 401, "log in first");
  if (route == "session" && get) return Session(*session, response);
  if (route == "overview" && get) return OverviewPage(*session, response);
  if (route == "probes" && get) return ProbesPage(response);
  if (route == "reporting" && get) return ReportingPage(*session, response);
  if (StartsWith(route, "entity/") && (get || post))
    return EntityPage(*session, route.substr(7), request, response);
  return Error(response, 404, "no such dashboard endpoint");
}

void DashboardHandler::Login(const http::Request& request, http::Response& response) {
  const json body = BodyObject(request);
  if (!body.is_object() || !body.contains("username") || !body["username"].is_string() ||
      !body.contains("password") || !body["password"].is_string())
    return Error(response, 400, "send {\"username\": \"…\", \"password\": \"…\"} as JSON");
  const std::string username = body["username"].get<std::string>();
  DashboardLogin login =
      auth_.Login(username, body["password"].get<std::string>(), request.peer.text, request.tls);
  if (!login.session) {
    spdlog::info("dashboard: login of {:.64} from {} refused ({})", username, request.peer.text,
                 login.status);
    if (login.retry_after > 0) response.AddHeader("Retry-After", std::to_string(login.retry_after));
    return Error(response, login.status, login.message);
  }
  spdlog::info("dashboard: {} logged in from {}", username, request.peer.text);
  response.AddHeader("Set-Cookie", login.set_cookie);
  Session(*login.session, response);
}

void DashboardHandler::Logout(const http::Request& request, http::Response& response) {
  auth_.Logout(request.cookie.value_or(std::string_view()));
  response.AddHeader("Set-Cookie", DashboardAuth::ClearCookie(request.tls));
  Json(response, 200, {{"loggedOut", true}});
}

void DashboardHandler::Session(const DashboardSession& session, http::Response& response) {
  json limit = json::array();
  for (const EntityId& e : session.principal.limit) limit.push_back(e.Path());
  Json(response, 200,
       {{"user", session.principal.username},
        {"operator", session.principal.is_operator()},
        {"entity", session.principal.entity ? json(session.principal.entity->Path()) : json(nullptr)},
        {"entities", limit},
        {"mayChange", session.principal.is_operator()},
        {"csrf", session.csrf},
        {"expires", session.expires}});
}

std::shared_ptr<const Overview> DashboardHandler::CurrentOverview(
    std::shared_ptr<const http::Representation>* all) {
  const std::uint64_t generation = documents_.generation();
  MutexLock lock(cache_mu_);
  if (overview_ == nullptr || overview_generation_ != generation) {
    auto overview = std::make_shared<Overview>(CollectOverview(*documents_.Snapshot(), params_));
    overview_all_ = http::Representation::FromString(
        OverviewJson(*overview, [](const EntityId&) { return true; }), overview->updated);
    overview_ = std::move(overview);
    overview_generation_ = generation;
  }
  if (all != nullptr) *all = overview_all_;
  return overview_;
}

void DashboardHandler::OverviewPage(const DashboardSession& session, http::Response& response) {
  std::shared_ptr<const http::Representation> all;
  const std::shared_ptr<const Overview> overview = CurrentOverview(&all);
  response.AddHeader("Cache-Control", "no-cache");
  if (session.principal.is_operator() && session.principal.limit.empty())
    return response.SetRepresentation(all);
  response.SetRepresentation(http::Representation::FromString(
      OverviewJson(*overview, [&](const EntityId& e) { return session.principal.Sees(e); }),
      overview->updated));
}

void DashboardHandler::ReportingPage(const DashboardSession& session, http::Response& response) {
  auto body = ReportingViewJson(store_, clock_.Now(),
                                [&](const EntityId& e) { return session.principal.Sees(e); });
  if (!body.ok()) {
    spdlog::warn("dashboard: reporting: {}", body.status().ToString());
    return Error(response, 500, "could not read the RRI uploads; see the server log");
  }
  response.AddHeader("Cache-Control", "no-cache");
  response.SetBody(200, "application/json", *body);
}

void DashboardHandler::ProbesPage(http::Response& response) {
  const std::uint64_t generation = documents_.generation();
  {
    MutexLock lock(cache_mu_);
    if (probes_ != nullptr && probes_generation_ == generation) {
      response.AddHeader("Cache-Control", "no-cache");
      return response.SetRepresentation(probes_);
    }
  }
  auto body = ProbesViewJson(store_, 24, clock_.Now(),
                             actions_.probe_deliveries ? actions_.probe_deliveries()
                                                       : std::map<std::string, ProbeDelivery>{});
  if (!body.ok()) {
    spdlog::warn("dashboard: probes: {}", body.status().ToString());
    return Error(response, 500, "could not read the probes; see the server log");
  }
  auto rep = http::Representation::FromString(std::move(body).value(), 0);
  {
    MutexLock lock(cache_mu_);
    probes_ = rep;
    probes_generation_ = generation;
  }
  response.AddHeader("Cache-Control", "no-cache");
  response.SetRepresentation(std::move(rep));
}

void DashboardHandler::EntityPage(const DashboardSession& session, std::string_view rest,
                                  const http::Request& request, http::Response& response) {
  // <ry|rr>/<id>[/<svc>/incidents/<incidentID>/falsePositive]
  std::vector<std::string_view> parts;
  for (std::size_t at = 0; at <= rest.size();) {
    const std::size_t slash = std::min(rest.find('/', at), rest.size());
    parts.push_back(rest.substr(at, slash - at));
    at = slash + 1;
  }
  if (parts.size() < 2) return Error(response, 404, "no such entity");
  auto entity = EntityId::Parse(std::string(parts[0]) + "/" + std::string(parts[1]));
  if (!entity.ok()) return Error(response, 404, "no such entity");
  if (!session.principal.Sees(*entity))
    return Error(response, 403, "this account does not see " + entity->Path());
  if (parts.size() == 6 && parts[3] == "incidents" && parts[5] == "falsePositive") {
    const std::optional<Service> service = ParseServicePath(parts[2]);
    if (!service) return Error(response, 404, "no such service");
    if (request.method != http::Method::kPost) {
      response.AddHeader("Allow", "POST");
      return Error(response, 405, "change the flag with POST");
    }
    return FalsePositive(session, *entity, *service, std::string(parts[4]), request, response);
  }
  if (parts.size() == 3 && (parts[2] == "monthly.csv" || parts[2] == "monthly") &&
      request.method != http::Method::kPost) {
    // ?month=YYYY-MM: a past month (past_monthly.h); none: the current one.
    std::string month;
    if (!request.query.empty()) {
      auto query = http::ParseQuery(request.query, http::QueryLimits{});
      if (!query.ok()) return Error(response, 400, http::Describe(query.error()));
      if (const auto m = query->Get("month")) month = std::string(*m);
      bool valid = month.empty() || month.size() == 7;
      for (std::size_t i = 0; valid && i < month.size(); ++i)
        valid = i == 4 ? month[i] == '-' : month[i] >= '0' && month[i] <= '9';
      if (!valid) return Error(response, 400, "month must be YYYY-MM");
    }
    const auto doc = documents_.Find(documents::MonthlyPath(*entity));
    if (doc == nullptr) return Error(response, 404, "no monthly figures yet for " + entity->Path());
    auto report = MonthlyReport(store_, *entity, doc->body(), month);
    if (!report.ok()) {
      if (report.status().code() == StatusCode::kNotFound) return Error(response, 404, report.status().message());
      spdlog::warn("dashboard: {} monthly: {}", entity->Path(), report.status().ToString());
      return Error(response, 500, "could not read the monthly figures; see the server log");
    }
    if (parts[2] == "monthly") {
      response.AddHeader("Cache-Control", "no-cache");
      return response.SetBody(200, "application/json", report->dump());
    }
    auto csv = MonthlyCsv(entity->Path(), (*report)["report"]);
    if (!csv.ok()) return Error(response, 500, csv.status().message());
    const std::string shown = (*report)["month"].get<std::string>();
    std::string name = entity->Path() + (shown.empty() ? "" : "-" + shown);
    for (char& c : name) c = c == '/' ? '-' : c;
    response.AddHeader("Content-Disposition", "attachment; filename=\"" + name + "-monthly.csv\"");
    response.AddHeader("Cache-Control", "no-store");
    response.SetBody(200, "text/csv; charset=utf-8", *csv);
    return;
  }
  // The entity document itself, or one of its panels read apart.
  const std::string_view panel = parts.size() == 3 ? parts[2] : std::string_view();
  if (parts.size() != 2 && panel != "rtt" && panel != "probes" && panel != "nsid")
    return Error(response, 404, "no such dashboard endpoint");
  if (request.method == http::Method::kPost) {
    response.AddHeader("Allow", "GET, HEAD");
    return Error(response, 405, "the entity page is read with GET");
  }
  int days = 7;
  std::optional<std::string> probe;  // the probes panel's chart
  if (!request.query.empty()) {
    auto query = http::ParseQuery(request.query, http::QueryLimits{});
    if (!query.ok()) return Error(response, 400, http::Describe(query.error()));
    if (const auto d = query->Get("days")) {
      const auto [p, ec] = std::from_chars(d->data(), d->data() + d->size(), days);
      if (ec != std::errc() || p != d->data() + d->size() || !IsOfferedRange(days))
        return Error(response, 400, "days must be 1, 7, 30 or 90");
    }
    if (const auto p = query->Get("probe"); p && panel == "probes") probe = std::string(*p);
  }
  const std::uint64_t generation = documents_.generation();
  const auto key = std::make_pair(
      entity->Path() + "/" + std::string(panel) + (probe ? "?probe=" + *probe : ""), days);
  {
    MutexLock lock(cache_mu_);
    if (entity_generation_ != generation) {
      entity_pages_.clear();
      entity_generation_ = generation;
    }
    if (const auto it = entity_pages_.find(key); it != entity_pages_.end()) {
      response.AddHeader("Cache-Control", "no-cache");
      return response.SetRepresentation(it->second);
    }
  }
  const UnixSeconds now = clock_.Now();
  auto body = panel == "rtt"      ? RttViewJson(store_, *entity, days, now)
              : panel == "probes" ? ProbeRttViewJson(store_, *entity, days, probe, now)
              : panel == "nsid"   ? NsidViewJson(store_, *entity, days, now)
                                  : EntityViewJson(store_, *documents_.Snapshot(), params_, *entity, days, now);
  if (!body.ok()) {
    if (body.status().code() == StatusCode::kNotFound) return Error(response, 404, body.status().message());
    spdlog::warn("dashboard: {}: {}", entity->Path(), body.status().ToString());
    return Error(response, 500, "could not read the entity's history; see the server log");
  }
  auto rep = http::Representation::FromString(std::move(body).value(), 0);
  {
    MutexLock lock(cache_mu_);
    if (entity_generation_ == generation) {
      if (entity_pages_.size() >= 512) entity_pages_.clear();  // bounded; rebuilt on demand
      entity_pages_[key] = rep;
    }
  }
  response.AddHeader("Cache-Control", "no-cache");
  response.SetRepresentation(std::move(rep));
}

void DashboardHandler::FalsePositive(const DashboardSession& session, const EntityId& entity,
                                     Service service, const std::string& incident_id,
                                     const http::Request& request, http::Response& response) {
  const json body = BodyObject(request);
  if (!CarriesCsrf(auth_, session, body)) return Error(response, 403, "missing or wrong CSRF token");
  if (!session.principal.is_operator())
    return Error(response, 403, "only an operator account may mark false positives");
  if (!body.contains("falsePositive") || !body["falsePositive"].is_boolean())
    return Error(response, 400, "send {\"csrf\": \"…\", \"falsePositive\": true|false}");
  if (!actions_.set_false_positive) return Error(response, 501, "this server cannot change incidents");
  const bool on = body["falsePositive"].get<bool>();
  auto result = actions_.set_false_positive(entity, service, incident_id, on,
                                            "dashboard:" + session.principal.username);
  if (!result.ok()) {
    const StatusCode code = result.status().code();
    const int status = code == StatusCode::kNotFound           ? 404
                       : code == StatusCode::kInvalidArgument  ? 400
                       : code == StatusCode::kUnavailable      ? 503
                                                               : 500;
    if (status == 503) response.AddHeader("Retry-After", "5");
    return Error(response, status, result.status().message());
  }
  spdlog::info("dashboard: {} set false positive {} on {} {} {}", session.principal.username,
               on ? "on" : "off", entity.Path(), PathName(service), incident_id);
  response.AddHeader("Cache-Control", "no-store");
  response.SetBody(200, "application/json", *result);
}

}  // namespace tldmon::web

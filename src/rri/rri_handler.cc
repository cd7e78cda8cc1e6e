#include "rri/rri_handler.h"

#include <set>
#include <utility>

#include <spdlog/spdlog.h>

#include "rri/iirdea.h"
#include "rri/reporting_status.h"
#include "rri/rri_readback.h"

namespace tldmon::rri {
namespace {

void PlainText(http::Response& response, int status, std::string_view text) {
  response.SetBody(status, "text/plain; charset=utf-8", std::string(text) + "\n");
}

// Which role an endpoint needs; nullopt where the DEA account is the user
// or either role will do (the handler then decides).
std::optional<auth::Role> RequiredRole(const RriRoute& route) {
  if (route.endpoint == RriEndpoint::kStatus) return std::nullopt;
  switch (route.type) {
    case ReportType::kRegistrarTransactions:
    case ReportType::kRegistryFunctionsActivity: return auth::Role::kRriTldMonthlyReporting;
    case ReportType::kEscrowReport: return auth::Role::kRriTldDataEscrowDailyReporting;
    case ReportType::kEscrowNotification: return std::nullopt;
  }
  return std::nullopt;
}

bool EscrowAgentEndpoint(const RriRoute& route) {
  return route.endpoint != RriEndpoint::kStatus && route.type == ReportType::kEscrowNotification;
}

}  // namespace

RriHandler::RriHandler(auth::Authenticator& authenticator, const Clock& clock,
                       store::Store& store, RriHandlerOptions options)
    : authenticator_(authenticator),
      clock_(clock),
      repository_(store),
      intake_(repository_),
      options_(std::move(options)) {}

bool RriHandler::IsEscrowAgentAccount(std::string_view username) {
  return username.size() > 4 && username.substr(username.size() - 4) == "_dea";
}

std::size_t RriHandler::MaxBodyBytes(std::string_view /*path*/) const { return kMaxUploadBytes; }

std::optional<std::string> RriHandler::SlowKey(const http::Request& request) const {
  const RouteMatch m = MatchRriRoute(request.method, request.path);
  if (!m.route) return std::nullopt;
  const EntityId entity{EntityKind::kRegistry, m.route->tld};
  // A password check (Argon2id) or an upload's validation and store write.
  if (m.route->endpoint == RriEndpoint::kUpload ||
      authenticator_.NeedsPasswordCheck(entity, request.authorization.value_or(""),
                                        request.peer.text))
    return entity.Path();
  return std::nullopt;
}

void RriHandler::RenderError(http::HttpError error, std::string_view detail,
                             http::Response& response) const {
  PlainText(response, http::StatusOf(error), detail.empty() ? http::MessageOf(error) : detail);
}

void RriHandler::Handle(const http::Request& request, http::Response& response) {
  const RouteMatch match = MatchRriRoute(request.method, request.path);
  if (!match.route) {
    if (match.status == 405) {
      response.AddHeader("Allow", match.allow);
      PlainText(response, 405, "Method not allowed");
    } else {
      PlainText(response, 404, "Not found");
    }
    return;
  }
  const RriRoute& route = *match.route;
  const EntityId entity{EntityKind::kRegistry, route.tld};
  std::vector<auth::CertificateGrant> grants;
  if (request.peer_certificate != nullptr && options_.certificate_grants)
    grants = options_.certificate_grants(entity, *request.peer_certificate);
  const auth::AuthDecision decision = authenticator_.AuthorizeEachRequest(
      entity, request.authorization.value_or(""), request.peer.text, RequiredRole(route), grants);
  if (!decision.ok()) {
    if (decision.http_status == 401) response.AddHeader("WWW-Authenticate", "Basic realm=\"RRI\"");
    if (decision.retry_after > 0) response.AddHeader("Retry-After", std::to_string(decision.retry_after));
    PlainText(response, decision.http_status, decision.body);
    return;
  }
  const auth::Principal& who = *decision.principal;
  const bool agent = who.method == auth::AuthMethod::kBasic && IsEscrowAgentAccount(who.name);
  if (EscrowAgentEndpoint(route) && route.endpoint == RriEndpoint::kUpload && !agent) {
    PlainText(response, 403, "Access denied: only the escrow agent's account (<tld>_dea) sends notifications");
    return;
  }
  if (!EscrowAgentEndpoint(route) && route.endpoint != RriEndpoint::kStatus && agent) {
    PlainText(response, 403, "Access denied: an escrow agent's account may only send and read notifications");
    return;
  }
  if (!agent && !RequiredRole(route) &&
      !who.roles.Contains(auth::Role::kRriTldMonthlyReporting) &&
      !who.roles.Contains(auth::Role::kRriTldDataEscrowDailyReporting)) {
    PlainText(response, 403, auth::kRoleMissingText);
    return;
  }

  if (route.endpoint == RriEndpoint::kUpload) {
    Upload(request, route, who.name, response);
    return;
  }
  if (route.endpoint == RriEndpoint::kStatus) {
    Result<TldSettings> settings = repository_.Settings(route.tld);
    Result<std::vector<ReportEntry>> entries =
        settings.ok() ? repository_.List(route.tld) : Result<std::vector<ReportEntry>>(settings.status());
    if (!entries.ok()) {
      spdlog::error("rri: status of .{}: {}", route.tld, entries.status().message());
      PlainText(response, 500, "Internal error");
      return;
    }
    const ReportingSummary summary = SummarizeReporting(*settings, *entries, clock_.Now());
    response.SetBody(200, "application/json", RenderSummaryJson(summary));
    return;
  }
  Result<std::optional<ReadBack>> read = ReadReport(repository_, route);
  if (!read.ok()) {
    spdlog::error("rri: read-back {}: {}", request.path, read.status().message());
    PlainText(response, 500, "Internal error");
    return;
  }
  if (!*read) {
    response.SetEmpty(404);
    return;
  }
  response.SetBody(200, (*read)->content_type, (*read)->body);
}

void RriHandler::Upload(const http::Request& request, const RriRoute& route,
                        const std::string& who, http::Response& response) {
  Result<TldSettings> settings = repository_.Settings(route.tld);
  if (!settings.ok()) {
    spdlog::error("rri: settings of .{}: {}", route.tld, settings.status().message());
    PlainText(response, 500, "Internal error");
    return;
  }
  IntakeContext ctx;
  ctx.settings = std::move(*settings);
  ctx.now = clock_.Now();
  ctx.uploaded_by = who;
  if (route.type == ReportType::kRegistrarTransactions && options_.accredited_registrars) {
    std::vector<std::int64_t> ids = options_.accredited_registrars();
    if (!ids.empty()) {
      ctx.accredited = [set = std::set<std::int64_t>(ids.begin(), ids.end())](std::int64_t id) {
        return set.count(id) > 0;
      };
    }
  }
  Result<Verdict> verdict = intake_.Accept(route, request.body, ctx);
  if (!verdict.ok()) {
    // Nothing was stored; a client retries on 5xx (rri.md §3).
    spdlog::error("rri: {} of .{} could not be stored: {}", ReportTypeName(route.type), route.tld,
                  verdict.status().message());
    PlainText(response, 500, "Internal error: the report was not stored; send it again");
    return;
  }
  if (verdict->accepted()) {
    spdlog::info("rri: accepted {} of .{} {} from {} ({} bytes)", ReportTypeName(route.type),
                 route.tld, route.period, who, request.body.size());
  } else {
    spdlog::info("rri: rejected {} of .{} {} from {}: {} {}", ReportTypeName(route.type),
                 route.tld, route.period, who, static_cast<int>(verdict->code),
                 verdict->description);
  }
  response.SetBody(verdict->accepted() ? 200 : 400, "text/xml; charset=utf-8",
                   IirdeaResponse(*verdict));
}

}  // namespace tldmon::rri

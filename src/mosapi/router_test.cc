// Router table tests: every route of mosapi-api.md §2.4 / §6 and every kind
// of 404 (§5 project default: unknown id, version, service → 404).
#include "mosapi/router.h"

#include <gtest/gtest.h>

#include <string>

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

struct Hit {
  std::string path;
  RouteKind kind;
  std::string store_path;  // "" for routes not backed by a document
};

RouteMatch Match(std::string_view path) {
  static thread_local std::string scratch;
  return MatchRoute(path, scratch);
}

TEST(Router, EveryRouteOfTheGrammar) {
  const Hit hits[] = {
      {"/healthz", RouteKind::kHealthz, ""},
      {"/metrics", RouteKind::kMetrics, ""},
      {"/openapi.json", RouteKind::kOpenApi, ""},
      {"/ry/example/login", RouteKind::kLogin, ""},
      {"/ry/example/logout", RouteKind::kLogout, ""},
      {"/rr/9999/login", RouteKind::kLogin, ""},
      {"/ry/example/v2/monitoring/state", RouteKind::kMonitoringState,
       "ry/example/v2/monitoring/state"},
      {"/ry/example/v1/monitoring/state", RouteKind::kMonitoringState,
       "ry/example/v1/monitoring/state"},
      {"/rr/9999/v2/monitoring/state", RouteKind::kMonitoringState, "rr/9999/v2/monitoring/state"},
      {"/ry/example/v2/monitoring/dns/alarmed", RouteKind::kServiceAlarmed,
       "ry/example/v2/monitoring/dns/alarmed"},
      {"/ry/example/v2/monitoring/dnssec/downtime", RouteKind::kServiceDowntime,
       "ry/example/v2/monitoring/dnssec/downtime"},
      {"/ry/example/v2/monitoring/epp/alarmed", RouteKind::kServiceAlarmed,
       "ry/example/v2/monitoring/epp/alarmed"},
      {"/ry/example/v2/monitoring/rdap/incidents", RouteKind::kIncidentList,
       "ry/example/v2/monitoring/rdap/incidents"},
      {"/ry/example/v2/monitoring/rdds/incidents/1611252000.2/state", RouteKind::kIncidentState,
       "ry/example/v2/monitoring/rdds/incidents/1611252000.2/state"},
      {"/ry/example/v2/monitoring/dns/incidents/1495811850.1700/falsePositive",
       RouteKind::kIncidentFalsePositive,
       "ry/example/v2/monitoring/dns/incidents/1495811850.1700/falsePositive"},
      {"/ry/example/v2/monitoring/dns/incidents/1495811850.1700/measurements",
       RouteKind::kIncidentMeasurements,
       "ry/example/v2/monitoring/dns/incidents/1495811850.1700/measurements"},
      // §6.5: the listed name, or the same without ".json".
      {"/ry/example/v2/monitoring/dns/incidents/1495811850.1700/measurements/1495811880.1701.json",
       RouteKind::kIncidentMeasurement,
       "ry/example/v2/monitoring/dns/incidents/1495811850.1700/measurements/1495811880.1701.json"},
      {"/ry/example/v2/monitoring/dns/incidents/1495811850.1700/measurements/1495811880.1701",
       RouteKind::kIncidentMeasurement,
       "ry/example/v2/monitoring/dns/incidents/1495811850.1700/measurements/1495811880.1701.json"},
      {"/ry/example/v2/monitoring/dns/measurements", RouteKind::kMeasurementYears,
       "ry/example/v2/monitoring/dns/measurements"},
      {"/ry/example/v2/monitoring/dns/measurements/2015", RouteKind::kMeasurementMonths,
       "ry/example/v2/monitoring/dns/measurements/2015"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/01", RouteKind::kMeasurementDays,
       "ry/example/v2/monitoring/dns/measurements/2015/01"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/01/29", RouteKind::kMeasurementList,
       "ry/example/v2/monitoring/dns/measurements/2015/01/29"},
      // §6.9 example id 1422492930 = 2015-01-29T00:55:30Z.
      {"/ry/example/v2/monitoring/dns/measurements/2015/01/29/1422492930.json",
       RouteKind::kMeasurement,
       "ry/example/v2/monitoring/dns/measurements/2015/01/29/1422492930.json"},
      {"/rr/9999/v2/monitoring/rdap/measurements/2015/01/29/1422492930.json",
       RouteKind::kMeasurement, "rr/9999/v2/monitoring/rdap/measurements/2015/01/29/1422492930.json"},
      {"/ry/example/v2/metrica/domainList/latest", RouteKind::kMetricaLatest,
       "ry/example/v2/metrica/domainList/latest"},
      {"/ry/example/v2/metrica/domainList/2025-01-01", RouteKind::kMetricaByDate,
       "ry/example/v2/metrica/domainList/2025-01-01"},
      {"/rr/9999/v2/metrica/domainList/2024-02-29", RouteKind::kMetricaByDate,
       "rr/9999/v2/metrica/domainList/2024-02-29"},
      {"/ry/example/v2/metrica/domainLists", RouteKind::kMetricaLists, ""},
      {"/ry/example/v2/registrarRdapBaseUrl/list", RouteKind::kRegistrarRdapBaseUrlList,
       "ry/example/v2/registrarRdapBaseUrl/list"},
      {"/ry/example/v1/registrarRdapBaseUrl/list", RouteKind::kRegistrarRdapBaseUrlList,
       "ry/example/v1/registrarRdapBaseUrl/list"},
      {"/ry/example/v2/maintenance", RouteKind::kMaintenanceList, ""},
      {"/ry/example/v2/maintenance/q1-rdds-upgrade", RouteKind::kMaintenanceWindow, ""},
      {"/ry/example/v2/probeNodes", RouteKind::kProbeNodes, ""},
      {"/rr/9999/v2/probeNodes", RouteKind::kProbeNodes, ""},
      // §2.2 project default: the root zone's id.
      {"/ry/zz--root/v2/monitoring/state", RouteKind::kMonitoringState,
       "ry/zz--root/v2/monitoring/state"},
      {"/ry/xn--p1ai/v2/monitoring/state", RouteKind::kMonitoringState,
       "ry/xn--p1ai/v2/monitoring/state"},
  };
  bool seen[kRouteKindCount] = {};
  for (const Hit& h : hits) {
    SCOPED_TRACE(h.path);
    const RouteMatch m = Match(h.path);
    ASSERT_TRUE(m.ok()) << static_cast<int>(m.error) << " at " << m.detail;
    EXPECT_EQ(m.route.kind, h.kind);
    std::string store;
    EXPECT_EQ(AppendStorePath(m.route, store), !h.store_path.empty());
    EXPECT_EQ(store, h.store_path);
    std::string canonical;
    AppendCanonicalPath(m.route, canonical);
    if (!h.store_path.empty()) {
      EXPECT_EQ(canonical, "/" + h.store_path);
    }
    seen[static_cast<int>(h.kind)] = true;
  }
  for (int k = 0; k < kRouteKindCount; ++k) {
    EXPECT_TRUE(seen[k]) << "route kind " << k << " untested";
  }
}

TEST(Router, ExtractsTypedFields) {
  RouteMatch m = Match("/rr/1448/v2/monitoring/rdds/incidents/1611252000.2/state");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m.route.entity_kind, EntityKind::kRegistrar);
  EXPECT_EQ(m.route.entity_id, "1448");
  EXPECT_EQ(m.route.entity(), (EntityId{EntityKind::kRegistrar, "1448"}));
  EXPECT_EQ(m.route.version, 2);
  EXPECT_EQ(m.route.service, Service::kRdds);
  EXPECT_EQ(m.route.incident_id, "1611252000.2");

  m = Match("/ry/example/v2/monitoring/dns/measurements/2015/01/29/1422492930.json");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m.route.year, 2015);
  EXPECT_EQ(m.route.month, 1);
  EXPECT_EQ(m.route.day, 29);
  EXPECT_EQ(m.route.measurement_id, "1422492930.json");

  m = Match("/ry/example/v2/metrica/domainList/2025-01-31");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m.route.date, (CivilDate{2025, 1, 31}));

  m = Match("/ry/example/login");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m.route.version, 0);
  EXPECT_TRUE(m.route.entity_scoped());
  EXPECT_FALSE(Match("/healthz").route.entity_scoped());
}

struct Miss {
  std::string path;
  ApiErrorKind error;
  std::string detail;
};

TEST(Router, EveryNotFoundPath) {
  const Miss misses[] = {
      // Not a route shape at all.
      {"/", ApiErrorKind::kUnknownPath, "/"},
      {"", ApiErrorKind::kUnknownPath, ""},
      {"*", ApiErrorKind::kUnknownPath, "*"},
      {"/health", ApiErrorKind::kUnknownPath, "health"},
      {"/ry/example", ApiErrorKind::kUnknownPath, "example"},
      {"/ry/example/v2", ApiErrorKind::kUnknownPath, "v2"},
      {"/ry/example/v2/monitoring", ApiErrorKind::kUnknownPath, "monitoring"},
      {"/ry/example/v2/monitoring/state/", ApiErrorKind::kUnknownPath,
       "/ry/example/v2/monitoring/state/"},
      {"/ry//example/v2/monitoring/state", ApiErrorKind::kUnknownPath,
       "/ry//example/v2/monitoring/state"},
      {"/ry/example/v2/monitoring/state/x", ApiErrorKind::kUnknownPath, "x"},
      {"/ry/example/v2/nothing", ApiErrorKind::kUnknownPath, "nothing"},
      {"/ry/example/v2/monitoring/dns", ApiErrorKind::kUnknownPath, "dns"},
      {"/ry/example/v2/monitoring/dns/status", ApiErrorKind::kUnknownPath, "status"},
      {"/ry/example/v2/monitoring/dns/alarmed/x", ApiErrorKind::kUnknownPath, "x"},
      {"/ry/example/v2/monitoring/dns/incidents/1.2", ApiErrorKind::kUnknownPath, "1.2"},
      {"/ry/example/v2/monitoring/dns/incidents/1.2/other", ApiErrorKind::kUnknownPath, "other"},
      // The detail is the first segment no template accepts.
      {"/ry/example/v2/monitoring/dns/incidents/1.2/state/x", ApiErrorKind::kUnknownPath, "x"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/01/29/1422492930.json/x",
       ApiErrorKind::kUnknownPath, "x"},
      {"/ry/example/v2/metrica", ApiErrorKind::kUnknownPath, "metrica"},
      {"/ry/example/v2/metrica/domainList", ApiErrorKind::kUnknownPath, "domainList"},
      {"/ry/example/v2/registrarRdapBaseUrl", ApiErrorKind::kUnknownPath, "registrarRdapBaseUrl"},
      // §2.2: login/logout are unversioned; "/v2/login" is 404.
      {"/ry/example/v2/login", ApiErrorKind::kUnknownPath, "login"},
      {"/ry/example/login/x", ApiErrorKind::kUnknownPath, "x"},
      {"/ry/example/v2/maintenance/a/b", ApiErrorKind::kUnknownPath, "b"},
      {"/ry/example/v2/probeNodes/x", ApiErrorKind::kUnknownPath, "x"},
      {"/ry/example/v2/monitoring/state/x", ApiErrorKind::kUnknownPath, "x"},
      // §2.3: the legacy prefix is not served.
      {"/mosapi/v1/example/login", ApiErrorKind::kUnknownEntityKind, "mosapi"},
      // Registry-only resources asked of a registrar (§6.7, §6.13).
      {"/rr/9999/v2/registrarRdapBaseUrl/list", ApiErrorKind::kUnknownPath, "registrarRdapBaseUrl"},
      {"/rr/9999/v2/maintenance", ApiErrorKind::kUnknownPath, "maintenance"},
      // Unknown entity kind.
      {"/rx/example/v2/monitoring/state", ApiErrorKind::kUnknownEntityKind, "rx"},
      {"/RY/example/v2/monitoring/state", ApiErrorKind::kUnknownEntityKind, "RY"},
      // Bad ids.
      {"/ry/Example/v2/monitoring/state", ApiErrorKind::kInvalidEntityId, "Example"},
      {"/ry/-example/v2/monitoring/state", ApiErrorKind::kInvalidEntityId, "-example"},
      {"/ry/exa_mple/v2/monitoring/state", ApiErrorKind::kInvalidEntityId, "exa_mple"},
      {"/ry/" + std::string(64, 'a') + "/v2/monitoring/state", ApiErrorKind::kInvalidEntityId,
       std::string(64, 'a')},
      {"/rr/09999/v2/monitoring/state", ApiErrorKind::kInvalidEntityId, "09999"},
      {"/rr/abc/v2/monitoring/state", ApiErrorKind::kInvalidEntityId, "abc"},
      {"/rr/4294967296/v2/monitoring/state", ApiErrorKind::kInvalidEntityId, "4294967296"},
      // Unknown version.
      {"/ry/example/v3/monitoring/state", ApiErrorKind::kUnknownVersion, "v3"},
      {"/ry/example/V2/monitoring/state", ApiErrorKind::kUnknownVersion, "V2"},
      {"/ry/example/2/monitoring/state", ApiErrorKind::kUnknownVersion, "2"},
      // Unknown service, including services the entity or tree lacks.
      {"/ry/example/v2/monitoring/whois/alarmed", ApiErrorKind::kUnknownService, "whois"},
      {"/ry/example/v2/monitoring/DNS/alarmed", ApiErrorKind::kUnknownService, "DNS"},
      {"/rr/9999/v2/monitoring/dns/alarmed", ApiErrorKind::kUnknownService, "dns"},
      {"/rr/9999/v2/monitoring/dnssec/downtime", ApiErrorKind::kUnknownService, "dnssec"},
      {"/rr/9999/v2/monitoring/epp/alarmed", ApiErrorKind::kUnknownService, "epp"},
      {"/ry/example/v1/monitoring/rdap/alarmed", ApiErrorKind::kUnknownService, "rdap"},
      {"/rr/9999/v1/monitoring/rdap/alarmed", ApiErrorKind::kUnknownService, "rdap"},
      // Malformed ids below a service.
      {"/ry/example/v2/monitoring/dns/incidents/abc/state", ApiErrorKind::kMalformedId, "abc"},
      {"/ry/example/v2/monitoring/dns/incidents/1611252000/state", ApiErrorKind::kMalformedId,
       "1611252000"},
      {"/ry/example/v2/monitoring/dns/incidents/1.2.3/state", ApiErrorKind::kMalformedId, "1.2.3"},
      {"/ry/example/v2/monitoring/dns/incidents/.2/state", ApiErrorKind::kMalformedId, ".2"},
      {"/ry/example/v2/monitoring/dns/incidents/1.2/measurements/x.json",
       ApiErrorKind::kMalformedId, "x.json"},
      {"/ry/example/v2/monitoring/dns/measurements/15", ApiErrorKind::kMalformedId, "15"},
      {"/ry/example/v2/monitoring/dns/measurements/1969", ApiErrorKind::kMalformedId, "1969"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/13", ApiErrorKind::kMalformedId, "13"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/1", ApiErrorKind::kMalformedId, "1"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/00", ApiErrorKind::kMalformedId, "00"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/02/29", ApiErrorKind::kMalformedId, "29"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/01/32", ApiErrorKind::kMalformedId, "32"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/01/29/latest.json",
       ApiErrorKind::kMalformedId, "latest.json"},
      {"/ry/example/v2/monitoring/dns/measurements/2015/01/29/-1.json", ApiErrorKind::kMalformedId,
       "-1.json"},
      // A well-formed id of another day's cycle is not in this day (§6.9).
      {"/ry/example/v2/monitoring/dns/measurements/2015/01/28/1422492930.json",
       ApiErrorKind::kNotFound, "1422492930.json"},
      {"/ry/example/v2/metrica/domainList/2025-02-30", ApiErrorKind::kMalformedId, "2025-02-30"},
      {"/ry/example/v2/metrica/domainList/20250101", ApiErrorKind::kMalformedId, "20250101"},
      {"/ry/example/v2/metrica/domainList/yesterday", ApiErrorKind::kMalformedId, "yesterday"},
      {"/ry/example/v2/maintenance/..", ApiErrorKind::kMalformedId, ".."},
      {"/ry/example/v2/maintenance/a b", ApiErrorKind::kMalformedId, "a b"},
      {"/ry/example/v2/maintenance/" + std::string(65, 'x'), ApiErrorKind::kMalformedId,
       std::string(65, 'x')},
      // Escapes that would change the path's structure, and broken escapes.
      {"/ry/example%2Fv2/monitoring/state", ApiErrorKind::kUnknownPath,
       "/ry/example%2Fv2/monitoring/state"},
      {"/ry/example/v2/monitoring/state%00", ApiErrorKind::kUnknownPath,
       "/ry/example/v2/monitoring/state%00"},
      {"/ry/example/v2/monitoring/stat%", ApiErrorKind::kUnknownPath,
       "/ry/example/v2/monitoring/stat%"},
      {"/ry/example/v2/monitoring/stat%6", ApiErrorKind::kUnknownPath,
       "/ry/example/v2/monitoring/stat%6"},
      {"/ry/example/v2/monitoring/stat%zz", ApiErrorKind::kUnknownPath,
       "/ry/example/v2/monitoring/stat%zz"},
      // Too many segments.
      {"/a/b/c/d/e/f/g/h/i/j/k/l/m", ApiErrorKind::kUnknownPath, "/a/b/c/d/e/f/g/h/i/j/k/l/m"},
  };
  for (const Miss& m : misses) {
    SCOPED_TRACE(m.path);
    const RouteMatch r = Match(m.path);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.error, m.error);
    EXPECT_EQ(r.detail, m.detail);
    EXPECT_EQ(ErrorInfo(r.error).http_status, 404);
  }
}

TEST(Router, PercentEscapesAreDecoded) {
  // Go's client path-escapes the date (§10.3); an escaped unreserved
  // character is the same URI (RFC 3986 §6.2.2.2).
  RouteMatch m = Match("/ry/example/v2/metrica/domainList/2025%2D01%2d01");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m.route.kind, RouteKind::kMetricaByDate);
  EXPECT_EQ(m.route.date, (CivilDate{2025, 1, 1}));
  m = Match("/%72y/ex%61mple/v2/monitoring/state");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m.route.entity_id, "example");
}

TEST(Router, MethodsPerRoute) {
  // §4.2: login by GET and POST; data endpoints are read-only; §6.7:
  // maintenance windows are created with PUT (or POST) and deleted.
  EXPECT_TRUE(Info(RouteKind::kLogin).methods.Contains(Method::kPost));
  EXPECT_FALSE(Info(RouteKind::kMonitoringState).methods.Contains(Method::kPost));
  EXPECT_EQ(Info(RouteKind::kMonitoringState).methods.AllowHeader(), "GET, HEAD");
  EXPECT_EQ(Info(RouteKind::kMaintenanceWindow).methods.AllowHeader(),
            "GET, HEAD, POST, PUT, DELETE");
  EXPECT_EQ(Info(RouteKind::kMaintenanceList).methods.AllowHeader(), "GET, HEAD");
  for (const RouteInfo& info : AllRouteInfos()) {
    EXPECT_TRUE(info.methods.Contains(Method::kGet)) << info.name;
    // Every read also answers HEAD; login and logout act, so they do not.
    const bool acts = info.kind == RouteKind::kLogin || info.kind == RouteKind::kLogout;
    EXPECT_EQ(info.methods.Contains(Method::kHead), !acts) << info.name;
  }
}

TEST(Router, RolesFollowTheUnlocksTable) {
  // mosapi-api.md §4.5.
  EXPECT_EQ(Info(RouteKind::kMonitoringState).role, RequiredRole::kSlamData);
  EXPECT_EQ(Info(RouteKind::kMeasurement).role, RequiredRole::kSlamData);
  EXPECT_EQ(Info(RouteKind::kMetricaLists).role, RequiredRole::kDaarData);
  EXPECT_EQ(Info(RouteKind::kRegistrarRdapBaseUrlList).role, RequiredRole::kRdapBaseUrlList);
  EXPECT_EQ(Info(RouteKind::kMaintenanceWindow).role, RequiredRole::kMaintenanceWindow);
  EXPECT_EQ(Info(RouteKind::kProbeNodes).role, RequiredRole::kProbeNodeList);
  EXPECT_EQ(Info(RouteKind::kHealthz).role, RequiredRole::kNone);
}

TEST(SplitTarget, OriginAndAbsoluteForm) {
  TargetParts p = SplitTarget("/ry/x/v2/metrica/domainLists?endDate=2025-01-31&startDate=2025-01-01");
  EXPECT_EQ(p.path, "/ry/x/v2/metrica/domainLists");
  EXPECT_EQ(p.query, "endDate=2025-01-31&startDate=2025-01-01");
  p = SplitTarget("/healthz");
  EXPECT_EQ(p.path, "/healthz");
  EXPECT_EQ(p.query, "");
  p = SplitTarget("https://mosapi.example:8443/ry/x/v2/monitoring/state?a=1#frag");
  EXPECT_EQ(p.path, "/ry/x/v2/monitoring/state");
  EXPECT_EQ(p.query, "a=1");
  p = SplitTarget("http://host");
  EXPECT_EQ(p.path, "/");
  p = SplitTarget("http://host?x=1");
  EXPECT_EQ(p.path, "/");
  EXPECT_EQ(p.query, "x=1");
}

}  // namespace
}  // namespace tldmon::mosapi

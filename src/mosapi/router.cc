#include "mosapi/router.h"

#include <array>
#include <charconv>

#include "core/mosapi_path.h"

namespace tldmon::mosapi {
namespace {

constexpr std::size_t kMaxSegments = 12;

struct Segments {
  std::array<std::string_view, kMaxSegments> s;
  std::size_t n = 0;
};

// Splits "/a/b/c" into {a,b,c}. False for a path not starting with '/', an
// empty segment ("//", trailing '/') or too many segments: no route has them.
bool Split(std::string_view path, Segments& out) {
  if (path.size() < 2 || path.front() != '/') return false;
  std::size_t pos = 1;
  while (true) {
    const std::size_t slash = path.find('/', pos);
    const std::string_view seg =
        path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    if (seg.empty() || out.n == kMaxSegments) return false;
    out.s[out.n++] = seg;
    if (slash == std::string_view::npos) return true;
    pos = slash + 1;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes percent-escapes into `out`; false on a malformed escape or one that
// would create a separator ('/') or a NUL.
bool DecodePath(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    const char c = static_cast<char>(hi * 16 + lo);
    if (c == '/' || c == '\0') return false;
    out.push_back(c);
    i += 2;
  }
  return true;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool ParseFixedInt(std::string_view s, std::size_t width, int& out) {
  if (s.size() != width || !AllDigits(s)) return false;
  std::from_chars(s.data(), s.data() + s.size(), out);
  return true;
}

int DaysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// "<startTime>.<eventID>": SLAM's incident id (§6.5).
bool ValidIncidentId(std::string_view s) {
  const std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view a = s.substr(0, dot), b = s.substr(dot + 1);
  return a.size() <= 19 && b.size() <= 19 && AllDigits(a) && AllDigits(b);
}

std::string_view StripJson(std::string_view s) {
  constexpr std::string_view kJson = ".json";
  if (s.size() > kJson.size() && s.substr(s.size() - kJson.size()) == kJson)
    return s.substr(0, s.size() - kJson.size());
  return s;
}

// Incident measurement: "<cycleTs>.<eventID>.json", ".json" optional (§6.5).
bool ValidIncidentMeasurementId(std::string_view s) { return ValidIncidentId(StripJson(s)); }

// Recent measurement: "<cycleTs>.json", ".json" optional (§6.9).
bool ParseMeasurementTimestamp(std::string_view s, UnixSeconds& ts) {
  const std::string_view digits = StripJson(s);
  if (digits.size() > 12 || !AllDigits(digits)) return false;
  std::from_chars(digits.data(), digits.data() + digits.size(), ts);
  return true;
}

// 1–64 characters of [A-Za-z0-9._-], not "." or ".." (§6.7 project default).
bool ValidScheduleId(std::string_view s) {
  if (s.empty() || s.size() > 64 || s == "." || s == "..") return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Services an entity has in a tree: registrars only rdds/rdap (§2.2); the v1
// tree has no standalone RDAP (§6.10).
bool ServiceExists(EntityKind kind, int version, Service s) {
  if (s == Service::kRdap && version == 1) return false;
  if (kind == EntityKind::kRegistrar) return s == Service::kRdds || s == Service::kRdap;
  return true;
}

RouteMatch Fail(ApiErrorKind kind, std::string_view detail) {
  RouteMatch m;
  m.error = kind;
  m.detail = detail;
  return m;
}

RouteMatch Ok(const Route& r) {
  RouteMatch m;
  m.route = r;
  return m;
}

// Below B/monitoring/<service>/ (§2.4 rows 4–10, 17–21).
RouteMatch MatchServiceResource(Route r, const std::string_view* seg, std::size_t n) {
  const std::string_view head = seg[0];
  if (head == "alarmed" || head == "downtime") {
    if (n != 1) return Fail(ApiErrorKind::kUnknownPath, seg[1]);
    r.kind = head == "alarmed" ? RouteKind::kServiceAlarmed : RouteKind::kServiceDowntime;
    return Ok(r);
  }
  if (head == "incidents") {
    if (n == 1) {
      r.kind = RouteKind::kIncidentList;
      return Ok(r);
    }
    if (!ValidIncidentId(seg[1])) return Fail(ApiErrorKind::kMalformedId, seg[1]);
    r.incident_id = seg[1];
    if (n == 2) return Fail(ApiErrorKind::kUnknownPath, seg[1]);
    const std::string_view what = seg[2];
    if (what == "state" && n == 3) {
      r.kind = RouteKind::kIncidentState;
    } else if (what == "falsePositive" && n == 3) {
      r.kind = RouteKind::kIncidentFalsePositive;
    } else if (what == "measurements" && n == 3) {
      r.kind = RouteKind::kIncidentMeasurements;
    } else if (what == "measurements" && n == 4) {
      if (!ValidIncidentMeasurementId(seg[3])) return Fail(ApiErrorKind::kMalformedId, seg[3]);
      r.kind = RouteKind::kIncidentMeasurement;
      r.measurement_id = seg[3];
    } else {
      return Fail(ApiErrorKind::kUnknownPath, what);
    }
    return Ok(r);
  }
  if (head == "measurements") {
    if (n > 5) return Fail(ApiErrorKind::kUnknownPath, seg[5]);
    r.kind = RouteKind::kMeasurementYears;
    if (n == 1) return Ok(r);
    if (!ParseFixedInt(seg[1], 4, r.year) || r.year < 1970)
      return Fail(ApiErrorKind::kMalformedId, seg[1]);
    r.kind = RouteKind::kMeasurementMonths;
    if (n == 2) return Ok(r);
    if (!ParseFixedInt(seg[2], 2, r.month) || r.month < 1 || r.month > 12)
      return Fail(ApiErrorKind::kMalformedId, seg[2]);
    r.kind = RouteKind::kMeasurementDays;
    if (n == 3) return Ok(r);
    if (!ParseFixedInt(seg[3], 2, r.day) || r.day < 1 || r.day > DaysIn(r.year, r.month))
      return Fail(ApiErrorKind::kMalformedId, seg[3]);
    r.kind = RouteKind::kMeasurementList;
    if (n == 4) return Ok(r);
    UnixSeconds ts = 0;
    if (!ParseMeasurementTimestamp(seg[4], ts)) return Fail(ApiErrorKind::kMalformedId, seg[4]);
    // Directories are UTC dates of the cycle (§6.9): another day's cycle is not here.
    if (ToCivilDate(ts) != CivilDate{r.year, r.month, r.day})
      return Fail(ApiErrorKind::kNotFound, seg[4]);
    r.kind = RouteKind::kMeasurement;
    r.measurement_id = seg[4];
    return Ok(r);
  }
  return Fail(ApiErrorKind::kUnknownPath, head);
}

// Below B = /<entity>/<id>/<version>/.
RouteMatch MatchVersioned(Route r, const std::string_view* seg, std::size_t n) {
  const std::string_view head = seg[0];
  if (head == "monitoring") {
    if (n < 2) return Fail(ApiErrorKind::kUnknownPath, head);
    if (seg[1] == "state") {
      if (n != 2) return Fail(ApiErrorKind::kUnknownPath, seg[2]);
      r.kind = RouteKind::kMonitoringState;
      return Ok(r);
    }
    const auto service = ParseServicePath(seg[1]);
    if (!service || !ServiceExists(r.entity_kind, r.version, *service))
      return Fail(ApiErrorKind::kUnknownService, seg[1]);
    if (n < 3) return Fail(ApiErrorKind::kUnknownPath, seg[1]);
    r.service = service;
    return MatchServiceResource(r, seg + 2, n - 2);
  }
  if (head == "metrica") {
    if (n == 2 && seg[1] == "domainLists") {
      r.kind = RouteKind::kMetricaLists;
      return Ok(r);
    }
    if (n == 3 && seg[1] == "domainList") {
      if (seg[2] == "latest") {
        r.kind = RouteKind::kMetricaLatest;
        return Ok(r);
      }
      const auto date = ParseDate(seg[2]);
      if (!date) return Fail(ApiErrorKind::kMalformedId, seg[2]);
      r.kind = RouteKind::kMetricaByDate;
      r.date = *date;
      return Ok(r);
    }
    return Fail(ApiErrorKind::kUnknownPath, n > 1 ? seg[1] : head);
  }
  // Registry-only resources: the RDAP base URL list (§6.13) and TLD maintenance windows (§6.7).
  const bool registry = r.entity_kind == EntityKind::kRegistry;
  if (head == "registrarRdapBaseUrl" && registry && n == 2 && seg[1] == "list") {
    r.kind = RouteKind::kRegistrarRdapBaseUrlList;
    return Ok(r);
  }
  if (head == "maintenance" && registry && n <= 2) {
    if (n == 1) {
      r.kind = RouteKind::kMaintenanceList;
      return Ok(r);
    }
    if (!ValidScheduleId(seg[1])) return Fail(ApiErrorKind::kMalformedId, seg[1]);
    r.kind = RouteKind::kMaintenanceWindow;
    r.schedule_id = seg[1];
    return Ok(r);
  }
  if (head == "probeNodes" && n == 1) {
    r.kind = RouteKind::kProbeNodes;
    return Ok(r);
  }
  return Fail(ApiErrorKind::kUnknownPath, head);
}

}  // namespace

RouteMatch MatchRoute(std::string_view path, std::string& scratch) {
  if (path.find('%') != std::string_view::npos) {
    if (!DecodePath(path, scratch)) return Fail(ApiErrorKind::kUnknownPath, path);
    path = scratch;
  }
  Segments segs;
  if (!Split(path, segs)) return Fail(ApiErrorKind::kUnknownPath, path);
  const auto& s = segs.s;
  Route r;
  if (segs.n == 1) {
    if (s[0] == "healthz") r.kind = RouteKind::kHealthz;
    else if (s[0] == "metrics") r.kind = RouteKind::kMetrics;
    else if (s[0] == "openapi.json") r.kind = RouteKind::kOpenApi;
    else return Fail(ApiErrorKind::kUnknownPath, s[0]);
    return Ok(r);
  }
  if (s[0] == "ry") {
    r.entity_kind = EntityKind::kRegistry;
  } else if (s[0] == "rr") {
    r.entity_kind = EntityKind::kRegistrar;
  } else {
    return Fail(ApiErrorKind::kUnknownEntityKind, s[0]);
  }
  if (!EntityId::ValidateId(r.entity_kind, s[1]).ok())
    return Fail(ApiErrorKind::kInvalidEntityId, s[1]);
  r.entity_id = s[1];
  if (segs.n == 2) return Fail(ApiErrorKind::kUnknownPath, s[1]);
  // login/logout are not versioned (§2.2): "/v2/login" is 404.
  if (segs.n == 3 && (s[2] == "login" || s[2] == "logout")) {
    r.kind = s[2] == "login" ? RouteKind::kLogin : RouteKind::kLogout;
    return Ok(r);
  }
  if (s[2] == "v1") r.version = 1;
  else if (s[2] == "v2") r.version = 2;
  else return Fail(ApiErrorKind::kUnknownVersion, s[2]);
  if (segs.n == 3) return Fail(ApiErrorKind::kUnknownPath, s[2]);
  return MatchVersioned(r, s.data() + 3, segs.n - 3);
}

namespace {

// RouteKind follows MosapiResource from kLogin on (static_assert in route.cc).
MosapiResource ResourceOf(RouteKind kind) {
  return static_cast<MosapiResource>(static_cast<int>(kind) - static_cast<int>(RouteKind::kLogin));
}

void AppendJsonName(std::string& out, std::string_view id) {
  out += StripJson(id);
  out += ".json";
}

}  // namespace

void AppendCanonicalPath(const Route& r, std::string& out) {
  switch (r.kind) {
    case RouteKind::kHealthz: out += "/healthz"; return;
    case RouteKind::kMetrics: out += "/metrics"; return;
    case RouteKind::kOpenApi: out += "/openapi.json"; return;
    default: break;
  }
  // Entity-scoped: the template of the one URL table (core/mosapi_path.h).
  std::string name;
  MosapiPathValues v;
  v.entity_kind = r.entity_kind;
  v.entity_id = r.entity_id;
  v.version = r.version;
  v.service = r.service.value_or(Service::kDns);
  v.incident_id = r.incident_id;
  if (!r.measurement_id.empty()) {
    AppendJsonName(name, r.measurement_id);
    v.measurement_id = name;
  }
  v.schedule_id = r.schedule_id;
  v.year = r.year;
  v.month = r.month;
  v.day = r.day;
  v.date = r.date;
  AppendMosapiPath(ResourceOf(r.kind), v, out);
}

bool AppendStorePath(const Route& route, std::string& out) {
  if (!route.info().document_backed) return false;
  const std::size_t start = out.size();
  AppendCanonicalPath(route, out);
  out.erase(start, 1);  // the leading '/'
  return true;
}

}  // namespace tldmon::mosapi

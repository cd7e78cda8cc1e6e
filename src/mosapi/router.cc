#include "mosapi/router.h"

#include <array>
#include <charconv>
#include <cstdint>

#include "core/mosapi_path.h"
#include "core/text.h"

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
    const int hi = HexDigitValue(in[i + 1]), lo = HexDigitValue(in[i + 2]);
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

// --- The matcher reads the one URL table (core/mosapi_path.h) --------------

// The placeholders of the table's templates.
enum class Slot : std::uint8_t {
  kLiteral,
  kEntity,
  kId,
  kVersion,
  kService,
  kIncidentId,
  kMeasurementId,
  kYear,
  kMonth,
  kDay,
  kDate,
  kScheduleId,
  kUnknown,  // a placeholder this matcher does not know: a table error
};

constexpr Slot SlotOf(std::string_view segment) {
  if (segment.size() < 2 || segment.front() != '{' || segment.back() != '}') return Slot::kLiteral;
  const std::string_view name = segment.substr(1, segment.size() - 2);
  if (name == "entity") return Slot::kEntity;
  if (name == "id") return Slot::kId;
  if (name == "version") return Slot::kVersion;
  if (name == "service") return Slot::kService;
  if (name == "incidentID") return Slot::kIncidentId;
  if (name == "measurementID") return Slot::kMeasurementId;
  if (name == "yyyy") return Slot::kYear;
  if (name == "mm") return Slot::kMonth;
  if (name == "dd") return Slot::kDay;
  if (name == "date") return Slot::kDate;
  if (name == "scheduleID") return Slot::kScheduleId;
  return Slot::kUnknown;
}

// The table's templates as a tree of segments: the children of a node are
// the literals and (at most one) placeholder that may follow it. Built at
// compile time, so matching is one walk down, as fast as a hand-written
// matcher, and a template added to the table is routed with no change here.
struct Node {
  Slot slot = Slot::kLiteral;                       // how this node's segment is matched
  std::string_view literal;                         // kLiteral: the segment's text
  int resource = -1;                                // a template ends here: its MosapiResource
  int some_resource = 0;                            // one template through here (for Bind)
  bool registry_only = true;                        // every template through here is "ry" only
  std::uint16_t first_child = 0, next_sibling = 0;  // 0: none
};

inline constexpr std::size_t kMaxNodes = 256;

struct SegmentTree {
  std::array<Node, kMaxNodes> nodes{};
  std::size_t size = 1;  // nodes[0] is the root (before the first segment)
  bool overflow = false;
};

constexpr SegmentTree BuildTree() {
  SegmentTree t;
  for (const MosapiPathRow& row : kMosapiPaths) {
    const std::string_view path = row.path_template;
    std::size_t node = 0, pos = 1;  // after the leading '/'
    while (pos <= path.size()) {
      std::size_t slash = path.find('/', pos);
      if (slash == std::string_view::npos) slash = path.size();
      const std::string_view seg = path.substr(pos, slash - pos);
      pos = slash + 1;
      const Slot slot = SlotOf(seg);
      std::size_t child = t.nodes[node].first_child;
      while (child != 0 && !(t.nodes[child].slot == slot &&
                             (slot != Slot::kLiteral || t.nodes[child].literal == seg)))
        child = t.nodes[child].next_sibling;
      if (child == 0) {
        if (t.size == kMaxNodes) {
          t.overflow = true;
          return t;
        }
        child = t.size++;
        t.nodes[child].slot = slot;
        t.nodes[child].literal = seg;
        t.nodes[child].some_resource = static_cast<int>(row.resource);
        t.nodes[child].next_sibling = t.nodes[node].first_child;
        t.nodes[node].first_child = static_cast<std::uint16_t>(child);
      }
      if (!row.registry_only) t.nodes[child].registry_only = false;
      node = child;
    }
    t.nodes[node].resource = static_cast<int>(row.resource);
  }
  return t;
}
constexpr SegmentTree kTree = BuildTree();

constexpr bool TreeIsSound() {
  if (kTree.overflow) return false;
  for (std::size_t i = 0; i < kTree.size; ++i) {
    const Node& n = kTree.nodes[i];
    if (n.slot == Slot::kUnknown || (n.slot == Slot::kLiteral && i != 0 && n.literal.empty()))
      return false;
    int placeholders = 0;
    for (std::size_t c = n.first_child; c != 0; c = kTree.nodes[c].next_sibling)
      placeholders += kTree.nodes[c].slot != Slot::kLiteral;
    // Two different placeholders after one prefix would be ambiguous.
    if (placeholders > 1) return false;
  }
  return true;
}
static_assert(TreeIsSound(), "core/mosapi_path.h: a template the router cannot match");

// Fills the slot of `route` from `seg`; kNone, or the 404 kind that says why
// the segment is not that placeholder. Slots bind left to right, so a check
// may read what the earlier segments bound (the service against the entity
// and version, the day against the year and month).
ApiErrorKind Bind(Slot slot, MosapiResource resource, std::string_view seg, Route& r) {
  switch (slot) {
    case Slot::kEntity:
      if (seg == "ry")
        r.entity_kind = EntityKind::kRegistry;
      else if (seg == "rr")
        r.entity_kind = EntityKind::kRegistrar;
      else
        return ApiErrorKind::kUnknownEntityKind;
      return ApiErrorKind::kNone;
    case Slot::kId:
      if (!EntityId::ValidateId(r.entity_kind, seg).ok()) return ApiErrorKind::kInvalidEntityId;
      r.entity_id = seg;
      return ApiErrorKind::kNone;
    case Slot::kVersion:
      if (seg == "v1")
        r.version = 1;
      else if (seg == "v2")
        r.version = 2;
      else
        return ApiErrorKind::kUnknownVersion;
      return ApiErrorKind::kNone;
    case Slot::kService: {
      const auto service = ParseServicePath(seg);
      if (!service || !ServiceExists(r.entity_kind, r.version, *service))
        return ApiErrorKind::kUnknownService;
      r.service = service;
      return ApiErrorKind::kNone;
    }
    case Slot::kIncidentId:
      if (!ValidIncidentId(seg)) return ApiErrorKind::kMalformedId;
      r.incident_id = seg;
      return ApiErrorKind::kNone;
    case Slot::kMeasurementId:
      if (resource == MosapiResource::kIncidentMeasurement) {
        if (!ValidIncidentMeasurementId(seg)) return ApiErrorKind::kMalformedId;
      } else {
        UnixSeconds ts = 0;
        if (!ParseMeasurementTimestamp(seg, ts)) return ApiErrorKind::kMalformedId;
        // Directories are UTC dates of the cycle (§6.9): another day's cycle is not here.
        if (ToCivilDate(ts) != CivilDate{r.year, r.month, r.day}) return ApiErrorKind::kNotFound;
      }
      r.measurement_id = seg;
      return ApiErrorKind::kNone;
    case Slot::kYear:
      if (!ParseFixedInt(seg, 4, r.year) || r.year < 1970) return ApiErrorKind::kMalformedId;
      return ApiErrorKind::kNone;
    case Slot::kMonth:
      if (!ParseFixedInt(seg, 2, r.month) || r.month < 1 || r.month > 12)
        return ApiErrorKind::kMalformedId;
      return ApiErrorKind::kNone;
    case Slot::kDay:
      if (!ParseFixedInt(seg, 2, r.day) || r.day < 1 || r.day > DaysIn(r.year, r.month))
        return ApiErrorKind::kMalformedId;
      return ApiErrorKind::kNone;
    case Slot::kDate: {
      const auto date = ParseDate(seg);
      if (!date) return ApiErrorKind::kMalformedId;
      r.date = *date;
      return ApiErrorKind::kNone;
    }
    case Slot::kScheduleId:
      if (!ValidScheduleId(seg)) return ApiErrorKind::kMalformedId;
      r.schedule_id = seg;
      return ApiErrorKind::kNone;
    case Slot::kLiteral:
    case Slot::kUnknown:
      break;
  }
  return ApiErrorKind::kUnknownPath;
}

// Walks the segments down the tree. A literal child wins over the
// placeholder ("monitoring/state" is not a service named "state"); a
// placeholder binds and validates the segment. The first segment the tree
// does not accept names the error: the placeholder's own 404 kind (unknown
// entity kind, version, service, malformed id…) or "unknown path".
RouteMatch MatchEntityPath(const Segments& segs) {
  Route r;
  std::size_t node = 0;
  for (std::size_t i = 0; i < segs.n; ++i) {
    const std::string_view seg = segs.s[i];
    const bool registrar = r.entity_kind != EntityKind::kRegistry;
    std::size_t literal = 0, placeholder = 0;
    for (std::size_t c = kTree.nodes[node].first_child; c != 0; c = kTree.nodes[c].next_sibling) {
      const Node& child = kTree.nodes[c];
      if (child.registry_only && registrar) continue;
      if (child.slot != Slot::kLiteral)
        placeholder = c;
      else if (child.literal == seg)
        literal = c;
    }
    if (literal != 0) {
      node = literal;
      continue;
    }
    if (placeholder == 0) return Fail(ApiErrorKind::kUnknownPath, seg);
    const Node& p = kTree.nodes[placeholder];
    const ApiErrorKind error = Bind(p.slot, static_cast<MosapiResource>(p.some_resource), seg, r);
    if (error != ApiErrorKind::kNone) return Fail(error, seg);
    node = placeholder;
  }
  if (kTree.nodes[node].resource < 0) {
    // A prefix of a route ("/ry/example/v2/monitoring"), not a route.
    return Fail(ApiErrorKind::kUnknownPath, segs.s[segs.n - 1]);
  }
  r.kind = RouteKindOf(static_cast<MosapiResource>(kTree.nodes[node].resource));
  return RouteMatch{r, ApiErrorKind::kNone, {}};
}

}  // namespace

RouteMatch MatchRoute(std::string_view path, std::string& scratch) {
  if (path.find('%') != std::string_view::npos) {
    if (!DecodePath(path, scratch)) return Fail(ApiErrorKind::kUnknownPath, path);
    path = scratch;
  }
  Segments segs;
  if (!Split(path, segs)) return Fail(ApiErrorKind::kUnknownPath, path);
  if (segs.n == 1) {
    // The operational endpoints, outside the MoSAPI table.
    Route r;
    if (segs.s[0] == "healthz")
      r.kind = RouteKind::kHealthz;
    else if (segs.s[0] == "metrics")
      r.kind = RouteKind::kMetrics;
    else if (segs.s[0] == "openapi.json")
      r.kind = RouteKind::kOpenApi;
    else
      return Fail(ApiErrorKind::kUnknownPath, segs.s[0]);
    return RouteMatch{r, ApiErrorKind::kNone, {}};
  }
  return MatchEntityPath(segs);
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
    case RouteKind::kHealthz:
      out += "/healthz";
      return;
    case RouteKind::kMetrics:
      out += "/metrics";
      return;
    case RouteKind::kOpenApi:
      out += "/openapi.json";
      return;
    default:
      break;
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

#include "documents/document_paths.h"

#include "core/mosapi_path.h"
#include "documents/json_writer.h"

namespace tldmon::documents {
namespace {

// The DocumentStore path of a resource: its URL path from the one URL table
// (core/mosapi_path.h) without the leading '/' (SLAM's file tree is the URL
// tree, mosapi-api.md §13).
std::string StorePath(MosapiResource r, const MosapiPathValues& v) {
  std::string p;
  p.reserve(96);
  AppendMosapiPath(r, v, p);
  p.erase(0, 1);
  return p;
}

MosapiPathValues Values(const EntityId& e, ApiVersion v, Service s = Service::kDns) {
  MosapiPathValues out;
  out.entity_kind = e.kind;
  out.entity_id = e.id;
  out.version = static_cast<int>(v);
  out.service = s;
  return out;
}

MosapiPathValues IncidentValues(const EntityId& e, ApiVersion v, Service s,
                                std::string_view incident_id) {
  MosapiPathValues out = Values(e, v, s);
  out.incident_id = incident_id;
  return out;
}

// `path` without its last segment (a directory of the tree).
std::string Parent(std::string path) {
  path.resize(path.rfind('/'));
  return path;
}

}  // namespace

std::string MonitoringPath(const EntityId& e, ApiVersion v) { return Parent(StatePath(e, v)); }

std::string StatePath(const EntityId& e, ApiVersion v) {
  return StorePath(MosapiResource::kMonitoringState, Values(e, v));
}

std::string ServicePath(const EntityId& e, ApiVersion v, Service s) {
  return Parent(AlarmedPath(e, v, s));
}

std::string AlarmedPath(const EntityId& e, ApiVersion v, Service s) {
  return StorePath(MosapiResource::kServiceAlarmed, Values(e, v, s));
}

std::string DowntimePath(const EntityId& e, ApiVersion v, Service s) {
  return StorePath(MosapiResource::kServiceDowntime, Values(e, v, s));
}

std::string IncidentListPath(const EntityId& e, ApiVersion v, Service s) {
  return StorePath(MosapiResource::kIncidentList, Values(e, v, s));
}

std::string IncidentPath(const EntityId& e, ApiVersion v, Service s, std::string_view incident_id) {
  return Parent(IncidentStatePath(e, v, s, incident_id));
}

std::string IncidentStatePath(const EntityId& e, ApiVersion v, Service s,
                              std::string_view incident_id) {
  return StorePath(MosapiResource::kIncidentState, IncidentValues(e, v, s, incident_id));
}

std::string FalsePositivePath(const EntityId& e, ApiVersion v, Service s,
                              std::string_view incident_id) {
  return StorePath(MosapiResource::kIncidentFalsePositive, IncidentValues(e, v, s, incident_id));
}

std::string IncidentMeasurementsPath(const EntityId& e, ApiVersion v, Service s,
                                     std::string_view incident_id) {
  return StorePath(MosapiResource::kIncidentMeasurements, IncidentValues(e, v, s, incident_id));
}

std::string IncidentMeasurementPath(const EntityId& e, ApiVersion v, Service s,
                                    std::string_view incident_id,
                                    std::string_view measurement_name) {
  MosapiPathValues values = IncidentValues(e, v, s, incident_id);
  values.measurement_id = measurement_name;
  return StorePath(MosapiResource::kIncidentMeasurement, values);
}

std::string MeasurementsPath(const EntityId& e, ApiVersion v, Service s) {
  return StorePath(MosapiResource::kMeasurementYears, Values(e, v, s));
}

std::string MeasurementYearPath(const EntityId& e, ApiVersion v, Service s, int year) {
  MosapiPathValues values = Values(e, v, s);
  values.year = year;
  return StorePath(MosapiResource::kMeasurementMonths, values);
}

std::string MeasurementMonthPath(const EntityId& e, ApiVersion v, Service s, int year, int month) {
  MosapiPathValues values = Values(e, v, s);
  values.year = year;
  values.month = month;
  return StorePath(MosapiResource::kMeasurementDays, values);
}

std::string MeasurementDayPath(const EntityId& e, ApiVersion v, Service s, const CivilDate& day) {
  MosapiPathValues values = Values(e, v, s);
  values.year = day.year;
  values.month = day.month;
  values.day = day.day;
  return StorePath(MosapiResource::kMeasurementList, values);
}

std::string MeasurementPath(const EntityId& e, ApiVersion v, Service s, UnixSeconds cycle) {
  const CivilDate day = ToCivilDate(cycle);
  std::string name;
  AppendInt(cycle, &name);
  name.append(".json");
  MosapiPathValues values = Values(e, v, s);
  values.year = day.year;
  values.month = day.month;
  values.day = day.day;
  values.measurement_id = name;
  return StorePath(MosapiResource::kMeasurement, values);
}

}  // namespace tldmon::documents

#include "engine/document_paths.h"

#include "engine/json_writer.h"

namespace tldmon::engine {
namespace {

void AppendPadded(int value, int width, std::string* out) {
  std::string digits;
  AppendInt(value, &digits);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out->push_back('0');
  out->append(digits);
}

}  // namespace

std::string MonitoringPath(const EntityId& e, ApiVersion v) {
  std::string p = e.Path();
  p.push_back('/');
  p.append(VersionSegment(v));
  p.append("/monitoring");
  return p;
}

std::string StatePath(const EntityId& e, ApiVersion v) { return MonitoringPath(e, v) + "/state"; }

std::string ServicePath(const EntityId& e, ApiVersion v, Service s) {
  std::string p = MonitoringPath(e, v);
  p.push_back('/');
  p.append(PathName(s));
  return p;
}

std::string AlarmedPath(const EntityId& e, ApiVersion v, Service s) {
  return ServicePath(e, v, s) + "/alarmed";
}

std::string DowntimePath(const EntityId& e, ApiVersion v, Service s) {
  return ServicePath(e, v, s) + "/downtime";
}

std::string IncidentListPath(const EntityId& e, ApiVersion v, Service s) {
  return ServicePath(e, v, s) + "/incidents";
}

std::string IncidentPath(const EntityId& e, ApiVersion v, Service s, std::string_view incident_id) {
  std::string p = IncidentListPath(e, v, s);
  p.push_back('/');
  p.append(incident_id);
  return p;
}

std::string IncidentStatePath(const EntityId& e, ApiVersion v, Service s,
                              std::string_view incident_id) {
  return IncidentPath(e, v, s, incident_id) + "/state";
}

std::string FalsePositivePath(const EntityId& e, ApiVersion v, Service s,
                              std::string_view incident_id) {
  return IncidentPath(e, v, s, incident_id) + "/falsePositive";
}

std::string IncidentMeasurementsPath(const EntityId& e, ApiVersion v, Service s,
                                     std::string_view incident_id) {
  return IncidentPath(e, v, s, incident_id) + "/measurements";
}

std::string IncidentMeasurementPath(const EntityId& e, ApiVersion v, Service s,
                                    std::string_view incident_id,
                                    std::string_view measurement_name) {
  std::string p = IncidentMeasurementsPath(e, v, s, incident_id);
  p.push_back('/');
  p.append(measurement_name);
  return p;
}

std::string MeasurementsPath(const EntityId& e, ApiVersion v, Service s) {
  return ServicePath(e, v, s) + "/measurements";
}

std::string MeasurementYearPath(const EntityId& e, ApiVersion v, Service s, int year) {
  std::string p = MeasurementsPath(e, v, s);
  p.push_back('/');
  AppendPadded(year, 4, &p);
  return p;
}

std::string MeasurementMonthPath(const EntityId& e, ApiVersion v, Service s, int year, int month) {
  std::string p = MeasurementYearPath(e, v, s, year);
  p.push_back('/');
  AppendPadded(month, 2, &p);
  return p;
}

std::string MeasurementDayPath(const EntityId& e, ApiVersion v, Service s, const CivilDate& day) {
  std::string p = MeasurementMonthPath(e, v, s, day.year, day.month);
  p.push_back('/');
  AppendPadded(day.day, 2, &p);
  return p;
}

std::string MeasurementPath(const EntityId& e, ApiVersion v, Service s, UnixSeconds cycle) {
  std::string p = MeasurementDayPath(e, v, s, ToCivilDate(cycle));
  p.push_back('/');
  AppendInt(cycle, &p);
  p.append(".json");
  return p;
}

}  // namespace tldmon::engine

#include "core/mosapi_path.h"

#include <charconv>

namespace tldmon {
namespace {

void AppendPadded(std::string& out, long long v, int width) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  for (int pad = width - static_cast<int>(end - buf); pad > 0; --pad) out.push_back('0');
  out.append(buf, end);
}

void AppendValue(std::string_view name, const MosapiPathValues& v, std::string& out) {
  if (name == "entity") {
    out += KindPrefix(v.entity_kind);
  } else if (name == "id") {
    out += v.entity_id;
  } else if (name == "version") {
    out += v.version == 1 ? "v1" : "v2";
  } else if (name == "service") {
    out += PathName(v.service);
  } else if (name == "incidentID") {
    out += v.incident_id;
  } else if (name == "measurementID") {
    out += v.measurement_id;
  } else if (name == "scheduleID") {
    out += v.schedule_id;
  } else if (name == "yyyy") {
    AppendPadded(out, v.year, 4);
  } else if (name == "mm") {
    AppendPadded(out, v.month, 2);
  } else if (name == "dd") {
    AppendPadded(out, v.day, 2);
  } else if (name == "date") {
    AppendPadded(out, v.date.year, 4);
    out += '-';
    AppendPadded(out, v.date.month, 2);
    out += '-';
    AppendPadded(out, v.date.day, 2);
  }
}

}  // namespace

void AppendMosapiPath(MosapiResource resource, const MosapiPathValues& values, std::string& out) {
  const std::string_view t = MosapiPathTemplate(resource);
  std::size_t pos = 0;
  while (pos < t.size()) {
    const std::size_t open = t.find('{', pos);
    if (open == std::string_view::npos) {
      out.append(t.substr(pos));
      return;
    }
    out.append(t.substr(pos, open - pos));
    const std::size_t close = t.find('}', open);
    AppendValue(t.substr(open + 1, close - open - 1), values, out);
    pos = close + 1;
  }
}

}  // namespace tldmon

#include "admin/maintenance_window.h"

#include "admin/bounded_json.h"
#include "admin/json_fields.h"
#include "admin/maintenance_window_json.h"
#include "admin/utf8.h"

namespace tldmon::admin {
namespace {

// C0 controls, DEL and C1 controls (U+0080–U+009F, "\xC2\x80"–"\xC2\x9F").
bool HasControlCharacter(std::string_view text, bool allow_whitespace) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      if (allow_whitespace && (c == '\t' || c == '\n' || c == '\r')) continue;
      return true;
    }
    if (c == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

// The 2001-class rules on the fields; `path` prefixes messages.
Status CheckFields(const MaintenanceWindow& w, std::string_view path) {
  if (!IsValidScheduleId(w.schedule_id)) {
    return FieldError(MemberPath(path, "scheduleID"), "must be 1-64 characters of [A-Za-z0-9._-]");
  }
  const auto name_length = CountCodePoints(w.name);
  if (!name_length) return FieldError(MemberPath(path, "name"), "not valid UTF-8");
  if (*name_length == 0 || *name_length > kMaxWindowNameLength) {
    return FieldError(MemberPath(path, "name"),
                      "must be 1-100 characters, got " + std::to_string(*name_length));
  }
  if (HasControlCharacter(w.name, /*allow_whitespace=*/false)) {
    return FieldError(MemberPath(path, "name"), "must not contain control characters");
  }
  const auto description_length = CountCodePoints(w.description);
  if (!description_length) return FieldError(MemberPath(path, "description"), "not valid UTF-8");
  if (*description_length > kMaxWindowDescriptionLength) {
    return FieldError(MemberPath(path, "description"), "must be at most 1000 characters, got " +
                                                           std::to_string(*description_length));
  }
  if (HasControlCharacter(w.description, /*allow_whitespace=*/true)) {
    return FieldError(MemberPath(path, "description"),
                      "must not contain control characters other than tab, CR, LF");
  }
  for (const auto& [key, t] : {std::pair<std::string_view, UnixSeconds>{"startTime", w.start_time},
                               {"endTime", w.end_time}}) {
    if (t < 0 || t > kMaxWindowTime) {
      return FieldError(MemberPath(path, key),
                        "must be Unix seconds between 0 and " + std::to_string(kMaxWindowTime));
    }
  }
  return Status::Ok();
}

ExtendedError OrderError(const MaintenanceWindow& w) {
  return ExtendedError{
      ResultCode::kEndTimeNotAfterStart,
      "startTime=" + std::to_string(w.start_time) + ", endTime=" + std::to_string(w.end_time)};
}

}  // namespace

bool IsValidScheduleId(std::string_view id) {
  if (id.empty() || id.size() > kMaxScheduleIdLength) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<ExtendedError> CheckMaintenanceWindow(const MaintenanceWindow& window) {
  const Status fields = CheckFields(window, "$");
  if (!fields.ok()) return ExtendedError{ResultCode::kInvalidInput, fields.message()};
  if (window.end_time <= window.start_time) return OrderError(window);
  return std::nullopt;
}

Result<MaintenanceWindow> ReadMaintenanceWindow(const Json& value, std::string_view path,
                                                std::optional<std::string_view> path_schedule_id) {
  TLDMON_RETURN_IF_ERROR(ExpectObject(value, path));
  TLDMON_RETURN_IF_ERROR(ExpectOnlyMembers(
      value, path, {"version", "scheduleID", "name", "description", "startTime", "endTime"}));
  MaintenanceWindow w;
  if (value.contains("version")) {
    const std::string version_path = MemberPath(path, "version");
    Result<std::int64_t> version = ReadInteger(value["version"], version_path);
    if (!version.ok()) return version.status();
    if (*version != 2) {
      return FieldError(version_path, "must be 2, got " + std::to_string(*version));
    }
  }
  const std::string id_path = MemberPath(path, "scheduleID");
  if (value.contains("scheduleID")) {
    Result<std::string> id = ReadString(value["scheduleID"], id_path);
    if (!id.ok()) return id.status();
    if (path_schedule_id && *id != *path_schedule_id) {
      return FieldError(id_path, "\"" + id->substr(0, kMaxScheduleIdLength + 1) +
                                     "\" does not match the scheduleID in the URL");
    }
    w.schedule_id = std::move(*id);
  } else if (path_schedule_id) {
    w.schedule_id = std::string(*path_schedule_id);
  } else {
    return FieldError(id_path, "missing");
  }
  for (const auto& [key, field] :
       {std::pair<const char*, std::string*>{"name", &w.name}, {"description", &w.description}}) {
    Result<const Json*> member = RequiredMember(value, path, key);
    if (!member.ok()) return member.status();
    Result<std::string> text = ReadString(**member, MemberPath(path, key));
    if (!text.ok()) return text.status();
    *field = std::move(*text);
  }
  for (const auto& [key, field] : {std::pair<const char*, UnixSeconds*>{"startTime", &w.start_time},
                                   {"endTime", &w.end_time}}) {
    Result<const Json*> member = RequiredMember(value, path, key);
    if (!member.ok()) return member.status();
    Result<std::int64_t> t = ReadInteger(**member, MemberPath(path, key));
    if (!t.ok()) return t.status();
    *field = *t;
  }
  TLDMON_RETURN_IF_ERROR(CheckFields(w, path));
  return w;
}

Result<MaintenanceWindow, ExtendedError> ParseMaintenanceWindowRequest(
    std::string_view body, std::string_view path_schedule_id) {
  if (!IsValidScheduleId(path_schedule_id)) {
    return ExtendedError{ResultCode::kInvalidInput,
                         "scheduleID in the URL must be 1-64 characters of [A-Za-z0-9._-]"};
  }
  Result<Json> parsed =
      ParseBoundedJson(body, JsonLimits{kMaxMaintenanceRequestBytes, /*max_depth=*/2});
  if (!parsed.ok()) return ExtendedError{ResultCode::kInvalidInput, parsed.status().message()};
  Result<MaintenanceWindow> window = ReadMaintenanceWindow(*parsed, "$", path_schedule_id);
  if (!window.ok()) return ExtendedError{ResultCode::kInvalidInput, window.status().message()};
  if (window->end_time <= window->start_time) return OrderError(*window);
  return std::move(*window);
}

nlohmann::ordered_json MaintenanceWindowObject(const MaintenanceWindow& window) {
  nlohmann::ordered_json out;
  out["version"] = 2;
  out["scheduleID"] = window.schedule_id;
  out["name"] = window.name;
  out["description"] = window.description;
  out["startTime"] = window.start_time;
  out["endTime"] = window.end_time;
  return out;
}

std::string RenderMaintenanceWindow(const MaintenanceWindow& window) {
  return MaintenanceWindowObject(window).dump(-1, ' ', false,
                                              nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace tldmon::admin

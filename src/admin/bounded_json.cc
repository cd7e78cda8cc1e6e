#include "admin/bounded_json.h"

#include <new>
#include <string>
#include <unordered_set>
#include <vector>

#include "admin/json_fields.h"  // Json

namespace tldmon::admin {
namespace {

// Thrown from the parser callback to stop parsing early; caught below and
// never seen outside this file.
struct Rejected {
  std::string message;
};

// nlohmann's messages start with "[json.exception.parse_error.101] "; the
// bracketed part means nothing to an operator reading an import error.
std::string StripExceptionTag(std::string_view what) {
  if (!what.empty() && what.front() == '[') {
    const std::size_t close = what.find("] ");
    if (close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  return std::string(what);
}

}  // namespace

Result<Json> ParseBoundedJson(std::string_view bytes, const JsonLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return InvalidArgument("input is " + std::to_string(bytes.size()) +
                           " bytes, more than the limit of " + std::to_string(limits.max_bytes));
  }
  // One entry per open container: the keys seen so far (objects) or nothing
  // (arrays). Its size is the current nesting depth.
  std::vector<std::unordered_set<std::string>> open;
  std::vector<bool> is_object;
  const auto callback = [&](int /*depth*/, Json::parse_event_t event, Json& parsed) -> bool {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        if (static_cast<int>(open.size()) >= limits.max_depth) {
          throw Rejected{"JSON nesting deeper than " + std::to_string(limits.max_depth) +
                         " levels"};
        }
        open.emplace_back();
        is_object.push_back(event == Json::parse_event_t::object_start);
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!open.empty()) {
          open.pop_back();
          is_object.pop_back();
        }
        break;
      case Json::parse_event_t::key:
        if (!open.empty() && is_object.back()) {
          const auto& key = parsed.get_ref<const std::string&>();
          if (!open.back().insert(key).second) {
            // Keys come from the input: keep the message short.
            const std::string shown = key.size() > 64 ? key.substr(0, 64) + "..." : key;
            throw Rejected{"duplicate key \"" + shown + "\" in one JSON object"};
          }
        }
        break;
      case Json::parse_event_t::value:
        break;
    }
    return true;
  };
  try {
    return Json::parse(bytes.begin(), bytes.end(), callback, /*allow_exceptions=*/true,
                       /*ignore_comments=*/false);
  } catch (const Rejected& r) {
    return InvalidArgument(r.message);
  } catch (const Json::exception& e) {
    return InvalidArgument("invalid JSON: " + StripExceptionTag(e.what()));
  } catch (const std::bad_alloc&) {
    return InvalidArgument("input too large to parse");
  }
}

std::string_view JsonTypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      return "object";
    case Json::value_t::array:
      return "array";
    case Json::value_t::string:
      return "string";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "integer";
    case Json::value_t::number_float:
      return "number";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::null:
      return "null";
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  return "value";
}

}  // namespace tldmon::admin

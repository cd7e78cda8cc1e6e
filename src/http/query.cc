#include "http/query.h"

#include "core/text.h"

namespace tldmon::http {
namespace {

bool Decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '+') {
      out.push_back(' ');
    } else if (c == '%') {
      if (i + 2 >= in.size()) return false;
      const int hi = HexDigitValue(in[i + 1]), lo = HexDigitValue(in[i + 2]);
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return true;
}

}  // namespace

std::optional<std::string_view> QueryParams::Get(std::string_view key) const {
  for (const QueryParam& p : params_)
    if (p.key == key) return std::string_view(p.value);
  return std::nullopt;
}

Result<QueryParams, QueryError> ParseQuery(std::string_view raw, const QueryLimits& limits) {
  QueryParams out;
  if (raw.size() > limits.max_bytes) return QueryError{QueryErrorKind::kTooLong, {}};
  std::size_t pos = 0;
  while (pos <= raw.size()) {
    const std::size_t amp = raw.find('&', pos);
    const std::string_view pair =
        raw.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
    pos = amp == std::string_view::npos ? raw.size() + 1 : amp + 1;
    if (pair.empty()) continue;  // "a=1&&b=2", a trailing '&'
    const std::size_t eq = pair.find('=');
    const std::string_view raw_key = pair.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    QueryParam p;
    if (!Decode(raw_key, p.key)) return QueryError{QueryErrorKind::kBadEscape, std::string(raw_key)};
    if (p.key.empty()) return QueryError{QueryErrorKind::kEmptyKey, {}};
    if (p.key.size() > limits.max_key_bytes)
      return QueryError{QueryErrorKind::kKeyTooLong, p.key.substr(0, limits.max_key_bytes)};
    if (!Decode(raw_value, p.value)) return QueryError{QueryErrorKind::kBadEscape, p.key};
    if (p.value.size() > limits.max_value_bytes)
      return QueryError{QueryErrorKind::kValueTooLong, p.key};
    if (out.Get(p.key)) return QueryError{QueryErrorKind::kDuplicateKey, p.key};
    if (out.params_.size() == limits.max_params)
      return QueryError{QueryErrorKind::kTooManyParams, {}};
    out.params_.push_back(std::move(p));
  }
  return out;
}

std::string Describe(const QueryError& error) {
  switch (error.kind) {
    case QueryErrorKind::kTooLong: return "query string too long";
    case QueryErrorKind::kTooManyParams: return "too many query parameters";
    case QueryErrorKind::kKeyTooLong: return "query parameter name too long: " + error.key;
    case QueryErrorKind::kValueTooLong: return "query parameter value too long: " + error.key;
    case QueryErrorKind::kBadEscape: return "malformed percent-escape in query parameter: " + error.key;
    case QueryErrorKind::kEmptyKey: return "query parameter without a name";
    case QueryErrorKind::kDuplicateKey: return "query parameter given more than once: " + error.key;
  }
  return "malformed query";
}

}  // namespace tldmon::http

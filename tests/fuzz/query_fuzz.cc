// Fuzz target for query-string parsing (ParseQuery, docs/api-server.md
// "Query strings"). The input is the raw query (after '?').
//
// Invariants (abort when one fails):
//   * an accepted query respects every limit, has unique non-empty keys, and
//     Get() finds each parameter's value;
//   * encoding the parameters again (every reserved byte as %XX) and parsing
//     that gives the same parameters, in order;
//   * parsing is a pure function: a second parse of the input agrees;
//   * an error is a 400 of the error table with a description.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/query.h"
#include "mosapi/api_error.h"
#include "fuzz_check.h"

// The modules under test.
using namespace tldmon::http;    // NOLINT
using namespace tldmon::mosapi;  // NOLINT

namespace {

// Keeps unreserved bytes (and NUL, which ParseQuery takes literally but
// refuses as %00); escapes the rest, so '+', '&', '=' and '%' survive.
std::string Encode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : in) {
    const auto u = static_cast<unsigned char>(c);
    if (u == 0 || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
        c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const QueryLimits limits;
  const auto parsed = ParseQuery(input, limits);
  const auto again = ParseQuery(input, limits);
  FUZZ_CHECK(parsed.ok() == again.ok());
  if (!parsed.ok()) {
    const QueryError& error = parsed.error();
    FUZZ_CHECK(error.kind == again.error().kind && error.key == again.error().key);
    FUZZ_CHECK(ErrorInfo(ToApiError(error)).http_status == 400);
    FUZZ_CHECK(!Describe(error).empty());
    return 0;
  }
  const QueryParams& q = *parsed;
  FUZZ_CHECK(input.size() <= limits.max_bytes);
  FUZZ_CHECK(q.params().size() <= limits.max_params);
  std::string encoded;
  for (const QueryParam& p : q.params()) {
    FUZZ_CHECK(!p.key.empty() && p.key.size() <= limits.max_key_bytes);
    FUZZ_CHECK(p.value.size() <= limits.max_value_bytes);
    const auto found = q.Get(p.key);
    FUZZ_CHECK(found && *found == p.value);  // keys are unique: Get finds this one
    if (!encoded.empty()) encoded += '&';
    encoded += Encode(p.key) + "=" + Encode(p.value);
  }
  QueryLimits roomy = limits;
  roomy.max_bytes = encoded.size();
  const auto reparsed = ParseQuery(encoded, roomy);
  FUZZ_CHECK(reparsed.ok());
  const QueryParams& round_trip = *reparsed;
  FUZZ_CHECK(round_trip.params().size() == q.params().size());
  for (std::size_t i = 0; i < q.params().size(); ++i) {
    FUZZ_CHECK(round_trip.params()[i].key == q.params()[i].key);
    FUZZ_CHECK(round_trip.params()[i].value == q.params()[i].value);
  }
  return 0;
}

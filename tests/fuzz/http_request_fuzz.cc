// Fuzz target for the HTTP/1.1 request parser (RequestStorage +
// RequestParser, docs/api-server.md "Limits"). The input is the byte stream
// a client sends on one connection: it is fed through the same read/parse
// loop as the connection (a bounded InputBuffer, put() until a request is
// complete or fails, pipelined requests parsed one after another) three
// times, with different read sizes: all at once, one byte per read, and
// sizes derived from the input.
//
// Besides "no crash, no sanitizer report" it checks, and aborts when one
// fails:
//   * the requests parsed do not depend on how the bytes were split into
//     reads. Only how a failing connection ends may differ: Beast looks for
//     the end of the header (CRLF CRLF) before parsing it once a header
//     came in incomplete, so a malformed head (a bare-LF one, say) is a 400
//     when it arrives in one read but waits for more bytes, then 431 or 408,
//     when it trickles in. Either way it is refused, never a request;
//   * a parsed request respects the limits: request-target and body within
//     their bounds, HTTP/1.0 or 1.1, Host present on HTTP/1.1, the method
//     as named;
//   * a failure is a 4xx/5xx of the error table whose body is valid JSON.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// After <utility> (via <algorithm>): Boost 1.74 misses it with GCC 12.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>

#include "http/http_error.h"
#include "http/input_buffer.h"
#include "http/method.h"
#include "http/request.h"
#include "http/request_parser.h"
#include "http/server_limits.h"
#include "fuzz_check.h"

// The module under test.
using namespace tldmon::http;  // NOLINT

namespace {

// Small bounds, so that short inputs reach them.
ServerLimits FuzzLimits() {
  ServerLimits limits;
  limits.max_header_bytes = 1024;
  limits.max_target_bytes = 256;
  limits.max_body_bytes = 512;
  return limits;
}

using Field = std::optional<std::string>;

// One outcome of the connection loop: a complete request, or the error the
// server answers before closing.
struct Outcome {
  HttpError error = HttpError::kNone;
  std::string error_detail;
  Method method = Method::kGet;
  std::string method_name, target, body;
  int version = 0;
  Field host, accept_encoding, if_none_match, if_modified_since, cookie, authorization,
      content_type;
  bool keep_alive = false;
  bool expect_continue = false;

  bool operator==(const Outcome&) const = default;
};

Field Copy(const std::optional<std::string_view>& v) {
  return v ? Field(std::string(*v)) : std::nullopt;
}

Outcome Capture(const RequestStorage& storage, const RequestParser& parser) {
  Request r;
  storage.Fill(r);
  Outcome o;
  o.method = r.method;
  o.method_name = r.method_name;
  o.target = r.target;
  o.body = r.body;
  o.version = r.version;
  o.host = Copy(r.host);
  o.accept_encoding = Copy(r.accept_encoding);
  o.if_none_match = Copy(r.if_none_match);
  o.if_modified_since = Copy(r.if_modified_since);
  o.cookie = Copy(r.cookie);
  o.authorization = Copy(r.authorization);
  o.content_type = Copy(r.content_type);
  o.keep_alive = parser.keep_alive();
  o.expect_continue = storage.expect_continue();
  return o;
}

// Reads sizes for the connection loop: the next read returns at most this
// many bytes.
class ReadSizes {
 public:
  // mode 0: unbounded; 1: one byte; 2: derived from `seed`.
  ReadSizes(int mode, std::uint64_t seed) : mode_(mode), state_(seed | 1) {}
  std::size_t Next() {
    if (mode_ == 0) return SIZE_MAX;
    if (mode_ == 1) return 1;
    state_ ^= state_ << 13;  // xorshift64
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return 1 + static_cast<std::size_t>(state_ % 97);
  }

 private:
  int mode_;
  std::uint64_t state_;
};

// The request loop of Connection::Run (src/api/connection.h) over `input`,
// minus the network: EOF ends the connection silently, an error ends it
// after the error response, a request without keep-alive ends it.
std::vector<Outcome> RunConnection(std::string_view input, const ServerLimits& limits,
                                   ReadSizes sizes) {
  namespace http = boost::beast::http;
  InputBuffer in(256, limits.max_header_bytes + 4096);
  RequestStorage storage;
  std::vector<Outcome> outcomes;
  std::size_t fed = 0;
  for (;;) {
    storage.Reset();
    RequestParser parser(storage, limits);
    HttpError error = HttpError::kNone;
    bool eof = false;
    for (;;) {
      if (!in.empty()) {
        boost::beast::error_code ec;
        const std::size_t n = parser.put(boost::asio::const_buffer(in.data(), in.size()), ec);
        FUZZ_CHECK(n <= in.size());
        in.consume(n);
        if (ec && ec != http::error::need_more) {
          error = parser.ErrorKindFor(ec, std::string_view(in.data(), in.size()));
          break;
        }
        if (parser.is_done()) break;
        if (!ec && n > 0 && !in.empty()) continue;
      }
      const auto space = in.prepare();
      if (space.empty()) {
        error = HttpError::kHeaderTooLarge;
        break;
      }
      if (fed == input.size()) {
        eof = true;
        break;
      }
      const std::size_t n = std::min({space.size(), sizes.Next(), input.size() - fed});
      std::memcpy(space.data(), input.data() + fed, n);
      in.commit(n);
      fed += n;
    }
    if (eof) break;
    if (error != HttpError::kNone) {
      Outcome o;
      o.error = error;
      o.error_detail = storage.error_detail();
      outcomes.push_back(std::move(o));
      break;
    }
    outcomes.push_back(Capture(storage, parser));
    if (!outcomes.back().keep_alive) break;
  }
  return outcomes;
}

void CheckOutcome(const Outcome& o, const ServerLimits& limits) {
  if (o.error != HttpError::kNone) {
    const int status = StatusOf(o.error);
    FUZZ_CHECK(status >= 400 && status <= 599);
    FUZZ_CHECK(nlohmann::json::accept(DefaultErrorBody(o.error, o.error_detail)));
    return;
  }
  FUZZ_CHECK(o.version == 10 || o.version == 11);
  FUZZ_CHECK(o.version == 10 || o.host.has_value());
  FUZZ_CHECK(!o.method_name.empty() && ParseMethod(o.method_name) == o.method);
  FUZZ_CHECK(!o.target.empty() && o.target.size() <= limits.max_target_bytes);
  FUZZ_CHECK(o.body.size() <= limits.max_body_bytes);
}

// The complete requests of a connection's outcomes (all but a final error).
std::vector<Outcome> Requests(std::vector<Outcome> outcomes) {
  if (!outcomes.empty() && outcomes.back().error != HttpError::kNone) outcomes.pop_back();
  return outcomes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const ServerLimits limits = FuzzLimits();
  const std::vector<Outcome> whole = RunConnection(input, limits, ReadSizes(0, 0));
  for (const Outcome& o : whole) CheckOutcome(o, limits);
  const std::vector<Outcome> requests = Requests(whole);
  for (const ReadSizes sizes : {ReadSizes(1, 0), ReadSizes(2, size)}) {
    const std::vector<Outcome> split = RunConnection(input, limits, sizes);
    for (const Outcome& o : split) CheckOutcome(o, limits);
    FUZZ_CHECK(Requests(split) == requests);
  }
  return 0;
}

// Incremental HTTP/1.x request parsing on Beast's basic_parser, keeping only
// what the API reads (request line, a few header fields, the body) in
// connection-owned buffers that are reused from request to request: no
// per-request allocation in steady state. Internal to the server.
#pragma once

#include <utility>  // before Boost: Boost 1.74 misses it with GCC 12

#include <array>
#include <boost/beast/http/basic_parser.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/http_error.h"
#include "http/request.h"
#include "http/request_handler.h"
#include "http/server_limits.h"

namespace tldmon::http {

// The parts of one request, owned by a connection. Not thread-safe.
class RequestStorage {
 public:
  // Forgets the previous request; keeps buffer capacity.
  void Reset();
  // Points the request-line, header and body views of `out` at this storage.
  void Fill(Request& out) const;

  // Set when the parser stopped on a condition the server answers itself.
  HttpError error() const { return error_; }
  std::string_view error_detail() const { return error_detail_; }
  bool expect_continue() const { return expect_continue_; }
  // The framing of the request forbids reusing the connection after the
  // response: an HTTP/1.0 request with Transfer-Encoding (RFC 9112 §6.1).
  bool must_close() const { return must_close_; }

 private:
  friend class RequestParser;
  enum Slot : std::uint8_t {
    kMethod, kTarget, kHost, kAcceptEncoding, kIfNoneMatch, kIfModifiedSince, kCookie,
    kAuthorization, kContentType, kContentEncoding, kTransferEncoding, kSlotCount
  };
  struct Span {
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    bool present = false;
  };

  void Set(Slot slot, std::string_view value);
  // Appends to a list-valued field already present, with `separator`.
  void Join(Slot slot, std::string_view value, std::string_view separator);
  std::string_view View(Slot slot) const;
  void Fail(HttpError kind, std::string_view detail);

  std::string arena_;
  std::array<Span, kSlotCount> spans_{};
  std::string body_;
  Method method_ = Method::kGet;
  int version_ = 11;
  int host_count_ = 0;
  bool expect_continue_ = false;
  bool must_close_ = false;
  HttpError error_ = HttpError::kNone;
  std::string_view error_detail_;  // static text
};

// One parser per request (Beast parsers cannot be reset), constructed on the
// connection's coroutine frame; cheap, allocation-free.
class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  // `handler` names the body limit per path (RequestHandler::MaxBodyBytes);
  // it may be null (then ServerLimits::max_body_bytes for every request).
  RequestParser(RequestStorage& storage, const ServerLimits& limits,
                const RequestHandler* handler = nullptr);

  // basic_parser::put, hiding it, so that ServerLimits::max_header_bytes
  // bounds the request line and header fields together whether they arrive
  // in one read or in many (Beast alone forgets the part it consumed).
  std::size_t put(boost::asio::const_buffer buffer, boost::beast::error_code& ec);

  // The HttpError for a parse error `ec` returned by put()/put_eof().
  // `unparsed` is the input the parser was given when it failed (the
  // request line is still in it), to tell a malformed request line (400)
  // from a well-formed one naming an unsupported version (505).
  HttpError ErrorKindFor(const boost::beast::error_code& ec, std::string_view unparsed) const;

 private:
  void on_request_impl(boost::beast::http::verb method, boost::beast::string_view method_str,
                       boost::beast::string_view target, int version,
                       boost::beast::error_code& ec) override;
  void on_response_impl(int, boost::beast::string_view, int, boost::beast::error_code&) override {}
  void on_field_impl(boost::beast::http::field name, boost::beast::string_view name_string,
                     boost::beast::string_view value, boost::beast::error_code& ec) override;
  void on_header_impl(boost::beast::error_code& ec) override;
  void on_body_init_impl(boost::optional<std::uint64_t> const& content_length,
                         boost::beast::error_code& ec) override;
  std::size_t on_body_impl(boost::beast::string_view body, boost::beast::error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t, boost::beast::string_view,
                            boost::beast::error_code&) override {}
  std::size_t on_chunk_body_impl(std::uint64_t remain, boost::beast::string_view body,
                                 boost::beast::error_code& ec) override;
  void on_finish_impl(boost::beast::error_code&) override {}

  RequestStorage& storage_;
  const ServerLimits& limits_;
  const RequestHandler* handler_;
  std::size_t body_limit_;
  std::size_t head_consumed_ = 0;  // bytes of the head consumed by put()
};

// Whether `input` starts with a request line that ends in CRLF and carries
// an HTTP-version token ("HTTP/" DIGIT "." DIGIT, RFC 9112 §2.3). A line
// ending in a bare LF, or without such a token, is malformed (400), not an
// unsupported version (505).
bool RequestLineHasVersion(std::string_view input);

// How many bytes of empty lines (CRLF or bare LF) `input` starts with, at
// most `max_lines` of them: RFC 9112 §2.2 asks a server to ignore at least
// one empty line received before the request-line. A lone trailing CR is not
// counted (its LF may still come).
std::size_t LeadingEmptyLineBytes(std::string_view input, int max_lines);

}  // namespace tldmon::http

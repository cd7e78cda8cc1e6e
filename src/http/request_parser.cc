#include "http/request_parser.h"

#include "http/request_target.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>

namespace tldmon::http {

namespace http = boost::beast::http;
using boost::beast::error_code;

void RequestStorage::Reset() {
  arena_.clear();
  spans_ = {};
  body_.clear();
  method_ = Method::kGet;
  version_ = 11;
  host_count_ = 0;
  expect_continue_ = false;
  must_close_ = false;
  error_ = HttpError::kNone;
  error_detail_ = {};
}

void RequestStorage::Set(Slot slot, std::string_view value) {
  spans_[slot] = {static_cast<std::uint32_t>(arena_.size()),
                  static_cast<std::uint32_t>(value.size()), true};
  arena_.append(value);
}

void RequestStorage::Join(Slot slot, std::string_view value, std::string_view separator) {
  Span& s = spans_[slot];
  if (!s.present) return Set(slot, value);
  if (s.offset + s.length != arena_.size()) {
    // Another field was stored after this one: move this one to the end.
    const std::uint32_t old_offset = s.offset;
    s.offset = static_cast<std::uint32_t>(arena_.size());
    arena_.append(arena_, old_offset, s.length);
  }
  arena_.append(separator).append(value);
  s.length += static_cast<std::uint32_t>(separator.size() + value.size());
}

std::string_view RequestStorage::View(Slot slot) const {
  const Span& s = spans_[slot];
  return std::string_view(arena_).substr(s.offset, s.length);
}

void RequestStorage::Fail(HttpError kind, std::string_view detail) {
  if (error_ != HttpError::kNone) return;
  error_ = kind;
  error_detail_ = detail;
}

void RequestStorage::Fill(Request& out) const {
  out.method = method_;
  out.method_name = View(kMethod);
  out.target = View(kTarget);
  out.version = version_;
  auto opt = [&](Slot s) -> std::optional<std::string_view> {
    if (!spans_[s].present) return std::nullopt;
    return View(s);
  };
  out.host = opt(kHost);
  out.accept_encoding = opt(kAcceptEncoding);
  out.if_none_match = opt(kIfNoneMatch);
  out.if_modified_since = opt(kIfModifiedSince);
  out.cookie = opt(kCookie);
  out.authorization = opt(kAuthorization);
  out.content_type = opt(kContentType);
  out.content_encoding = opt(kContentEncoding);
  out.body = body_;
}

RequestParser::RequestParser(RequestStorage& storage, const ServerLimits& limits,
                             const RequestHandler* handler)
    : storage_(storage), limits_(limits), handler_(handler), body_limit_(limits.max_body_bytes) {
  header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  body_limit(limits.max_body_bytes);
  eager(true);
}

std::size_t RequestParser::put(boost::asio::const_buffer buffer, error_code& ec) {
  if (is_header_done()) {
    // Beast 1.74 asserts (parse_chunk_header, n >= 5) when it resumes a last
    // chunk it has seen with fewer than 5 bytes buffered: "0\r\n", then "\r"
    // from a client sending byte by byte aborts a build with assertions. A
    // chunked body never ends in fewer unconsumed bytes ("0\r\n\r\n": Beast
    // consumes the last chunk only with the trailer), so wait for more.
    if (chunked() && buffer.size() < 5) {
      ec = http::error::need_more;
      return 0;
    }
    return basic_parser::put(buffer, ec);
  }
  // Beast 1.74 applies header_limit only to the bytes of the head it has not
  // consumed yet; what an earlier put() consumed (the request line and the
  // complete fields of an earlier read) is forgotten. Charge it here, so that
  // max_header_bytes bounds the whole head however the bytes arrive.
  header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes - head_consumed_));
  const std::size_t n = basic_parser::put(buffer, ec);
  if (!is_header_done()) head_consumed_ += n;
  return n;
}

HttpError RequestParser::ErrorKindFor(const error_code& ec, std::string_view unparsed) const {
  if (storage_.error() != HttpError::kNone) return storage_.error();
  if (ec == http::error::header_limit) return HttpError::kHeaderTooLarge;
  if (ec == http::error::body_limit) return HttpError::kPayloadTooLarge;
  // Beast accepts only HTTP/1.0 and HTTP/1.1 request lines; anything else
  // in the version slot ("HTTP/2.0") is this error.
  if (ec == http::error::bad_version)
    return RequestLineHasVersion(unparsed) ? HttpError::kVersionNotSupported
                                           : HttpError::kBadRequest;
  return HttpError::kBadRequest;
}

void RequestParser::on_request_impl(http::verb, boost::beast::string_view method_str,
                                    boost::beast::string_view target, int version,
                                    error_code& ec) {
  // Beast has checked the version already: 10 or 11.
  const std::string_view method(method_str.data(), method_str.size());
  if (target.size() > limits_.max_target_bytes) {
    storage_.Fail(HttpError::kUriTooLong, "request-target exceeds the limit");
    ec = http::error::bad_target;
    return;
  }
  // Beast bounds the fields after the request line by header_limit afresh
  // (see put()): charge the request line, "<method> <target> HTTP/1.x\r\n".
  const std::size_t request_line = method.size() + target.size() + 12;
  if (request_line >= limits_.max_header_bytes) {
    ec = http::error::header_limit;
    return;
  }
  header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes - request_line));
  storage_.version_ = version;
  storage_.method_ = ParseMethod(method);
  storage_.Set(RequestStorage::kMethod, method);
  storage_.Set(RequestStorage::kTarget, std::string_view(target.data(), target.size()));
  // The mount serving this path may allow a larger (or demand a smaller)
  // body than the server's default; known before any body byte is read.
  if (handler_ != nullptr) {
    const std::size_t limit =
        handler_->MaxBodyBytes(SplitTarget(std::string_view(target.data(), target.size())).path);
    if (limit != 0) {
      body_limit_ = limit;
      body_limit(limit);
    }
  }
}

void RequestParser::on_field_impl(http::field name, boost::beast::string_view,
                                  boost::beast::string_view v, error_code& ec) {
  const std::string_view value(v.data(), v.size());
  using S = RequestStorage;
  auto single = [&](S::Slot slot, std::string_view what) {
    if (storage_.spans_[slot].present) {
      storage_.Fail(HttpError::kBadRequest, what);
      ec = http::error::bad_field;
      return;
    }
    storage_.Set(slot, value);
  };
  switch (name) {
    case http::field::host:
      // RFC 9112 §3.2: more than one Host is a 400.
      single(S::kHost, "more than one Host header field");
      break;
    case http::field::authorization:
      single(S::kAuthorization, "more than one Authorization header field");
      break;
    case http::field::content_type:
      single(S::kContentType, "more than one Content-Type header field");
      break;
    case http::field::content_encoding:
      // A list ("gzip, identity") is joined; the handler decides what it takes.
      storage_.Join(S::kContentEncoding, value, ", ");
      break;
    case http::field::if_modified_since:
      // A list is not a valid HTTP-date: keep the first, as the field is then
      // invalid and ignored anyway (RFC 9110 §13.1.3).
      if (!storage_.spans_[S::kIfModifiedSince].present) storage_.Set(S::kIfModifiedSince, value);
      break;
    case http::field::accept_encoding: storage_.Join(S::kAcceptEncoding, value, ", "); break;
    case http::field::if_none_match: storage_.Join(S::kIfNoneMatch, value, ", "); break;
    case http::field::cookie: storage_.Join(S::kCookie, value, "; "); break;
    case http::field::transfer_encoding: storage_.Join(S::kTransferEncoding, value, ", "); break;
    case http::field::expect:
      if (boost::beast::iequals(v, "100-continue")) storage_.expect_continue_ = true;
      break;
    default: break;
  }
}

void RequestParser::on_header_impl(error_code& ec) {
  using S = RequestStorage;
  if (storage_.version_ == 11 && !storage_.spans_[S::kHost].present) {
    storage_.Fail(HttpError::kBadRequest, "HTTP/1.1 request without Host");
    ec = http::error::bad_field;
    return;
  }
  // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request means faulty
  // framing: answer, then close.
  if (storage_.version_ == 10 && storage_.spans_[S::kTransferEncoding].present)
    storage_.must_close_ = true;
  if (storage_.spans_[S::kTransferEncoding].present && !chunked()) {
    // RFC 9112 §6.3: chunked not final → length unknown → 400 and close.
    storage_.Fail(HttpError::kBadRequest, "Transfer-Encoding without final chunked");
    ec = http::error::bad_transfer_encoding;
    return;
  }
  if (storage_.spans_[S::kTransferEncoding].present &&
      !boost::beast::iequals(
          boost::beast::string_view(storage_.View(S::kTransferEncoding).data(),
                                    storage_.View(S::kTransferEncoding).size()),
          "chunked")) {
    // RFC 9112 §6.1: a transfer coding we do not implement → 501.
    storage_.Fail(HttpError::kNotImplemented, "transfer coding other than chunked");
    ec = http::error::bad_transfer_encoding;
  }
}

void RequestParser::on_body_init_impl(boost::optional<std::uint64_t> const& content_length,
                                      error_code&) {
  if (content_length) storage_.body_.reserve(static_cast<std::size_t>(*content_length));
}

std::size_t RequestParser::on_body_impl(boost::beast::string_view body, error_code&) {
  storage_.body_.append(body.data(), body.size());
  return body.size();
}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, boost::beast::string_view body,
                                              error_code& ec) {
  if (storage_.body_.size() + body.size() > body_limit_) {
    ec = http::error::body_limit;
    return 0;
  }
  storage_.body_.append(body.data(), body.size());
  return body.size();
}

bool RequestLineHasVersion(std::string_view input) {
  const std::size_t lf = input.find('\n');
  if (lf == std::string_view::npos || lf == 0 || input[lf - 1] != '\r') return false;
  const std::string_view line = input.substr(0, lf - 1);
  const std::size_t space = line.rfind(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view version = line.substr(space + 1);
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return version.size() == 8 && version.starts_with("HTTP/") && digit(version[5]) &&
         version[6] == '.' && digit(version[7]);
}

std::size_t LeadingEmptyLineBytes(std::string_view input, int max_lines) {
  std::size_t n = 0;
  for (int lines = 0; lines < max_lines; ++lines) {
    if (n < input.size() && input[n] == '\n') {
      n += 1;
    } else if (n + 1 < input.size() && input[n] == '\r' && input[n + 1] == '\n') {
      n += 2;
    } else {
      break;
    }
  }
  return n;
}

}  // namespace tldmon::http

#include "http/response_writer.h"

#include <charconv>

#include "http/conditional.h"
#include "http/content_coding.h"
#include "http/gzip.h"

namespace tldmon::http {
namespace {

void AppendNumber(std::string& out, std::size_t v) {
  char buf[24];
  const auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, p);
}

bool StatusHasNoContent(int status) { return status == 204 || status == 304 || status < 200; }

}  // namespace

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

SerializedResponse SerializeResponse(const Request& request, const Response& response,
                                     bool keep_alive, std::string_view date, std::string& head,
                                     std::string& scratch) {
  int status = response.status();
  std::string_view body;
  std::string_view content_type = response.content_type();
  std::string_view etag, last_modified;
  bool gzip = false, vary = false, has_body = response.has_body();
  const bool read_method = request.method == Method::kGet || request.method == Method::kHead;

  if (const auto& rep = response.representation()) {
    vary = rep->compressible();
    const bool want_gzip = vary && PreferGzip(request.accept_encoding);
    if (want_gzip && !rep->gzip().empty()) {
      body = rep->gzip();
      etag = rep->gzip_etag();
      gzip = true;
    } else {
      body = rep->identity();
      etag = rep->etag();
    }
    last_modified = rep->last_modified_http();
    // RFC 9110 §13.2.2: 304 only where the 200 would have been sent.
    if (status == 200 && read_method &&
        IsNotModified(request.if_none_match, request.if_modified_since,
                      {rep->etag(), rep->gzip_etag()}, rep->last_modified())) {
      status = 304;
    }
  } else if (has_body) {
    body = response.body();
    if (IsCompressible(content_type)) {
      vary = true;
      if (body.size() >= kMinDynamicGzipBytes && PreferGzip(request.accept_encoding) &&
          GzipCompress(body, scratch) && scratch.size() < body.size()) {
        body = scratch;
        gzip = true;
      }
    }
  }
  if (StatusHasNoContent(status)) has_body = false;

  head.clear();
  head.append("HTTP/1.1 ");
  AppendNumber(head, static_cast<std::size_t>(status));
  head.push_back(' ');
  head.append(ReasonPhrase(status));
  head.append("\r\nServer: tldmon\r\nDate: ");
  head.append(date);
  head.append("\r\n");
  if (has_body) {
    if (!content_type.empty()) head.append("Content-Type: ").append(content_type).append("\r\n");
    if (gzip) head.append("Content-Encoding: gzip\r\n");
  }
  if (!StatusHasNoContent(status)) {
    head.append("Content-Length: ");
    AppendNumber(head, has_body ? body.size() : 0);
    head.append("\r\n");
  }
  if (vary) head.append("Vary: Accept-Encoding\r\n");
  if (!etag.empty()) head.append("ETag: ").append(etag).append("\r\n");
  if (!last_modified.empty()) head.append("Last-Modified: ").append(last_modified).append("\r\n");
  if (!keep_alive) head.append("Connection: close\r\n");
  else if (request.version < 11) head.append("Connection: keep-alive\r\n");
  head.append(response.extra_headers());
  head.append("\r\n");

  if (!has_body || request.method == Method::kHead) return {status, {}};
  return {status, body};
}

}  // namespace tldmon::http

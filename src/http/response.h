// What a RequestHandler answers. The server owns one Response per
// connection and reuses it (Reset between requests), so steady-state
// requests allocate nothing here. Not thread-safe; used by one request at a
// time.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "http/representation.h"

namespace tldmon::http {

class Response {
 public:
  void Reset();

  // A precomputed document: ETag/Last-Modified/304, gzip variant (cached).
  void SetRepresentation(std::shared_ptr<const Representation> rep, int status = 200);
  // A body built for this request (copied into the reused buffer).
  void SetBody(int status, std::string_view content_type, std::string_view body);
  // Buffer to render a body into directly; content type as for SetBody.
  std::string& MutableBody(int status, std::string_view content_type);
  // No body at all (204, or a 304 produced by a handler).
  void SetEmpty(int status);

  // An extra header field ("Allow", "Set-Cookie", "Retry-After", ...). The
  // server writes Date, Server, Content-*, ETag, Last-Modified, Vary and
  // Connection itself. Fields containing CR or LF are dropped.
  void AddHeader(std::string_view name, std::string_view value);
  // Close the connection after this response.
  void SetCloseConnection() { close_ = true; }
  // Something to keep until this response has been written (or the
  // connection dropped): a per-client in-flight slot, released then.
  void SetHold(std::shared_ptr<void> hold) { hold_ = std::move(hold); }
  void ReleaseHold() { hold_.reset(); }

  int status() const { return status_; }
  const std::shared_ptr<const Representation>& representation() const { return rep_; }
  std::string_view content_type() const { return content_type_; }
  std::string_view body() const { return body_; }
  std::string_view extra_headers() const { return headers_; }  // "Name: value\r\n"...
  bool close_connection() const { return close_; }
  bool has_body() const { return has_body_; }

 private:
  int status_ = 200;
  std::shared_ptr<const Representation> rep_;
  std::string content_type_;
  std::string body_;
  std::string headers_;
  bool close_ = false;
  bool has_body_ = false;
  std::shared_ptr<void> hold_;
};

}  // namespace tldmon::http

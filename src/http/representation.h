// A precomputed response body (a MoSAPI document) with its validators: a
// strong ETag and Last-Modified (mosapi-api.md §5). Its gzip variant is
// computed at most once, on first demand, and cached — never per request.
//
// Immutable after construction; every method is const and thread-safe.
// Shared as std::shared_ptr<const Representation>.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/time.h"

namespace tldmon::http {

inline constexpr std::string_view kJsonContentType = "application/json";

class Representation {
 public:
  // `bytes` must stay valid while `owner` lives (e.g. a Document's body kept
  // alive by the Document itself); no copy is made. `etag` is the full
  // quoted strong entity-tag ("\"abc\""); empty means: derive one from the
  // bytes (SHA-256, first 128 bits, hex).
  Representation(std::shared_ptr<const void> owner, std::string_view bytes, std::string etag,
                 UnixSeconds last_modified, std::string_view content_type = kJsonContentType);

  // Owns `body`; ETag derived from the bytes.
  static std::shared_ptr<const Representation> FromString(
      std::string body, UnixSeconds last_modified, std::string_view content_type = kJsonContentType);

  std::string_view identity() const { return bytes_; }
  // The gzip-coded bytes; empty when gzip would not be smaller (then the
  // identity bytes are always sent). First call compresses; later calls and
  // concurrent callers get the cached result.
  std::string_view gzip() const;
  // Strong validators: the identity ETag and the one of the gzip variant
  // (RFC 9110 §8.8.3: a different content coding is a different representation).
  const std::string& etag() const { return etag_; }
  const std::string& gzip_etag() const { return gzip_etag_; }
  UnixSeconds last_modified() const { return last_modified_; }
  std::string_view last_modified_http() const { return last_modified_http_; }  // IMF-fixdate
  std::string_view content_type() const { return content_type_; }
  bool compressible() const { return compressible_; }

 private:
  std::shared_ptr<const void> owner_;
  std::string_view bytes_;
  std::string etag_;
  std::string gzip_etag_;
  UnixSeconds last_modified_;
  std::string last_modified_http_;
  std::string content_type_;
  bool compressible_;
  mutable std::once_flag gzip_once_;
  mutable std::string gzip_;  // written once under gzip_once_
};

// Whether gzip applies to a content type (JSON and text; never already
// compressed media).
bool IsCompressible(std::string_view content_type);

}  // namespace tldmon::http

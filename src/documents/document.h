// Document: one rendered MoSAPI response body, immutable once built, with a
// strong ETag derived from the bytes and the Last-Modified time (DESIGN.md
// "Documents, not queries, on the hot path"; mosapi-api.md §5). Shared
// between the publisher and any number of readers as
// std::shared_ptr<const Document>; all members are const, so it is
// thread-safe to read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/time.h"

namespace tldmon::documents {

class Document {
 public:
  // Builds a document from its body; computes the ETag.
  static std::shared_ptr<const Document> Make(std::string body, UnixSeconds last_modified);

  // The exact bytes sent (compact JSON).
  const std::string& body() const { return body_; }
  // Strong entity tag, quoted as HTTP wants it: "\"<16 lower-case hex>\"" of
  // BodyHash(body). Equal bodies have equal tags on every host and run.
  const std::string& etag() const { return etag_; }
  // Unix seconds for Last-Modified: the data clock (SLAM sets file mtimes
  // to it), never the wall clock.
  UnixSeconds last_modified() const { return last_modified_; }

  Document(std::string body, std::string etag, UnixSeconds last_modified)
      : body_(std::move(body)), etag_(std::move(etag)), last_modified_(last_modified) {}

 private:
  const std::string body_;
  const std::string etag_;
  const UnixSeconds last_modified_;
};

// 64-bit non-cryptographic hash of the bytes, stable across platforms and
// versions (fixed algorithm: 8-byte little-endian words in four lanes mixed
// with multiply-rotate, finalised with the MurmurHash3 64-bit avalanche). It only
// detects change; it is not a MAC. Processes several GB/s.
std::uint64_t BodyHash(std::string_view bytes);

// "\"0123456789abcdef\"" for a hash.
std::string FormatEtag(std::uint64_t hash);

}  // namespace tldmon::documents

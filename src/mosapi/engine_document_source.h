// DocumentSource over the engine's DocumentStore (DESIGN.md "Documents, not
// queries, on the hot path"). Each documents::Document is wrapped in a
// Representation once — sharing its bytes, ETag and Last-Modified, no copy —
// and the wrapper is cached by path, so the gzip variant of a document is
// computed at most once however many requests read it.
//
// Thread-safe. Cost per request: the store's lookup plus one lookup in a
// sharded, mutex-protected cache (no allocation on a hit). Entries whose
// document has left the store are dropped when the store's generation
// changes (at most once per published batch and shard).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/thread_annotations.h"
#include "documents/document_store.h"
#include "mosapi/api_handler.h"

namespace tldmon::mosapi {

class EngineDocumentSource final : public DocumentSource {
 public:
  // `store` must outlive this object.
  explicit EngineDocumentSource(const documents::DocumentStore& store) : store_(store) {}

  std::shared_ptr<const Representation> Find(std::string_view store_path) const override;

  // Number of cached wrappers (for tests and metrics).
  std::size_t cached() const;

 private:
  struct Entry {
    std::shared_ptr<const documents::Document> document;
    std::shared_ptr<const Representation> representation;
  };
  struct Shard {
    mutable Mutex mu;
    std::unordered_map<std::string, Entry, documents::DocumentPathHash, std::equal_to<>> entries
        GUARDED_BY(mu);
    std::uint64_t generation GUARDED_BY(mu) = 0;  // the store generation last pruned at
  };
  static constexpr std::size_t kShards = 16;

  const documents::DocumentStore& store_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace tldmon::mosapi

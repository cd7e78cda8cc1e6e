// DocumentStore: the rendered MoSAPI documents, by path, served from memory
// (DESIGN.md "Documents, not queries, on the hot path"). The path scheme is
// in document_paths.h ("ry/example/v2/monitoring/state", ...).
//
// Publishing is batched and atomic: the publisher builds a DocumentBatch
// (typically everything one cycle changed), and Publish() swaps in a new
// immutable snapshot that contains the whole batch. A reader sees either the
// snapshot before or the one after, never half a batch; Snapshot() gives a
// consistent view for several lookups.
//
// Thread-safety: every method may be called from any thread. Readers hold the
// internal mutex only to copy one shared_ptr. Publish() calls are serialised
// among themselves and never block readers for longer than that pointer swap.
// Cost: Publish copies the map of pointers (bodies are shared, not copied),
// i.e. O(documents in the store) per batch — fine for the per-entity
// documents of thousands of TLDs once a cycle; measurement objects of older
// cycles are meant to be rebuilt on demand (DESIGN.md), not accumulated here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/thread_annotations.h"
#include "documents/document.h"

namespace tldmon::documents {

// Transparent hash so lookups by string_view do not allocate.
struct DocumentPathHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

using DocumentMap = std::unordered_map<std::string, std::shared_ptr<const Document>,
                                       DocumentPathHash, std::equal_to<>>;

// An ordered list of changes applied atomically by DocumentStore::Publish.
// Later operations win over earlier ones on the same path. Not thread-safe
// (one builder).
class DocumentBatch {
 public:
  // Adds or replaces the document at `path`. A null doc removes the path.
  void Put(std::string path, std::shared_ptr<const Document> doc);
  // Removes the document at `path` (404 afterwards), if present.
  void Remove(std::string path);
  // Removes every document whose path starts with `prefix` (e.g.
  // "ry/example/" when a TLD is deleted, or a service's "…/downtime" when it
  // is disabled). An empty prefix removes everything.
  void RemovePrefix(std::string prefix);

  std::size_t size() const { return ops_.size(); }
  bool empty() const { return ops_.empty(); }

 private:
  friend class DocumentStore;
  enum class Op : std::uint8_t { kPut, kRemove, kRemovePrefix };
  struct Change {
    Op op;
    std::string path;
    std::shared_ptr<const Document> doc;
  };
  std::vector<Change> ops_;
};

class DocumentStore {
 public:
  DocumentStore();

  // Applies the batch atomically (see file comment).
  void Publish(DocumentBatch batch);

  // The document at `path`, or null (404).
  std::shared_ptr<const Document> Find(std::string_view path) const;
  // The current snapshot; never null; immutable.
  std::shared_ptr<const DocumentMap> Snapshot() const;
  // Number of documents in the current snapshot.
  std::size_t size() const;
  // Number of batches published so far (0 initially).
  std::uint64_t generation() const;

 private:
  Mutex publish_mu_ ACQUIRED_BEFORE(mu_);  // serialises Publish()
  mutable Mutex mu_;
  std::shared_ptr<const DocumentMap> current_ GUARDED_BY(mu_);  // never null
  std::uint64_t generation_ GUARDED_BY(mu_) = 0;
};

}  // namespace tldmon::documents

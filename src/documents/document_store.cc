#include "documents/document_store.h"

#include <string>
#include <string_view>
#include <vector>

namespace tldmon::documents {

void DocumentBatch::Put(std::string path, std::shared_ptr<const Document> doc) {
  const Op op = doc ? Op::kPut : Op::kRemove;
  ops_.push_back(Change{op, std::move(path), std::move(doc)});
}

void DocumentBatch::Remove(std::string path) {
  ops_.push_back(Change{Op::kRemove, std::move(path), nullptr});
}

void DocumentBatch::RemovePrefix(std::string prefix) {
  ops_.push_back(Change{Op::kRemovePrefix, std::move(prefix), nullptr});
}

DocumentStore::DocumentStore() : current_(std::make_shared<const DocumentMap>()) {}

void DocumentStore::Publish(DocumentBatch batch) {
  MutexLock publishing(publish_mu_);
  // Only Publish() replaces current_, and publish_mu_ is held, so this
  // snapshot stays the latest until the swap below.
  std::shared_ptr<const DocumentMap> base = Snapshot();
  // The batch is applied first, as an overlay in which a null document marks
  // a removed path, so its path strings are moved into the new map; then the
  // base entries it does not override or hide are added. A cycle's batch
  // replaces most paths, so most base keys are looked up, never copied.
  auto next = std::make_shared<DocumentMap>();
  next->reserve(base->size() + batch.ops_.size());
  std::vector<std::string> removed_prefixes;
  for (DocumentBatch::Change& c : batch.ops_) {
    switch (c.op) {
      case DocumentBatch::Op::kPut:
        next->insert_or_assign(std::move(c.path), std::move(c.doc));
        break;
      case DocumentBatch::Op::kRemove:
        next->insert_or_assign(std::move(c.path), nullptr);
        break;
      case DocumentBatch::Op::kRemovePrefix:
        // Hides earlier changes now and every base entry below the prefix;
        // later puts under it are kept (later operations win).
        std::erase_if(*next, [&](const DocumentMap::value_type& kv) {
          return std::string_view(kv.first).starts_with(c.path);
        });
        removed_prefixes.push_back(std::move(c.path));
        break;
    }
  }
  for (const auto& [path, doc] : *base) {
    bool hidden = false;
    for (const std::string& prefix : removed_prefixes)
      hidden = hidden || std::string_view(path).starts_with(prefix);
    if (!hidden) next->try_emplace(path, doc);
  }
  std::erase_if(*next, [](const DocumentMap::value_type& kv) { return kv.second == nullptr; });
  std::shared_ptr<const DocumentMap> published = std::move(next);
  {
    MutexLock lock(mu_);
    current_.swap(published);
    ++generation_;
  }
  // `published` now holds the old snapshot; it is freed here, outside mu_,
  // unless a reader still holds it.
}

std::shared_ptr<const Document> DocumentStore::Find(std::string_view path) const {
  const std::shared_ptr<const DocumentMap> snap = Snapshot();
  const auto it = snap->find(path);
  return it == snap->end() ? nullptr : it->second;
}

std::shared_ptr<const DocumentMap> DocumentStore::Snapshot() const {
  MutexLock lock(mu_);
  return current_;
}

std::size_t DocumentStore::size() const { return Snapshot()->size(); }

std::uint64_t DocumentStore::generation() const {
  MutexLock lock(mu_);
  return generation_;
}

}  // namespace tldmon::documents

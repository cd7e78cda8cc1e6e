#include "mosapi/engine_document_source.h"

#include <functional>

namespace tldmon::mosapi {

std::shared_ptr<const Representation> EngineDocumentSource::Find(std::string_view path) const {
  const std::uint64_t generation = store_.generation();
  std::shared_ptr<const documents::Document> document = store_.Find(path);
  Shard& shard = shards_[std::hash<std::string_view>{}(path) % kShards];
  MutexLock lock(shard.mu);
  if (shard.generation != generation) {
    shard.generation = generation;
    // Held only by this entry and its Representation: the store has let go.
    std::erase_if(shard.entries, [](const auto& kv) { return kv.second.document.use_count() <= 2; });
  }
  if (!document) return nullptr;
  const auto it = shard.entries.find(path);
  if (it != shard.entries.end() && it->second.document == document)
    return it->second.representation;
  const std::string_view body = document->body();
  auto representation = std::make_shared<const Representation>(
      document, body, document->etag(), document->last_modified(), kJsonContentType);
  Entry entry{std::move(document), representation};
  if (it != shard.entries.end()) it->second = std::move(entry);
  else shard.entries.emplace(std::string(path), std::move(entry));
  return representation;
}

std::size_t EngineDocumentSource::cached() const {
  std::size_t n = 0;
  for (const Shard& s : shards_) {
    MutexLock lock(s.mu);
    n += s.entries.size();
  }
  return n;
}

}  // namespace tldmon::mosapi

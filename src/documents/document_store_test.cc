#include "documents/document_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace tldmon::documents {
namespace {

std::shared_ptr<const Document> Doc(const std::string& body) { return Document::Make(body, 100); }

TEST(DocumentStoreTest, StartsEmpty) {
  DocumentStore store;
  EXPECT_EQ(store.size(), 0u);
  EXPECT_EQ(store.generation(), 0u);
  EXPECT_EQ(store.Find("ry/example/v2/monitoring/state"), nullptr);
  ASSERT_NE(store.Snapshot(), nullptr);
}

TEST(DocumentStoreTest, PublishedDocumentsAreFound) {
  DocumentStore store;
  DocumentBatch batch;
  batch.Put("ry/example/v2/monitoring/state", Doc("s"));
  batch.Put("ry/example/v2/monitoring/dns/alarmed", Doc("a"));
  store.Publish(std::move(batch));
  EXPECT_EQ(store.generation(), 1u);
  EXPECT_EQ(store.size(), 2u);
  ASSERT_NE(store.Find("ry/example/v2/monitoring/state"), nullptr);
  EXPECT_EQ(store.Find("ry/example/v2/monitoring/state")->body(), "s");
  EXPECT_EQ(store.Find("ry/example/v2/monitoring/dns/alarmed")->body(), "a");
  EXPECT_EQ(store.Find("ry/example/v2/monitoring/dns/downtime"), nullptr);
}

TEST(DocumentStoreTest, LaterBatchesReplaceAndRemove) {
  DocumentStore store;
  DocumentBatch first;
  first.Put("ry/a/v2/monitoring/state", Doc("1"));
  first.Put("ry/a/v2/monitoring/dns/downtime", Doc("d"));
  first.Put("ry/b/v2/monitoring/state", Doc("b"));
  store.Publish(std::move(first));

  DocumentBatch second;
  second.Put("ry/a/v2/monitoring/state", Doc("2"));
  second.Remove("ry/a/v2/monitoring/dns/downtime");  // service disabled => 404
  second.Remove("ry/never/there");
  store.Publish(std::move(second));
  EXPECT_EQ(store.Find("ry/a/v2/monitoring/state")->body(), "2");
  EXPECT_EQ(store.Find("ry/a/v2/monitoring/dns/downtime"), nullptr);
  EXPECT_EQ(store.Find("ry/b/v2/monitoring/state")->body(), "b");
}

TEST(DocumentStoreTest, OperationsApplyInOrder) {
  DocumentStore store;
  DocumentBatch seed;
  seed.Put("ry/a/v2/x", Doc("x"));
  seed.Put("ry/a/v2/y", Doc("y"));
  seed.Put("ry/ab/v2/z", Doc("z"));
  store.Publish(std::move(seed));

  DocumentBatch batch;
  batch.RemovePrefix("ry/a/");  // the TLD "a" was deleted; "ab" is untouched
  batch.Put("ry/a/v2/y", Doc("y2"));  // ... and re-created in the same batch
  batch.Put("ry/c/v2/w", Doc("w"));
  batch.Put("ry/c/v2/w", nullptr);  // null put removes
  store.Publish(std::move(batch));
  EXPECT_EQ(store.Find("ry/a/v2/x"), nullptr);
  ASSERT_NE(store.Find("ry/a/v2/y"), nullptr);
  EXPECT_EQ(store.Find("ry/a/v2/y")->body(), "y2");
  ASSERT_NE(store.Find("ry/ab/v2/z"), nullptr);
  EXPECT_EQ(store.Find("ry/c/v2/w"), nullptr);
  EXPECT_EQ(store.size(), 2u);
}

// A removal followed by a put of the same path in one batch keeps the put; a
// put followed by a removal removes (later operations win), for paths of the
// previous snapshot and new ones alike.
TEST(DocumentStoreTest, RemoveAndPutOfOnePathApplyInOrder) {
  DocumentStore store;
  DocumentBatch seed;
  seed.Put("ry/a/v2/x", Doc("x"));
  seed.Put("ry/a/v2/y", Doc("y"));
  store.Publish(std::move(seed));

  DocumentBatch batch;
  batch.Remove("ry/a/v2/x");
  batch.Put("ry/a/v2/x", Doc("x2"));
  batch.Put("ry/a/v2/y", Doc("y2"));
  batch.Remove("ry/a/v2/y");
  batch.Put("ry/b/v2/z", Doc("z"));
  batch.Remove("ry/b/v2/z");
  store.Publish(std::move(batch));
  ASSERT_NE(store.Find("ry/a/v2/x"), nullptr);
  EXPECT_EQ(store.Find("ry/a/v2/x")->body(), "x2");
  EXPECT_EQ(store.Find("ry/a/v2/y"), nullptr);
  EXPECT_EQ(store.Find("ry/b/v2/z"), nullptr);
  EXPECT_EQ(store.size(), 1u);
}

TEST(DocumentStoreTest, SnapshotsAreImmutable) {
  DocumentStore store;
  DocumentBatch b1;
  b1.Put("p", Doc("old"));
  store.Publish(std::move(b1));
  auto snap = store.Snapshot();
  auto doc = store.Find("p");
  DocumentBatch b2;
  b2.Put("p", Doc("new"));
  b2.Put("q", Doc("q"));
  store.Publish(std::move(b2));
  EXPECT_EQ(snap->size(), 1u);
  EXPECT_EQ(snap->at("p")->body(), "old");
  EXPECT_EQ(doc->body(), "old");  // a reader's document outlives the swap
  EXPECT_EQ(store.Find("p")->body(), "new");
}

// Readers never observe half a batch: every batch writes generation g into
// all of its documents, so a snapshot must hold one value throughout.
TEST(DocumentStoreTest, ReadersNeverSeeHalfABatch) {
  constexpr int kPaths = 50;
  constexpr int kBatches = 200;
  DocumentStore store;
  std::atomic<bool> done{false};
  std::atomic<int> torn{0};
  std::atomic<long> checks{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done.load(std::memory_order_acquire)) {
        auto snap = store.Snapshot();
        if (snap->empty()) continue;
        const std::string& first = snap->begin()->second->body();
        for (const auto& [path, doc] : *snap) {
          if (doc->body() != first) torn.fetch_add(1);
        }
        if (static_cast<int>(snap->size()) != kPaths) torn.fetch_add(1);
        checks.fetch_add(1);
      }
    });
  }
  for (int g = 1; g <= kBatches; ++g) {
    DocumentBatch batch;
    for (int i = 0; i < kPaths; ++i) batch.Put("ry/t" + std::to_string(i) + "/v2/monitoring/state", Doc(std::to_string(g)));
    store.Publish(std::move(batch));
  }
  done.store(true, std::memory_order_release);
  for (auto& r : readers) r.join();
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(store.generation(), static_cast<std::uint64_t>(kBatches));
  EXPECT_EQ(store.Find("ry/t7/v2/monitoring/state")->body(), std::to_string(kBatches));
}

}  // namespace
}  // namespace tldmon::documents

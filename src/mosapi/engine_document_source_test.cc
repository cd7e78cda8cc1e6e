#include "mosapi/engine_document_source.h"

#include <gtest/gtest.h>

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

void Put(documents::DocumentStore& store, const std::string& path, std::string body,
         UnixSeconds t) {
  documents::DocumentBatch batch;
  batch.Put(path, documents::Document::Make(std::move(body), t));
  store.Publish(std::move(batch));
}

TEST(EngineDocumentSource, WrapsEachDocumentOnce) {
  documents::DocumentStore store;
  EngineDocumentSource source(store);
  const std::string path = "ry/example/v2/monitoring/state";
  EXPECT_EQ(source.Find(path), nullptr);

  std::string body = R"({"version":2,"tld":"example","status":"Up","testedServices":{}})";
  for (int i = 0; i < 5; ++i) body += " ";
  Put(store, path, body, 1767225960);
  const auto doc = store.Find(path);
  auto a = source.Find(path);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->identity().data(), doc->body().data());  // shares the bytes, no copy
  EXPECT_EQ(a->etag(), doc->etag());                    // the engine's strong ETag
  EXPECT_EQ(a->last_modified(), 1767225960);
  EXPECT_EQ(a->content_type(), "application/json");
  // Same document → same wrapper → the gzip variant is computed once.
  EXPECT_EQ(source.Find(path), a);
  EXPECT_EQ(source.Find(path)->gzip().data(), a->gzip().data());

  // A new cycle publishes a new document: a new wrapper, new validators.
  Put(store, path, body + "\n", 1767226020);
  auto b = source.Find(path);
  ASSERT_TRUE(b);
  EXPECT_NE(b, a);
  EXPECT_EQ(b->last_modified(), 1767226020);
  EXPECT_NE(b->etag(), a->etag());
  // The old wrapper stays valid for responses still holding it.
  EXPECT_EQ(a->identity(), body);

  // Removed from the store → 404, and the cache lets go of it.
  documents::DocumentBatch remove;
  remove.Remove(path);
  store.Publish(std::move(remove));
  EXPECT_EQ(source.Find(path), nullptr);
  EXPECT_EQ(source.cached(), 0u);
  Put(store, "ry/other/v2/monitoring/state", "{}", 1);
  EXPECT_TRUE(source.Find("ry/other/v2/monitoring/state"));
  EXPECT_EQ(source.cached(), 1u);
}

}  // namespace
}  // namespace tldmon::mosapi

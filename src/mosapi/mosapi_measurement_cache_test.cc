#include "mosapi/mosapi_measurement_cache.h"

#include <gtest/gtest.h>

#include <string>

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

std::shared_ptr<const Representation> Body(std::size_t bytes) {
  return Representation::FromString(std::string(bytes, 'x'), 0);
}

TEST(MeasurementCacheTest, KeyNamesEntityVersionServiceAndCycle) {
  EXPECT_EQ(MeasurementCache::Key({EntityKind::kRegistry, "example"}, Service::kDnssec, 2, 60),
            "ry/example/2/dnssec/60");
  EXPECT_EQ(MeasurementCache::Key({EntityKind::kRegistrar, "9999"}, Service::kRdap, 1, 300),
            "rr/9999/1/rdap/300");
}

TEST(MeasurementCacheTest, FindsWhatWasInsertedAndCounts) {
  MeasurementCache cache;
  EXPECT_EQ(cache.Find("a"), nullptr);
  const auto a = Body(10);
  cache.Insert("a", a);
  EXPECT_EQ(cache.Find("a"), a);
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_EQ(cache.bytes(), 10u);
  EXPECT_EQ(cache.hits(), 1u);
  EXPECT_EQ(cache.misses(), 1u);
  // Replacing keeps one entry and its new size.
  cache.Insert("a", Body(4));
  EXPECT_EQ(cache.entries(), 1u);
  EXPECT_EQ(cache.bytes(), 4u);
}

TEST(MeasurementCacheTest, EvictsTheLeastRecentlyUsedBeyondTheEntryLimit) {
  MeasurementCache cache({/*max_entries=*/2, /*max_bytes=*/1000});
  cache.Insert("a", Body(1));
  cache.Insert("b", Body(1));
  ASSERT_NE(cache.Find("a"), nullptr);  // a is now more recent than b
  cache.Insert("c", Body(1));
  EXPECT_NE(cache.Find("a"), nullptr);
  EXPECT_EQ(cache.Find("b"), nullptr);
  EXPECT_NE(cache.Find("c"), nullptr);
  EXPECT_EQ(cache.entries(), 2u);
}

TEST(MeasurementCacheTest, EvictsBeyondTheByteLimitAndSkipsOversizedObjects) {
  MeasurementCache cache({/*max_entries=*/100, /*max_bytes=*/100});
  cache.Insert("a", Body(40));
  cache.Insert("b", Body(40));
  cache.Insert("c", Body(40));  // 120 > 100: a goes
  EXPECT_EQ(cache.Find("a"), nullptr);
  EXPECT_EQ(cache.bytes(), 80u);
  cache.Insert("huge", Body(101));
  EXPECT_EQ(cache.Find("huge"), nullptr);
  EXPECT_NE(cache.Find("b"), nullptr);  // nothing evicted for it
  EXPECT_NE(cache.Find("c"), nullptr);
}

}  // namespace
}  // namespace tldmon::mosapi

#include "documents/document.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tldmon::documents {
namespace {

TEST(DocumentTest, KeepsBodyAndLastModified) {
  auto doc = Document::Make(R"({"version":2})", 1767225960);
  EXPECT_EQ(doc->body(), R"({"version":2})");
  EXPECT_EQ(doc->last_modified(), 1767225960);
}

TEST(DocumentTest, EtagIsAQuotedStrongTagOfSixteenHexDigits) {
  auto doc = Document::Make("{}", 0);
  const std::string& tag = doc->etag();
  ASSERT_EQ(tag.size(), 18u);
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
  for (std::size_t i = 1; i < 17; ++i) {
    EXPECT_NE(std::string("0123456789abcdef").find(tag[i]), std::string::npos) << tag;
  }
  EXPECT_NE(tag.substr(0, 3), "W/\"");  // strong, not weak
}

TEST(DocumentTest, EtagDependsOnlyOnTheBody) {
  EXPECT_EQ(Document::Make("abc", 1)->etag(), Document::Make("abc", 2)->etag());
  EXPECT_NE(Document::Make("abc", 1)->etag(), Document::Make("abd", 1)->etag());
}

TEST(DocumentTest, FormatEtagWritesTheHashBigEndianInHex) {
  EXPECT_EQ(FormatEtag(0x0123456789abcdefULL), "\"0123456789abcdef\"");
  EXPECT_EQ(FormatEtag(0), "\"0000000000000000\"");
}

TEST(DocumentTest, BodyHashSeesEveryByteAndTheLength) {
  // Bodies differing in one byte at every position and length (covers the
  // 16-byte loop, the 8-byte step and the tail) hash differently.
  std::set<std::uint64_t> seen;
  std::string base(40, 'a');
  for (std::size_t len = 0; len <= base.size(); ++len) {
    const std::string s = base.substr(0, len);
    EXPECT_TRUE(seen.insert(BodyHash(s)).second) << "len " << len;
    for (std::size_t i = 0; i < len; ++i) {
      std::string t = s;
      t[i] = 'b';
      EXPECT_TRUE(seen.insert(BodyHash(t)).second) << "len " << len << " pos " << i;
    }
  }
  // Trailing zero bytes change the hash (the length is mixed in).
  EXPECT_NE(BodyHash(std::string_view("a", 1)), BodyHash(std::string_view("a\0", 2)));
}

TEST(DocumentTest, BodyHashIsDeterministic) {
  // No seed, no address dependence: equal bodies built separately agree, so
  // ETags survive restarts and agree across hosts.
  EXPECT_EQ(BodyHash(""), BodyHash(""));
  const std::uint64_t h = BodyHash(R"({"version":2,"lastUpdateApiDatabase":1611253980,"alarmed":"Yes"})");
  EXPECT_EQ(FormatEtag(h), FormatEtag(BodyHash(std::string(
                               R"({"version":2,"lastUpdateApiDatabase":1611253980,"alarmed":"Yes"})"))));
}

}  // namespace
}  // namespace tldmon::documents

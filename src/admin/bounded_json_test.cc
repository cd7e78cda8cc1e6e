#include "admin/bounded_json.h"

#include <gtest/gtest.h>

#include <string>

#include "admin/json_fields.h"

namespace tldmon::admin {
namespace {

bool MessageHas(const Status& s, std::string_view part) {
  return s.message().find(part) != std::string::npos;
}

TEST(BoundedJsonTest, ParsesValidJson) {
  Result<Json> r = ParseBoundedJson(R"({"a":[1,2,{"b":"c"}],"d":null})", JsonLimits{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)["a"][2]["b"], "c");
}

TEST(BoundedJsonTest, RejectsInputOverTheSizeLimitBeforeParsing) {
  // Not even valid JSON: the size check must come first.
  const std::string big(101, '[');
  Result<Json> r = ParseBoundedJson(big, JsonLimits{100, 8});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(MessageHas(r.status(), "101 bytes")) << r.status().message();
  EXPECT_TRUE(ParseBoundedJson(std::string(98, ' ') + "{}", JsonLimits{100, 8}).ok());
}

TEST(BoundedJsonTest, DepthLimitCountsContainers) {
  EXPECT_TRUE(ParseBoundedJson("[[[1]]]", JsonLimits{1024, 3}).ok());
  Result<Json> r = ParseBoundedJson("[[[[1]]]]", JsonLimits{1024, 3});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(MessageHas(r.status(), "nesting deeper than 3")) << r.status().message();
  EXPECT_FALSE(ParseBoundedJson(R"({"a":{"b":{"c":{}}}})", JsonLimits{1024, 3}).ok());
}

TEST(BoundedJsonTest, HugeNestingIsRejectedWithoutCrashing) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  Result<Json> r = ParseBoundedJson(deep, JsonLimits{1 << 20, 8});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(MessageHas(r.status(), "nesting"));
}

TEST(BoundedJsonTest, RejectsDuplicateKeysAtAnyLevel) {
  Result<Json> top = ParseBoundedJson(R"({"a":1,"a":2})", JsonLimits{});
  ASSERT_FALSE(top.ok());
  EXPECT_TRUE(MessageHas(top.status(), "duplicate key \"a\"")) << top.status().message();
  EXPECT_FALSE(ParseBoundedJson(R"([{"x":{"k":1,"k":1}}])", JsonLimits{}).ok());
  // An escaped spelling of the same key is the same key.
  EXPECT_FALSE(ParseBoundedJson(R"({"ab":1,"\u0061b":2})", JsonLimits{}).ok());
  // The same key in sibling objects is fine.
  EXPECT_TRUE(ParseBoundedJson(R"([{"k":1},{"k":2}])", JsonLimits{}).ok());
}

TEST(BoundedJsonTest, SyntaxErrorsAndBadUtf8AreErrorsNotExceptions) {
  for (std::string_view bad : {"", "{", "{\"a\":}", "[1,]", "tru", "{\"a\":1} x", "// c\n{}",
                               "\"\xC3\x28\"", "\"\xED\xA0\x80\"", "\"\\ud800\""}) {
    Result<Json> r = ParseBoundedJson(bad, JsonLimits{});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_TRUE(MessageHas(r.status(), "invalid JSON")) << r.status().message();
    EXPECT_FALSE(MessageHas(r.status(), "[json.exception")) << r.status().message();
  }
}

TEST(JsonFieldsTest, PathsAndTypedReads) {
  EXPECT_EQ(MemberPath("$", "tld"), "$.tld");
  EXPECT_EQ(ElementPath("$.domainListData", 2), "$.domainListData[2]");
  EXPECT_EQ(MemberPath("$", std::string(100, 'k')), "$." + std::string(64, 'k') + "...");

  const Json doc = Json::parse(R"({"i":5,"u":18446744073709551615,"f":5.0,"s":"x","n":-3})");
  EXPECT_EQ(*ReadInteger(doc["i"], "$.i"), 5);
  EXPECT_EQ(*ReadInteger(doc["n"], "$.n"), -3);
  Result<std::int64_t> too_big = ReadInteger(doc["u"], "$.u");
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().message(), "$.u: integer out of range");
  Result<std::int64_t> fractional = ReadInteger(doc["f"], "$.f");
  ASSERT_FALSE(fractional.ok());
  EXPECT_EQ(fractional.status().message(), "$.f: expected an integer, got number");
  EXPECT_EQ(ReadString(doc["i"], "$.i").status().message(), "$.i: expected a string, got integer");
  EXPECT_EQ(RequiredMember(doc, "$", "zz").status().message(), "$.zz: missing");
  EXPECT_EQ(ExpectOnlyMembers(doc, "$", {"i", "u", "f", "s"}).message(), "$.n: unknown field");
  EXPECT_TRUE(ExpectOnlyMembers(doc, "$", {"i", "u", "f", "s", "n"}).ok());
  EXPECT_EQ(ExpectArray(doc, "$").message(), "$: expected an array, got object");
  EXPECT_EQ(Quote("abc"), "\"abc\"");
  EXPECT_EQ(Quote(std::string(81, 'a')), "\"" + std::string(80, 'a') + "...\"");
  // 79 ASCII + a 2-byte character straddling byte 80: cut before it.
  EXPECT_EQ(Quote(std::string(79, 'a') + "\xC3\xA9" + "zz"), "\"" + std::string(79, 'a') + "...\"");
}

}  // namespace
}  // namespace tldmon::admin

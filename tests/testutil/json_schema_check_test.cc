// The schema checker behind openapi_document_test.cc must be able to fail:
// each keyword it enforces is shown rejecting a value, and Lint is shown
// rejecting keywords it would otherwise ignore.
#include "testutil/json_schema_check.h"

#include <gtest/gtest.h>

namespace tldmon::testutil {
namespace {

using Json = nlohmann::json;

class JsonSchemaCheckTest : public ::testing::Test {
 protected:
  bool Ok(const char* schema, const char* instance) {
    return check_.Check(Json::parse(schema), Json::parse(instance)).empty();
  }

  Json document_ = Json::parse(R"({"components": {"schemas": {
      "Id": {"type": "string", "pattern": "^[0-9]+$"},
      "Loop": {"$ref": "#/components/schemas/Loop"}}}})");
  JsonSchemaCheck check_{document_};
};

TEST_F(JsonSchemaCheckTest, Types) {
  EXPECT_TRUE(Ok(R"({"type": "integer"})", "3"));
  EXPECT_TRUE(Ok(R"({"type": "integer"})", "3.0"));  // 2020-12: zero fraction is an integer
  EXPECT_FALSE(Ok(R"({"type": "integer"})", "3.5"));
  EXPECT_FALSE(Ok(R"({"type": "integer"})", "\"3\""));
  EXPECT_TRUE(Ok(R"({"type": "number"})", "3.5"));
  EXPECT_TRUE(Ok(R"({"type": ["integer", "null"]})", "null"));
  EXPECT_FALSE(Ok(R"({"type": ["integer", "null"]})", "false"));
  EXPECT_FALSE(Ok(R"({"type": "object"})", "[]"));
  EXPECT_FALSE(Ok(R"({"type": "boolean"})", "\"true\""));
}

TEST_F(JsonSchemaCheckTest, ValuesAndStrings) {
  EXPECT_TRUE(Ok(R"({"enum": ["Up", "Down"]})", "\"Down\""));
  EXPECT_FALSE(Ok(R"({"enum": ["Up", "Down"]})", "\"UP\""));
  EXPECT_FALSE(Ok(R"({"const": "1.0"})", "1.0"));
  EXPECT_FALSE(Ok(R"({"pattern": "^[0-9]+$"})", "\"12a\""));
  EXPECT_TRUE(Ok(R"({"pattern": "[0-9]"})", "\"a1b\""));  // unanchored: search
  EXPECT_FALSE(Ok(R"({"maxLength": 2})", "\"abc\""));
  EXPECT_TRUE(Ok(R"({"maxLength": 2})", "\"\u00e9\u00e9\""));  // code points, not bytes
  EXPECT_FALSE(Ok(R"({"minLength": 1})", "\"\""));
  EXPECT_FALSE(Ok(R"({"minimum": -1})", "-2"));
  EXPECT_FALSE(Ok(R"({"maximum": 4294967295})", "4294967296"));
}

TEST_F(JsonSchemaCheckTest, Formats) {
  EXPECT_TRUE(Ok(R"({"format": "date"})", "\"2024-02-29\""));
  EXPECT_FALSE(Ok(R"({"format": "date"})", "\"2025-02-29\""));
  EXPECT_FALSE(Ok(R"({"format": "date"})", "\"2025-1-01\""));
  EXPECT_TRUE(Ok(R"({"format": "date-time"})", "\"2018-12-13T23:20:50.52Z\""));
  EXPECT_TRUE(Ok(R"({"format": "date-time"})", "\"2019-06-04T13:02:06+02:00\""));
  EXPECT_FALSE(Ok(R"({"format": "date-time"})", "\"2018-12-13 23:20:50Z\""));
  EXPECT_TRUE(Ok(R"({"format": "ipv4"})", "\"192.0.2.10\""));
  EXPECT_FALSE(Ok(R"({"format": "ipv4"})", "\"192.0.2.256\""));
  EXPECT_TRUE(Ok(R"({"format": "ipv6"})", "\"2001:db8::10\""));
  EXPECT_FALSE(Ok(R"({"format": "ipv6"})", "\"192.0.2.10\""));
  EXPECT_TRUE(Ok(R"({"format": "uri"})", "\"https://rdap.example/\""));
  EXPECT_FALSE(Ok(R"({"format": "uri"})", "\"rdap.example\""));
}

TEST_F(JsonSchemaCheckTest, ObjectsAndArrays) {
  const char* object = R"({"type": "object", "properties": {"a": {"type": "integer"}},
                           "required": ["a"], "additionalProperties": false})";
  EXPECT_TRUE(Ok(object, R"({"a": 1})"));
  EXPECT_FALSE(Ok(object, R"({})"));
  EXPECT_FALSE(Ok(object, R"({"a": 1, "b": 2})"));
  EXPECT_FALSE(Ok(object, R"({"a": "1"})"));
  const char* pair = R"({"type": "array", "minItems": 2, "maxItems": 2,
                         "prefixItems": [{"type": "string"}, {"type": "integer"}]})";
  EXPECT_TRUE(Ok(pair, R"(["a", 1])"));
  EXPECT_FALSE(Ok(pair, R"([1, "a"])"));
  EXPECT_FALSE(Ok(pair, R"(["a"])"));
  EXPECT_FALSE(Ok(pair, R"(["a", 1, 2])"));
  EXPECT_FALSE(Ok(R"({"items": {"type": "string"}})", R"(["a", 2])"));
}

TEST_F(JsonSchemaCheckTest, CombinatorsAndRefs) {
  const char* one_of = R"({"oneOf": [{"required": ["tld"]}, {"required": ["registrarID"]}]})";
  EXPECT_TRUE(Ok(one_of, R"({"tld": "example"})"));
  EXPECT_FALSE(Ok(one_of, R"({"tld": "example", "registrarID": 1})"));
  EXPECT_FALSE(Ok(one_of, R"({})"));
  EXPECT_FALSE(Ok(R"({"anyOf": [{"type": "string"}, {"type": "null"}]})", "1"));
  EXPECT_FALSE(Ok(R"({"allOf": [{"type": "integer"}, {"minimum": 2}]})", "1"));
  EXPECT_FALSE(Ok(R"({"not": {"enum": [".", ".."]}})", "\"..\""));
  EXPECT_TRUE(Ok(R"({"$ref": "#/components/schemas/Id"})", "\"42\""));
  EXPECT_FALSE(Ok(R"({"$ref": "#/components/schemas/Id"})", "\"4x\""));
  EXPECT_FALSE(Ok(R"({"$ref": "#/components/schemas/Missing"})", "1"));
  EXPECT_FALSE(Ok(R"({"$ref": "#/components/schemas/Loop"})", "1"));  // bounded, then fails
}

TEST_F(JsonSchemaCheckTest, ErrorsNameTheInstanceLocation) {
  const auto errors =
      check_.Check(Json::parse(R"({"properties": {"a": {"items": {"type": "string"}}}})"),
                   Json::parse(R"({"a": ["x", 2]})"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("/a/1: ", 0), 0u) << errors[0];
}

TEST_F(JsonSchemaCheckTest, LintRejectsWhatIsNotEnforced) {
  EXPECT_TRUE(check_
                  .Lint(Json::parse(R"({"type": "object", "description": "x",
      "properties": {"a": {"$ref": "#/components/schemas/Id"}}})"))
                  .empty());
  EXPECT_FALSE(check_.Lint(Json::parse(R"({"exclusiveMinimum": 0})")).empty());
  EXPECT_FALSE(check_.Lint(Json::parse(R"({"properties": {"a": {"uniqueItems": true}}})")).empty());
  EXPECT_FALSE(check_.Lint(Json::parse(R"({"items": {"$ref": "#/nowhere"}})")).empty());
  EXPECT_FALSE(check_.Lint(Json::parse(R"({"format": "email"})")).empty());
  EXPECT_FALSE(check_.Lint(Json::parse(R"({"pattern": "(["})")).empty());
  // And Check reports an unknown keyword instead of ignoring it.
  EXPECT_FALSE(Ok(R"({"multipleOf": 2})", "3"));
}

}  // namespace
}  // namespace tldmon::testutil

#include "documents/json_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

namespace tldmon::documents {
namespace {

std::string Str(std::string_view s) {
  std::string out;
  JsonWriter w(&out);
  w.String(s);
  w.Flush();
  return out;
}

std::string Thr(double v) {
  std::string out;
  AppendThreshold(v, &out);
  return out;
}

TEST(JsonWriterTest, EscapesQuotesBackslashAndControlCharacters) {
  EXPECT_EQ(Str("plain"), R"("plain")");
  EXPECT_EQ(Str("a\"b"), R"("a\"b")");
  EXPECT_EQ(Str("a\\b"), R"("a\\b")");
  EXPECT_EQ(Str("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(Str(std::string_view("\x00\x01\x1f", 3)), R"("\u0000\u0001\u001f")");
  // 0x7f and '/' need no escaping in JSON (RFC 8259 §7).
  EXPECT_EQ(Str("\x7f/"), "\"\x7f/\"");
}

TEST(JsonWriterTest, PassesUtf8Through) {
  const std::string s = "x\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";  // é € 😀
  EXPECT_EQ(Str(s), "\"" + s + "\"");
  EXPECT_EQ(nlohmann::json::parse(Str(s)).get<std::string>(), s);
}

TEST(JsonWriterTest, EscapedStringsRoundTripThroughAParser) {
  std::string all;
  for (int c = 0; c < 128; ++c) all.push_back(static_cast<char>(c));
  EXPECT_EQ(nlohmann::json::parse(Str(all)).get<std::string>(), all);
}

TEST(JsonWriterTest, Integers) {
  std::string out;
  JsonWriter w(&out);
  w.BeginArray();
  w.Int(0);
  w.Int(-415);
  w.Int(1767225600);
  w.Int(std::numeric_limits<std::int64_t>::min());
  w.Int(std::numeric_limits<std::int64_t>::max());
  w.EndArray();
  w.Flush();
  EXPECT_EQ(out, "[0,-415,1767225600,-9223372036854775808,9223372036854775807]");
}

TEST(JsonWriterTest, ThresholdHasAtMostThreeDecimalsAndNoTrailingZeros) {
  // mosapi-api.md §9.4 and slam-algorithms.md E6.
  EXPECT_EQ(Thr(0), "0");
  EXPECT_EQ(Thr(1.0 * 100 / 240), "0.417");
  EXPECT_EQ(Thr(3.0 * 100 / 240), "1.25");
  EXPECT_EQ(Thr(30.0 * 100 / 240), "12.5");
  EXPECT_EQ(Thr(240.0 * 100 / 240), "100");
  EXPECT_EQ(Thr(15.0 * 100 / 1440), "1.042");
  EXPECT_EQ(Thr(10.0 * 100 / 240), "4.167");
  EXPECT_EQ(Thr(25.0 * 100 / 1440), "1.736");
  EXPECT_EQ(Thr(5.0 * 100 / 1440), "0.347");
  EXPECT_EQ(Thr(24.0 * 100 / 240), "10");
  // A value already rounded to 3 decimals but stored inexactly.
  EXPECT_EQ(Thr(1.042), "1.042");
  EXPECT_EQ(Thr(0.1), "0.1");
  EXPECT_EQ(Thr(1.05), "1.05");
  // Rounding at the edges.
  EXPECT_EQ(Thr(0.0004), "0");
  EXPECT_EQ(Thr(0.0005), "0.001");
  EXPECT_EQ(Thr(99.9996), "100");
  EXPECT_EQ(Thr(1234.5), "1234.5");
  // Issue 8 C2: exact binary ties go to the even digit, as RSM's
  // sprintf("%.3f") (1 and 5 minutes of a 320-minute budget).
  EXPECT_EQ(Thr(1.0 * 100 / 320), "0.312");
  EXPECT_EQ(Thr(5.0 * 100 / 320), "1.562");
  EXPECT_EQ(Thr(-0.0001), "0");
  EXPECT_EQ(Thr(-2.5), "-2.5");
  EXPECT_EQ(Thr(std::numeric_limits<double>::quiet_NaN()), "0");
  EXPECT_EQ(Thr(std::numeric_limits<double>::infinity()), "0");
}

TEST(JsonWriterTest, ThresholdsParseAsNumbers) {
  for (double v : {0.0, 0.417, 1.25, 12.5, 100.0}) {
    const auto j = nlohmann::json::parse(Thr(v));
    ASSERT_TRUE(j.is_number()) << v;
    EXPECT_DOUBLE_EQ(j.get<double>(), v);
  }
}

TEST(JsonWriterTest, InsertsCommasInNestedStructures) {
  std::string out = "prefix:";
  JsonWriter w(&out);
  w.BeginObject();
  w.FieldInt("a", 1);
  w.Key("b");
  w.BeginArray();
  w.BeginObject();
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.Null();
  w.Bool(true);
  w.Bool(false);
  w.OptInt(std::nullopt);
  w.OptInt(7);
  w.RawValue(R"({"x":1})");
  w.EndArray();
  w.Field("c", "d");
  w.Key("e");
  w.BeginObject();
  w.Key("f");
  w.Threshold(12.5);
  w.EndObject();
  w.EndObject();
  w.Flush();
  EXPECT_EQ(out, R"(prefix:{"a":1,"b":[{},[],null,true,false,null,7,{"x":1}],"c":"d","e":{"f":12.5}})");
  EXPECT_TRUE(nlohmann::json::accept(out.substr(7)));
}

TEST(JsonWriterTest, KeysAreMemberNamesWrittenVerbatim) {
  std::string out;
  {
    JsonWriter w(&out);
    w.BeginObject();
    w.FieldInt("DNSSEC", 1);
    w.EndObject();
  }
  EXPECT_EQ(out, R"({"DNSSEC":1})");
}

// The escape scan works on 8-byte words: every special byte must be found
// at every position of strings around the word size.
TEST(JsonWriterTest, EscapesSpecialBytesAtEveryPosition) {
  const std::string specials = std::string("\"\\\n\x1f", 4) + std::string(1, '\0');
  for (char special : specials) {
    for (std::size_t len = 1; len <= 24; ++len) {
      for (std::size_t pos = 0; pos < len; ++pos) {
        std::string s(len, 'a');
        s[pos] = special;
        const std::string json = Str(s);
        const auto parsed = nlohmann::json::parse(json, nullptr, false);
        ASSERT_FALSE(parsed.is_discarded()) << json;
        EXPECT_EQ(parsed.get<std::string>(), s);
        std::string unescaped;
        // Decode by hand: the only escapes produced are \" \\ \n \u00XX.
        for (std::size_t i = 1; i + 1 < json.size(); ++i) {
          if (json[i] != '\\') {
            unescaped.push_back(json[i]);
            continue;
          }
          const char e = json[++i];
          if (e == 'n') unescaped.push_back('\n');
          else if (e == 'u') { unescaped.push_back(static_cast<char>(std::stoi(json.substr(i + 1, 4), nullptr, 16))); i += 4; }
          else unescaped.push_back(e);
        }
        EXPECT_EQ(unescaped, s) << "len " << len << " pos " << pos;
      }
    }
  }
}

TEST(JsonWriterTest, FlushTrimsPreGrownSpace) {
  std::string out = "x";
  JsonWriter w(&out);
  w.Reserve(1000);
  w.Int(5);
  w.Flush();
  EXPECT_EQ(out, "x5");
  w.Int(6);  // writing may continue after Flush
  w.Flush();
  EXPECT_EQ(out, "x5,6");
}

}  // namespace
}  // namespace tldmon::documents

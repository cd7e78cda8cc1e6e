#include "admin/extended_error.h"

#include "core/status.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tldmon::admin {
namespace {

// Codes and messages typed from mosapi-api.md §7 "Project default: messages".
TEST(ExtendedErrorTest, MessagesAreTheProjectDefaults) {
  EXPECT_EQ(ResultCodeMessage(ResultCode::kInvalidInput), "Invalid input");
  EXPECT_EQ(ResultCodeMessage(ResultCode::kEndTimeNotAfterStart),
            "endTime must be after startTime");
  EXPECT_EQ(ResultCodeMessage(ResultCode::kDateRangeTooLong), "Date range exceeds 31 days");
  EXPECT_EQ(ResultCodeMessage(ResultCode::kEndDateBeforeStartDate), "endDate is before startDate");
  EXPECT_EQ(ResultCodeMessage(ResultCode::kInvalidStartDate), "Invalid startDate");
  EXPECT_EQ(ResultCodeMessage(ResultCode::kInvalidEndDate), "Invalid endDate");
  EXPECT_EQ((ExtendedError{ResultCode::kInvalidInput, ""}.result_code()), 2001);
  EXPECT_EQ((ExtendedError{ResultCode::kEndTimeNotAfterStart, ""}.result_code()), 2007);
  EXPECT_EQ((ExtendedError{ResultCode::kDateRangeTooLong, ""}.result_code()), 2011);
  EXPECT_EQ((ExtendedError{ResultCode::kEndDateBeforeStartDate, ""}.result_code()), 2012);
  EXPECT_EQ((ExtendedError{ResultCode::kInvalidStartDate, ""}.result_code()), 2013);
  EXPECT_EQ((ExtendedError{ResultCode::kInvalidEndDate, ""}.result_code()), 2014);
}

TEST(ExtendedErrorTest, BodyHasNumericResultCodeAndFieldOrder) {
  const std::string body =
      RenderExtendedError(ExtendedError{ResultCode::kInvalidStartDate, "2025-13-01"});
  EXPECT_EQ(body,
            R"({"resultCode":2013,"message":"Invalid startDate","description":"2025-13-01"})");
}

TEST(ExtendedErrorTest, LongDescriptionIsCutOnACharacterBoundary) {
  // 150 two-byte characters = 300 bytes: the cut must not split one.
  std::string text;
  for (int i = 0; i < 150; ++i) text += "\xC3\xA9";  // é
  const auto body =
      nlohmann::json::parse(RenderExtendedError(ExtendedError{ResultCode::kInvalidInput, text}));
  const auto description = body["description"].get<std::string>();
  EXPECT_LE(description.size(), kMaxDescriptionBytes);
  EXPECT_EQ(description.substr(description.size() - 3), "...");
  const std::string kept = description.substr(0, description.size() - 3);
  EXPECT_EQ(kept.size() % 2, 0u);
  EXPECT_EQ(kept, text.substr(0, kept.size()));
}

TEST(ExtendedErrorTest, InvalidUtf8InDescriptionDoesNotThrow) {
  const std::string body =
      RenderExtendedError(ExtendedError{ResultCode::kInvalidEndDate, "ab\xFF\xFE"});
  const auto parsed = nlohmann::json::parse(body);
  EXPECT_EQ(parsed["resultCode"], 2014);
  EXPECT_EQ(parsed["description"], "ab\xEF\xBF\xBD\xEF\xBF\xBD");  // two U+FFFD
}

TEST(ExtendedErrorResultTest, HoldsValueOrError) {
  Result<int, ExtendedError> value = 7;
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, 7);
  Result<int, ExtendedError> error = ExtendedError{ResultCode::kInvalidEndDate, "x"};
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error().result_code(), 2014);
  EXPECT_EQ(error.error().description, "x");
}

}  // namespace
}  // namespace tldmon::admin

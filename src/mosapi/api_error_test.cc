#include "mosapi/api_error.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace tldmon::mosapi {
namespace {

using namespace ::tldmon::http;  // NOLINT(google-build-using-namespace)

TEST(ApiError, TableRowsRenderPerSection5) {
  for (int i = 1; i < kApiErrorKindCount; ++i) {
    const auto kind = static_cast<ApiErrorKind>(i);
    const ApiErrorInfo& info = ErrorInfo(kind);
    SCOPED_TRACE(info.message);
    EXPECT_EQ(info.kind, kind);
    const std::string body = ErrorBody(kind, "detail \xff\"<x>");
    EXPECT_FALSE(body.empty());  // §5: never an empty body
    if (info.http_status == 401 || info.http_status == 403 || info.http_status == 429) {
      // §4.3: text/plain bodies.
      EXPECT_TRUE(info.text_plain);
      EXPECT_EQ(body, info.message);
      continue;
    }
    EXPECT_FALSE(info.text_plain);
    const auto json = nlohmann::json::parse(body);  // valid JSON despite the 0xff byte
    EXPECT_EQ(json.at("message"), info.message);
    EXPECT_TRUE(json.at("description").is_string());
    if (info.http_status == 400) {
      // §7: 400 bodies carry a numeric resultCode.
      EXPECT_TRUE(json.at("resultCode").is_number_integer());
      EXPECT_EQ(json.at("resultCode"), info.result_code);
    } else {
      EXPECT_FALSE(json.contains("resultCode"));
    }
  }
  EXPECT_EQ(ErrorBody(ApiErrorKind::kUnauthenticated, ""),
            "The client could not be authenticated using any of the available methods: "
            "TLS-Client-Authentication or Session Cookie.");
  const auto long_desc = nlohmann::json::parse(ErrorBody(ApiErrorKind::kNotFound, std::string(1000, 'x')));
  EXPECT_EQ(long_desc.at("description").get<std::string>().size(), 200u);
}

TEST(Query, ErrorsBecomeMosapiResultCodes) {
  // A repeated date parameter is that parameter's syntax error (§7: 2013/2014);
  // any other malformed query is 2001 Invalid input.
  EXPECT_EQ(ToApiError({QueryErrorKind::kDuplicateKey, "startDate"}), ApiErrorKind::kInvalidStartDate);
  EXPECT_EQ(ToApiError({QueryErrorKind::kBadEscape, "endDate"}), ApiErrorKind::kInvalidEndDate);
  EXPECT_EQ(ToApiError({QueryErrorKind::kDuplicateKey, "other"}), ApiErrorKind::kInvalidInput);
  EXPECT_EQ(ToApiError({QueryErrorKind::kTooManyParams, ""}), ApiErrorKind::kInvalidInput);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kInvalidStartDate).result_code, 2013);
  EXPECT_EQ(ErrorInfo(ApiErrorKind::kInvalidInput).result_code, 2001);
}

TEST(ApiError, HttpLayerErrorsMapToTheTable) {
  // What the HTTP layer rejects on its own reaches MoSAPI clients in the
  // table's format: a malformed request is 2001 Invalid input (§7).
  EXPECT_EQ(ToApiError(http::HttpError::kBadRequest), ApiErrorKind::kInvalidInput);
  EXPECT_EQ(ToApiError(http::HttpError::kHeaderTooLarge), ApiErrorKind::kHeaderTooLarge);
  EXPECT_EQ(ToApiError(http::HttpError::kServiceUnavailable), ApiErrorKind::kServiceUnavailable);
  for (auto e : {http::HttpError::kBadRequest, http::HttpError::kForbidden, http::HttpError::kNotFound,
                 http::HttpError::kRequestTimeout, http::HttpError::kPayloadTooLarge,
                 http::HttpError::kUriTooLong, http::HttpError::kHeaderTooLarge,
                 http::HttpError::kInternal, http::HttpError::kNotImplemented,
                 http::HttpError::kServiceUnavailable, http::HttpError::kVersionNotSupported}) {
    EXPECT_EQ(ErrorInfo(ToApiError(e)).http_status, http::StatusOf(e));
  }
}

}  // namespace
}  // namespace tldmon::mosapi

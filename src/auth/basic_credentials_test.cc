#include "auth/basic_credentials.h"

#include <gtest/gtest.h>

#include "testutil/test_base64.h"

namespace tldmon::auth {
namespace {

using testutil::Base64;
using testutil::BasicHeader;

// RFC 7617 §2 example.
TEST(BasicCredentialsTest, Rfc7617Example) {
  Result<BasicCredentials> c = ParseBasicAuthorization("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->username, "Aladdin");
  EXPECT_EQ(c->password, "open sesame");
}

// mosapi-api.md §4.1: `tld_ry:myPassword` as Nomulus sends it.
TEST(BasicCredentialsTest, RegistryAccount) {
  Result<BasicCredentials> c = ParseBasicAuthorization(BasicHeader("tld_ry", "myPassword"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->username, "tld_ry");
  EXPECT_EQ(c->password, "myPassword");
}

TEST(BasicCredentialsTest, SchemeCaseAndBlanks) {
  const std::string token = Base64("u:p");
  for (const std::string& h : {"basic " + token, "BASIC " + token, "Basic   " + token,
                               "  Basic " + token + "  ", "Basic\t" + token}) {
    Result<BasicCredentials> c = ParseBasicAuthorization(h);
    ASSERT_TRUE(c.ok()) << h;
    EXPECT_EQ(c->username, "u");
  }
}

// RFC 7617 §2: the user-id ends at the first colon; the password may hold more.
TEST(BasicCredentialsTest, PasswordMayContainColons) {
  Result<BasicCredentials> c = ParseBasicAuthorization(BasicHeader("example_ry", "a:b::c"));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->username, "example_ry");
  EXPECT_EQ(c->password, "a:b::c");
}

TEST(BasicCredentialsTest, EmptyPasswordIsWellFormed) {
  Result<BasicCredentials> c = ParseBasicAuthorization(BasicHeader("u", ""));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->password, "");
}

TEST(BasicCredentialsTest, RejectsMalformedHeaders) {
  const std::vector<std::string> bad = {
      "",                                                // nothing
      "   ",                                             // blanks only
      "Basic",                                           // no token
      "Basic ",                                          // no token
      "Bearer " + Base64("u:p"),                         // another scheme
      "Digest username=\"u\"",                           // another scheme
      "Basic " + Base64("nocolon"),                      // no colon
      "Basic " + Base64(":password"),                    // empty user-id
      "Basic !!!!",                                      // not base64
      "Basic " + Base64("u:p") + "x",                    // trailing garbage
      "Basic " + Base64("u:p") + " extra",               // two tokens
      "Basic " + Base64("u:p").substr(0, 3),             // truncated
      "Basic " + Base64("u\n:p"),                        // control character in user
      "Basic " + Base64(std::string("u:p\0q", 5)),       // NUL in password
      "Basic " + Base64(std::string(256, 'u') + ":p"),   // user too long
      "Basic " + Base64("u:" + std::string(1025, 'p')),  // password too long
  };
  for (const std::string& h : bad) EXPECT_FALSE(ParseBasicAuthorization(h).ok()) << h;
  // Base64 without its padding is not RFC 4648 §4 base64: "dTpwcQ" is "u:pq".
  EXPECT_FALSE(ParseBasicAuthorization("Basic dTpwcQ").ok());
  EXPECT_TRUE(ParseBasicAuthorization("Basic dTpwcQ==").ok());
}

TEST(BasicCredentialsTest, HugeInputIsRefusedCheaply) {
  const std::string huge = "Basic " + std::string(1 << 20, 'A');
  Result<BasicCredentials> c = ParseBasicAuthorization(huge);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("too long"), std::string::npos);
  EXPECT_TRUE(IsBasicScheme(huge));
}

TEST(BasicCredentialsTest, LimitsAreInclusive) {
  EXPECT_TRUE(ParseBasicAuthorization(
                  BasicHeader(std::string(kMaxUsername, 'u'), std::string(kMaxPassword, 'p')))
                  .ok());
}

TEST(BasicCredentialsTest, IsBasicScheme) {
  EXPECT_TRUE(IsBasicScheme("Basic xyz"));
  EXPECT_TRUE(IsBasicScheme("basic"));
  EXPECT_FALSE(IsBasicScheme(""));
  EXPECT_FALSE(IsBasicScheme("Bearer abc"));
  EXPECT_FALSE(IsBasicScheme("Basically abc"));
}

}  // namespace
}  // namespace tldmon::auth

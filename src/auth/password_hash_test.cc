#include "auth/password_hash.h"

#include <gtest/gtest.h>

namespace tldmon::auth {
namespace {

TEST(PasswordHashTest, HashIsArgon2idAndVerifies) {
  Result<std::string> h = HashPassword("correct horse", PwhashLimits::Min());
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(LooksLikeArgon2idHash(*h));
  EXPECT_TRUE(VerifyPassword(*h, "correct horse"));
  EXPECT_FALSE(VerifyPassword(*h, "correct horsE"));
  EXPECT_FALSE(VerifyPassword(*h, ""));
  EXPECT_EQ(h->find("correct horse"), std::string::npos);
}

TEST(PasswordHashTest, SaltMakesEveryHashDifferent) {
  Result<std::string> a = HashPassword("pw", PwhashLimits::Min());
  Result<std::string> b = HashPassword("pw", PwhashLimits::Min());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword(*a, "pw"));
  EXPECT_TRUE(VerifyPassword(*b, "pw"));
}

TEST(PasswordHashTest, MalformedHashNeverVerifies) {
  EXPECT_FALSE(VerifyPassword("", "pw"));
  EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "pw"));
  EXPECT_FALSE(VerifyPassword(std::string(1000, '$'), "pw"));
  EXPECT_FALSE(LooksLikeArgon2idHash("$argon2i$v=19$m=8,t=1,p=1$x$y"));
  EXPECT_FALSE(LooksLikeArgon2idHash("plaintext"));
  EXPECT_FALSE(LooksLikeArgon2idHash(std::string("$argon2id$\0x", 12)));
}

TEST(PasswordHashTest, LimitsAreEncodedInTheHash) {
  Result<std::string> h = HashPassword("pw", PwhashLimits::Min());
  ASSERT_TRUE(h.ok());
  // m= is in KiB (8192 bytes = 8 KiB), t= the passes.
  EXPECT_NE(h->find("m=8,t=1,p=1"), std::string::npos) << *h;
  EXPECT_FALSE(NeedsRehash(*h, PwhashLimits::Min()));
  EXPECT_TRUE(NeedsRehash(*h, PwhashLimits::Interactive()));
  EXPECT_TRUE(NeedsRehash("junk", PwhashLimits::Min()));
}

TEST(PwhashLimitsTest, Validate) {
  EXPECT_TRUE(PwhashLimits::Interactive().Validate().ok());
  EXPECT_TRUE(PwhashLimits::Moderate().Validate().ok());
  EXPECT_TRUE(PwhashLimits::Min().Validate().ok());
  EXPECT_EQ(PwhashLimits::Interactive().opslimit, 2u);
  EXPECT_EQ(PwhashLimits::Interactive().memlimit, 64u << 20);
  EXPECT_FALSE((PwhashLimits{0, 8192}).Validate().ok());
  EXPECT_FALSE((PwhashLimits{1, 1024}).Validate().ok());
  EXPECT_FALSE(HashPassword("pw", PwhashLimits{0, 8192}).ok());
}

}  // namespace
}  // namespace tldmon::auth

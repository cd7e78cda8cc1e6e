#include "auth/access_records.h"

#include <gtest/gtest.h>

#include "auth/auth_limits.h"

namespace tldmon::auth {
namespace {

// mosapi-api.md §4.1: registry accounts are conventionally `<tld>_ry`.
TEST(AccessRecordsTest, DefaultUsernames) {
  EXPECT_EQ(DefaultUsername({EntityKind::kRegistry, "example"}), "example_ry");
  EXPECT_EQ(DefaultUsername({EntityKind::kRegistry, "xn--p1ai"}), "xn--p1ai_ry");
  EXPECT_EQ(DefaultUsername({EntityKind::kRegistrar, "9999"}), "9999_rr");
  EXPECT_TRUE(ValidateUsername(DefaultUsername({EntityKind::kRegistry, "zz--root"})).ok());
}

TEST(AccessRecordsTest, ValidateUsername) {
  EXPECT_TRUE(ValidateUsername("example_ry").ok());
  EXPECT_TRUE(ValidateUsername("ops@rsp.example").ok());
  EXPECT_FALSE(ValidateUsername("").ok());
  EXPECT_FALSE(ValidateUsername("a:b").ok());  // RFC 7617: no colon in a user-id
  EXPECT_FALSE(ValidateUsername("a b").ok());
  EXPECT_FALSE(ValidateUsername("a\nb").ok());
  EXPECT_FALSE(ValidateUsername(std::string(65, 'a')).ok());
}

TEST(AuthLimitsTest, DefaultsAreTheProjectDefaults) {
  const AuthLimits l;
  EXPECT_TRUE(l.Validate().ok());
  EXPECT_EQ(l.session_lifetime, 900);  // §4.2: 15 minutes
  EXPECT_EQ(l.max_sessions_per_account, 1);
  EXPECT_EQ(l.max_logins_per_account, 10);  // §4.3
  EXPECT_EQ(l.max_logins_per_source, 30);
  EXPECT_EQ(l.login_window, 60);
  EXPECT_EQ(l.max_tracked_sources, 100000u);
  EXPECT_EQ(l.lockout_after_failures, 5);
  EXPECT_EQ(l.lockout_base, 30);
  EXPECT_EQ(l.lockout_max, 900);
  EXPECT_FALSE(l.accept_basic_on_data);  // §10.2: strict by default
  EXPECT_EQ(l.pwhash.opslimit, PwhashLimits::Interactive().opslimit);
  EXPECT_EQ(l.pwhash.memlimit, PwhashLimits::Interactive().memlimit);
}

TEST(AuthLimitsTest, ValidateRejectsNonsense) {
  auto bad = [](auto mutate) {
    AuthLimits l;
    mutate(l);
    return !l.Validate().ok();
  };
  EXPECT_TRUE(bad([](AuthLimits& l) { l.session_lifetime = 0; }));
  EXPECT_TRUE(bad([](AuthLimits& l) { l.max_sessions_per_account = 0; }));
  EXPECT_TRUE(bad([](AuthLimits& l) { l.max_logins_per_account = 0; }));
  EXPECT_TRUE(bad([](AuthLimits& l) { l.max_logins_per_source = -1; }));
  EXPECT_TRUE(bad([](AuthLimits& l) { l.login_window = 0; }));
  EXPECT_TRUE(bad([](AuthLimits& l) { l.source_ipv6_prefix_length = 129; }));
  EXPECT_TRUE(bad([](AuthLimits& l) { l.max_tracked_sources = 0; }));
  EXPECT_TRUE(bad([](AuthLimits& l) { l.lockout_after_failures = 0; }));
  EXPECT_TRUE(bad([](AuthLimits& l) { l.lockout_max = l.lockout_base - 1; }));
  EXPECT_TRUE(bad([](AuthLimits& l) { l.pwhash.opslimit = 0; }));
}

}  // namespace
}  // namespace tldmon::auth

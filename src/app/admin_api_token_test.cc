#include "app/admin_api_token.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace tldmon::app {
namespace {

TEST(AdminApiToken, MadeOnceWithMode0600ThenReadAsItIs) {
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "tldmon_admin_token";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = DefaultAdminTokenPath(dir.string());
  auto first = LoadOrCreateAdminToken(path);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->size(), 64u);
  EXPECT_EQ(first->find_first_not_of("0123456789abcdef"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = LoadOrCreateAdminToken(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *first);

  // An operator's own token, with a trailing newline, is read as it is.
  std::ofstream(path) << "  " << std::string(40, 'Z') << "\n";
  EXPECT_EQ(LoadOrCreateAdminToken(path).value(), std::string(40, 'Z'));
  std::ofstream(path) << "short\n";
  EXPECT_EQ(LoadOrCreateAdminToken(path).status().code(), StatusCode::kInvalidArgument);
  std::ofstream(path) << std::string(20, 'a') << " " << std::string(20, 'b') << "\n";
  EXPECT_FALSE(LoadOrCreateAdminToken(path).ok()) << "inner white space is not a token";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tldmon::app

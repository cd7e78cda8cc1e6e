#include "core/text.h"

#include <gtest/gtest.h>

namespace tldmon {
namespace {

TEST(TextTest, TrimBlanksRemovesOnlySpacesAndTabsAtTheEnds) {
  EXPECT_EQ(TrimBlanks(" \t a b\t "), "a b");
  EXPECT_EQ(TrimBlanks("\r\na\r\n"), "\r\na\r\n");
  EXPECT_EQ(TrimBlanks(" \t "), "");
  EXPECT_EQ(TrimBlanks(""), "");
}

TEST(TextTest, TrimBlanksAndCrAlsoRemovesCarriageReturns) {
  EXPECT_EQ(TrimBlanksAndCr("\r a \t\r"), "a");
  EXPECT_EQ(TrimBlanksAndCr("a\n"), "a\n");
}

TEST(TextTest, EqualsIgnoreAsciiCase) {
  EXPECT_TRUE(EqualsIgnoreAsciiCase("Basic", "bASIC"));
  EXPECT_TRUE(EqualsIgnoreAsciiCase("", ""));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("Basic", "Basi"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("gzip", "gzjp"));
  // Only ASCII letters fold: '@' (0x40) and '`' (0x60) differ by the case bit.
  EXPECT_FALSE(EqualsIgnoreAsciiCase("@", "`"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("\xC4", "\xE4"));
}

}  // namespace
}  // namespace tldmon

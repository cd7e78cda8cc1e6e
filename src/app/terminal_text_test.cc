#include "app/terminal_text.h"

#include <gtest/gtest.h>

#include <string>

namespace tldmon::app {
namespace {

TEST(EscapeControlBytesTest, PrintableAsciiAndUtf8PassUnchanged) {
  EXPECT_EQ(EscapeControlBytes("ry/example 192.0.2.1 ~!\"'\\"), "ry/example 192.0.2.1 ~!\"'\\");
  EXPECT_EQ(EscapeControlBytes("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80"),
            "caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80");
  EXPECT_EQ(EscapeControlBytes(""), "");
}

TEST(EscapeControlBytesTest, C0ControlsAndDelAreEscaped) {
  EXPECT_EQ(EscapeControlBytes("a\x1b[31mred\x07"), "a\\x1b[31mred\\x07");
  EXPECT_EQ(EscapeControlBytes(std::string("\0\t\n\r\x7f", 5)), "\\x00\\x09\\x0a\\x0d\\x7f");
}

TEST(EscapeControlBytesTest, C1ControlsAndInvalidUtf8AreEscaped) {
  EXPECT_EQ(EscapeControlBytes("x\xc2\x9b"
                               "2J"),
            "x\\xc2\\x9b2J");                             // CSI
  EXPECT_EQ(EscapeControlBytes("\xc2\xa0"), "\xc2\xa0");  // NBSP is not a control
  EXPECT_EQ(EscapeControlBytes("\x9b"
                               "2J"),
            "\\x9b2J");                                              // raw 8-bit CSI
  EXPECT_EQ(EscapeControlBytes("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
  EXPECT_EQ(EscapeControlBytes("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // surrogate
  EXPECT_EQ(EscapeControlBytes("ab\xe6\x97"), "ab\\xe6\\x97");       // truncated
}

}  // namespace
}  // namespace tldmon::app

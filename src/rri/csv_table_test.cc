#include "rri/csv_table.h"

#include <gtest/gtest.h>

namespace tldmon::rri {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvTableTest, CrlfAndLfGiveTheSameTable) {
  for (const char* text : {"a,b\r\n1,2\r\n3,4\r\n", "a,b\n1,2\n3,4\n", "a,b\n1,2\n3,4"}) {
    Result<CsvTable> t = ParseCsv(text);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(t->header, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(t->rows, (Rows{{"1", "2"}, {"3", "4"}}));
    EXPECT_EQ(t->row_lines, (std::vector<int>{2, 3}));
  }
}

TEST(CsvTableTest, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  Result<CsvTable> t = ParseCsv("name,id\r\n\"Registrar, Inc.\",81\r\n\"The \"\"Best\"\"\",9\r\n\"two\nlines\",\"\"\r\nnext,1\r\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->rows, (Rows{{"Registrar, Inc.", "81"}, {"The \"Best\"", "9"}, {"two\nlines", ""}, {"next", "1"}}));
  EXPECT_EQ(t->row_lines, (std::vector<int>{2, 3, 4, 6})) << "a record after a quoted line break starts one line later";
}

TEST(CsvTableTest, ABomIsSkippedAndNothingIsTrimmed) {
  Result<CsvTable> t = ParseCsv("\xEF\xBB\xBFtld, x\nexample , 5\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header, (std::vector<std::string>{"tld", " x"}));
  EXPECT_EQ(t->rows, (Rows{{"example ", " 5"}}));
}

TEST(CsvTableTest, EmptyFieldsAndTrailingEmptyLines) {
  Result<CsvTable> t = ParseCsv("a,b,c\nTotals,,7\n\n\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows, (Rows{{"Totals", "", "7"}}));
}

TEST(CsvTableTest, SyntaxErrorsNameTheLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"a,b\n\"x,y\n", "line 2: unterminated quote"},
      {"a,b\nx\"y,1\n", "line 2: a quote inside an unquoted field"},
      {"a,b\n\"x\"y,1\n", "line 2: text after a closing quote"},
      {"a,b\r1,2\n", "line 1: CR without LF"},
      {"a,b\n\n1,2\n", "empty line between records"},
      {"", "no header line"},
  };
  for (const auto& [text, want] : cases) {
    Result<CsvTable> t = ParseCsv(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.status().message().find(want), std::string::npos) << t.status().message();
  }
}

}  // namespace
}  // namespace tldmon::rri

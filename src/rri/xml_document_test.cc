#include "rri/xml_document.h"

#include <gtest/gtest.h>

namespace tldmon::rri {
namespace {

TEST(XmlDocumentTest, NamespacesResolveWhateverThePrefix) {
  for (const char* text : {"<a:r xmlns:a=\"urn:x\"><a:c> v </a:c></a:r>",
                           "<r xmlns=\"urn:x\"><c> v </c></r>",
                           "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"US-ASCII\"?><z:r xmlns:z=\"urn:x\"><!-- c --><z:c>v</z:c></z:r>"}) {
    Result<XmlDocument> d = XmlDocument::Parse(text);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_TRUE(XmlIs(d->root(), "urn:x", "r"));
    Result<std::vector<XmlNode>> c = XmlChildElements(d->root());
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c->size(), 1u);
    EXPECT_EQ(*XmlText((*c)[0]), "v");
  }
}

TEST(XmlDocumentTest, DtdsAndEntityBombsAreRefused) {
  const char* bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">"
      "<!ENTITY c \"&b;&b;&b;&b;\">]><r>&c;</r>";
  Result<XmlDocument> d = XmlDocument::Parse(bomb);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("DTD"), std::string::npos);
  EXPECT_FALSE(XmlDocument::Parse("<!DOCTYPE r SYSTEM \"file:///etc/passwd\"><r/>").ok());
}

TEST(XmlDocumentTest, OtherEncodingsAndMalformedDocumentsAreRefused) {
  Result<XmlDocument> latin = XmlDocument::Parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r/>");
  ASSERT_FALSE(latin.ok());
  EXPECT_NE(latin.status().message().find("ISO-8859-1"), std::string::npos);
  const std::string utf16("\xFF\xFE<\0r\0/\0>\0", 10);
  EXPECT_FALSE(XmlDocument::Parse(utf16).ok());
  Result<XmlDocument> broken = XmlDocument::Parse("<r><c></r>");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("line 1"), std::string::npos);
  EXPECT_FALSE(XmlDocument::Parse("").ok());
  EXPECT_FALSE(XmlDocument::Parse("<r/>", 3).ok()) << "the size limit";
}

TEST(XmlDocumentTest, TextBetweenElementsIsNotElementOnlyContent) {
  Result<XmlDocument> d = XmlDocument::Parse("<r>text<c/></r>");
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(XmlChildElements(d->root()).ok());
  EXPECT_FALSE(XmlText(d->root()).ok()) << "an element child in a simple element";
}

}  // namespace
}  // namespace tldmon::rri

// XmlDocument: an untrusted upload parsed by libxml2 (rri.md §5, §6), and
// the few walks the report parsers need.
//
// Safety: parsed from memory with its own parser context (no global error
// handler is touched: thread-safe once xmlInitParser ran, which Parse does
// once); no network (XML_PARSE_NONET); entities never substituted; and any
// document with a DOCTYPE is refused before and after parsing, so neither
// an external entity nor an entity bomb can be declared at all. Only
// UTF-8 and US-ASCII documents are accepted (rri.md §8 item 3).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

// libxml2's node type, without its headers in ours.
struct _xmlNode;
struct _xmlDoc;

namespace tldmon::rri {

using XmlNode = const _xmlNode*;

inline constexpr std::size_t kMaxXmlBytes = std::size_t{4} << 20;

class XmlDocument {
 public:
  // InvalidArgument with the parser's message and line when the bytes are
  // not a well-formed UTF-8/US-ASCII document without DTD, or too large.
  static Result<XmlDocument> Parse(std::string_view bytes, std::size_t max_bytes = kMaxXmlBytes);

  XmlNode root() const;

 private:
  struct Free {
    void operator()(_xmlDoc* d) const;
  };
  explicit XmlDocument(_xmlDoc* doc) : doc_(doc) {}
  std::unique_ptr<_xmlDoc, Free> doc_;
};

// The element's namespace URI ("" when none) and local name.
std::string_view XmlNamespace(XmlNode element);
std::string_view XmlLocalName(XmlNode element);
// Whether the element is {ns}name.
bool XmlIs(XmlNode element, std::string_view ns, std::string_view name);

// The element children in document order. Fails when the element has
// character data other than white space between them (element-only
// content) or an entity reference.
Result<std::vector<XmlNode>> XmlChildElements(XmlNode element);

// The text of a simple element, with leading and trailing white space
// removed (xs:token). Fails when it has element children.
Result<std::string> XmlText(XmlNode element);

// An attribute without namespace; nullopt when absent.
std::optional<std::string> XmlAttribute(XmlNode element, const char* name);

// The attributes' local names (to refuse unknown ones).
std::vector<std::string> XmlAttributeNames(XmlNode element);

}  // namespace tldmon::rri

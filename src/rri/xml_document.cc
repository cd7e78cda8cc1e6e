#include "core/text.h"
#include "rri/xml_document.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <mutex>

namespace tldmon::rri {
namespace {

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsXmlSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsXmlSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view View(const xmlChar* s) {
  return s == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(s));
}


}  // namespace

void XmlDocument::Free::operator()(_xmlDoc* d) const { xmlFreeDoc(d); }

Result<XmlDocument> XmlDocument::Parse(std::string_view bytes, std::size_t max_bytes) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  if (bytes.empty()) return InvalidArgument("the document is empty");
  if (bytes.size() > max_bytes)
    return InvalidArgument("the document is larger than " + std::to_string(max_bytes) + " bytes");
  // UTF-16 and UTF-32 documents (which libxml2 would detect and decode
  // without any declaration) hold NUL bytes or start with their byte-order
  // mark; UTF-8 never has NUL in an XML document.
  if (bytes.find('\0') != std::string_view::npos || bytes.substr(0, 2) == "\xFF\xFE" ||
      bytes.substr(0, 2) == "\xFE\xFF")
    return InvalidArgument("the document is not UTF-8 or US-ASCII (UTF-16 or UTF-32?)");
  if (bytes.find("<!DOCTYPE") != std::string_view::npos)
    return InvalidArgument("a document type declaration (DTD) is not allowed");
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> ctxt(xmlNewParserCtxt(),
                                                                  xmlFreeParserCtxt);
  if (!ctxt) return Internal("libxml2: no parser context");
  xmlDocPtr raw = xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()),
                                    "upload.xml", nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (raw == nullptr) {
    const xmlError* e = xmlCtxtGetLastError(ctxt.get());
    std::string why = e != nullptr && e->message != nullptr ? std::string(Trim(e->message))
                                                            : std::string("not well-formed");
    if (e != nullptr && e->line > 0) why = "line " + std::to_string(e->line) + ": " + why;
    return InvalidArgument("not well-formed XML: " + why);
  }
  XmlDocument doc(raw);
  if (raw->intSubset != nullptr || raw->extSubset != nullptr)
    return InvalidArgument("a document type declaration (DTD) is not allowed");
  // Without a declaration the document is UTF-8 (or UTF-16 with a BOM,
  // which libxml2 reports as the encoding).
  const std::string_view enc = View(raw->encoding);
  if (!enc.empty() && !EqualsIgnoreAsciiCase(enc, "UTF-8") && !EqualsIgnoreAsciiCase(enc, "US-ASCII") &&
      !EqualsIgnoreAsciiCase(enc, "ASCII"))
    return InvalidArgument("the document's encoding is " + std::string(enc) +
                           "; only UTF-8 or US-ASCII are accepted");
  if (xmlDocGetRootElement(raw) == nullptr) return InvalidArgument("the document has no element");
  return doc;
}

XmlNode XmlDocument::root() const { return xmlDocGetRootElement(doc_.get()); }

std::string_view XmlNamespace(XmlNode element) {
  return element->ns == nullptr ? std::string_view() : View(element->ns->href);
}

std::string_view XmlLocalName(XmlNode element) { return View(element->name); }

bool XmlIs(XmlNode element, std::string_view ns, std::string_view name) {
  return element != nullptr && element->type == XML_ELEMENT_NODE && XmlNamespace(element) == ns &&
         XmlLocalName(element) == name;
}

Result<std::vector<XmlNode>> XmlChildElements(XmlNode element) {
  std::vector<XmlNode> out;
  for (const xmlNode* c = element->children; c != nullptr; c = c->next) {
    switch (c->type) {
      case XML_ELEMENT_NODE: out.push_back(c); break;
      case XML_COMMENT_NODE:
      case XML_PI_NODE: break;
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE:
        if (!Trim(View(c->content)).empty()) {
          return InvalidArgument("<" + std::string(XmlLocalName(element)) +
                                 "> has text between its elements");
        }
        break;
      default:
        return InvalidArgument("<" + std::string(XmlLocalName(element)) +
                               "> has content that is not allowed (an entity reference?)");
    }
  }
  return out;
}

Result<std::string> XmlText(XmlNode element) {
  std::string text;
  for (const xmlNode* c = element->children; c != nullptr; c = c->next) {
    switch (c->type) {
      case XML_TEXT_NODE:
      case XML_CDATA_SECTION_NODE: text += View(c->content); break;
      case XML_COMMENT_NODE:
      case XML_PI_NODE: break;
      default:
        return InvalidArgument("<" + std::string(XmlLocalName(element)) +
                               "> must hold text only");
    }
  }
  return std::string(Trim(text));
}

std::optional<std::string> XmlAttribute(XmlNode element, const char* name) {
  for (const xmlAttr* a = element->properties; a != nullptr; a = a->next) {
    if (a->ns != nullptr || View(a->name) != name) continue;
    std::string value;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) value += View(c->content);
    return value;
  }
  return std::nullopt;
}

std::vector<std::string> XmlAttributeNames(XmlNode element) {
  std::vector<std::string> out;
  for (const xmlAttr* a = element->properties; a != nullptr; a = a->next)
    out.emplace_back(View(a->name));
  return out;
}

}  // namespace tldmon::rri

#include "rri/iirdea.h"

#include "rri/xml_text.h"

namespace tldmon::rri {

std::string IirdeaResponse(const Verdict& verdict) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iirdea:response xmlns:iirdea=\"";
  out += kIirdeaNamespace;
  out += "\">\n  <iirdea:result code=\"";
  out += std::to_string(static_cast<int>(verdict.code));
  out += "\">\n    <iirdea:msg>";
  AppendXmlEscaped(out, ResultMessage(verdict.code));
  out += "</iirdea:msg>\n";
  if (!verdict.description.empty()) {
    out += "    <iirdea:description>";
    AppendXmlEscaped(out, verdict.description);
    out += "</iirdea:description>\n";
  }
  out += "  </iirdea:result>\n</iirdea:response>\n";
  return out;
}

}  // namespace tldmon::rri

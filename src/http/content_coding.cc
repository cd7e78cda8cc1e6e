#include "http/content_coding.h"

#include "core/text.h"

namespace tldmon::http {

int ParseQValue(std::string_view t) {
  // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
  if (t.empty() || (t[0] != '0' && t[0] != '1')) return -1;
  int v = (t[0] - '0') * 1000;
  if (t.size() == 1) return v;
  if (t[1] != '.' || t.size() > 5) return -1;
  int scale = 100;
  for (std::size_t i = 2; i < t.size(); ++i, scale /= 10) {
    if (t[i] < '0' || t[i] > '9') return -1;
    v += (t[i] - '0') * scale;
  }
  return v > 1000 ? -1 : v;
}

bool PreferGzip(std::optional<std::string_view> header) {
  if (!header) return false;
  int q_gzip = -1, q_identity = -1, q_star = -1;  // -1: not listed
  std::string_view rest = *header;
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    std::string_view element = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const std::size_t semi = element.find(';');
    const std::string_view coding = TrimBlanks(element.substr(0, semi));
    if (coding.empty()) continue;
    int q = 1000;
    if (semi != std::string_view::npos) {
      // Only the weight parameter is defined for Accept-Encoding.
      const std::string_view param = TrimBlanks(element.substr(semi + 1));
      if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
      q = ParseQValue(TrimBlanks(param.substr(2)));
      if (q < 0) continue;
    }
    if (EqualsIgnoreAsciiCase(coding, "gzip") || EqualsIgnoreAsciiCase(coding, "x-gzip"))
      q_gzip = q;
    else if (EqualsIgnoreAsciiCase(coding, "identity"))
      q_identity = q;
    else if (coding == "*")
      q_star = q;
  }
  if (q_gzip < 0) q_gzip = q_star;  // "*" covers codings not listed
  if (q_gzip <= 0) return false;
  // identity is acceptable unless excluded by "identity;q=0" or "*;q=0" (§12.5.3).
  if (q_identity < 0) q_identity = q_star == 0 ? 0 : 1000;
  return q_gzip >= q_identity;
}

}  // namespace tldmon::http

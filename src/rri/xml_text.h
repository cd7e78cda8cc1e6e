// Writing text into XML 1.0 (the iirdea answer, the read-back lists):
// markup characters escaped, and what XML 1.0 cannot carry (C0 controls
// other than tab/LF/CR, invalid UTF-8) replaced by U+FFFD, so a
// description quoting a client's bytes never makes the answer unreadable.
#pragma once

#include <string>
#include <string_view>

namespace tldmon::rri {

void AppendXmlEscaped(std::string& out, std::string_view text);

}  // namespace tldmon::rri

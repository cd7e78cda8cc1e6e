// Text that came from a user (arguments, file contents) echoed back in a
// message on a terminal. A terminal interprets control bytes: ESC starts
// escape sequences that can recolour, move the cursor, retitle the window or
// hide the rest of the line, BEL rings, CR overwrites what was printed. So
// every message that may quote user input goes through EscapeControlBytes
// before it is printed (admin errors on stderr and in --json, CLI parse
// errors).
//
// Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace tldmon::app {

// `text` with every byte a terminal could act on written as `\xNN` (lower-
// case hex): C0 controls 0x00–0x1f (newline and tab included: a quoted value
// must not start a line of its own), DEL 0x7f, the C1 controls U+0080–U+009F
// (UTF-8 C2 80–C2 9F; CSI U+009B acts like ESC [ on many terminals), and
// every byte that is not part of valid UTF-8 (8-bit terminals read a raw
// 0x9b as CSI). Valid UTF-8 otherwise passes unchanged, so names in any
// script stay readable.
std::string EscapeControlBytes(std::string_view text);

}  // namespace tldmon::app

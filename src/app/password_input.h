// Reads a new password for `tldmon admin password set` from standard input:
// on a terminal it prompts on stderr with echo off and asks twice; from a
// pipe or file it takes the first line (without its line ending), so
// `echo "$PW" | tldmon admin password set ry/example` works in scripts.
// The password is never a command-line argument (it would show in `ps` and
// shell history).
#pragma once

#include <istream>
#include <string>

#include "core/status.h"

namespace tldmon::app {

// Validation shared by both paths: non-empty, at most 1024 bytes, no NUL or
// other control characters (they cannot be typed into an HTTP Basic header
// reliably). InvalidArgument says which.
Status ValidateNewPassword(const std::string& password);

// The first line of `in`. InvalidArgument when the input is empty.
Result<std::string> ReadPasswordLine(std::istream& in);

// From stdin: a terminal prompts twice without echo, anything else is
// ReadPasswordLine(std::cin). Then ValidateNewPassword.
Result<std::string> ReadNewPassword();

}  // namespace tldmon::app

#include "app/password_input.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace tldmon::app {
namespace {

constexpr std::size_t kMaxPasswordBytes = 1024;

// Turns terminal echo off for its lifetime.
class NoEcho {
 public:
  NoEcho() {
    if (tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~NoEcho() {
    if (active_) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

Result<std::string> Prompt(const char* text) {
  std::cerr << text << std::flush;
  std::string line;
  {
    NoEcho no_echo;
    std::getline(std::cin, line);
  }
  std::cerr << "\n";
  if (!std::cin && line.empty()) return InvalidArgument("no password entered");
  return line;
}

}  // namespace

Status ValidateNewPassword(const std::string& password) {
  if (password.empty()) return InvalidArgument("the password is empty");
  if (password.size() > kMaxPasswordBytes)
    return InvalidArgument("the password is longer than 1024 bytes");
  for (unsigned char c : password)
    if (c < 0x20 || c == 0x7f) return InvalidArgument("the password contains a control character");
  return Status::Ok();
}

Result<std::string> ReadPasswordLine(std::istream& in) {
  std::string line;
  if (!std::getline(in, line) && line.empty())
    return InvalidArgument("no password on standard input (give it as the first line)");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> ReadNewPassword() {
  Result<std::string> password = std::string();
  if (isatty(STDIN_FILENO)) {
    password = Prompt("New password: ");
    if (!password.ok()) return password;
    TLDMON_RETURN_IF_ERROR(ValidateNewPassword(*password));
    auto again = Prompt("Repeat it: ");
    if (!again.ok()) return again;
    if (*again != *password) return InvalidArgument("the two passwords differ");
  } else {
    password = ReadPasswordLine(std::cin);
    if (!password.ok()) return password;
  }
  TLDMON_RETURN_IF_ERROR(ValidateNewPassword(*password));
  return password;
}

}  // namespace tldmon::app

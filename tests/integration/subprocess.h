// Runs the tldmon binary as a child process for end-to-end tests: stdout and
// stderr merged into one pipe read line by line, with a deadline as a safety
// bound (a hung child fails the test instead of hanging it), and the raw
// wait status so a test can tell an exit from a signal.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace tldmon::integration {

using Deadline = std::chrono::steady_clock::time_point;
// The deadline `d` from now.
inline Deadline In(std::chrono::steady_clock::duration d) { return std::chrono::steady_clock::now() + d; }

class Subprocess {
 public:
  // Starts `argv[0]` with the given arguments. The child gets /dev/null as stdin.
  explicit Subprocess(const std::vector<std::string>& argv);
  // The same with `stdin_data` as the child's standard input (a file, not a
  // terminal, so e.g. `admin password set` reads its first line).
  Subprocess(const std::vector<std::string>& argv, const std::string& stdin_data);
  ~Subprocess();  // kills (SIGKILL) and reaps a child still running
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  bool started() const { return pid_ > 0; }
  // True once the child's output reached its end (the child has exited or
  // closed both streams).
  bool eof() const { return eof_; }
  pid_t pid() const { return pid_; }

  // Next output line (without '\n'); false at end of output or when the
  // deadline passes first.
  bool ReadLine(std::string* line, Deadline deadline);
  // Reads the rest of the output (until EOF or the deadline).
  std::string ReadAll(Deadline deadline);
  // Sends a signal.
  void Kill(int sig);
  // Waits for the child; the raw status of waitpid(), or -1 on error.
  int Wait();

 private:
  bool Fill(Deadline deadline);  // reads more into buffer_; false at EOF/deadline
  void Start(const std::vector<std::string>& argv, int stdin_fd);

  pid_t pid_ = -1;
  int fd_ = -1;
  bool eof_ = false;
  std::string buffer_;
  bool reaped_ = false;
};

struct RunResult {
  int status = -1;     // raw wait status
  std::string output;  // stdout and stderr
  bool exited() const;
  int exit_code() const;  // -1 if it did not exit normally
};

// Runs to completion (bounded by `timeout`; a child still running then is killed).
RunResult RunToEnd(const std::vector<std::string>& argv, std::chrono::seconds timeout);
// With `stdin_data` as standard input.
RunResult RunToEnd(const std::vector<std::string>& argv, std::chrono::seconds timeout,
                   const std::string& stdin_data);

}  // namespace tldmon::integration

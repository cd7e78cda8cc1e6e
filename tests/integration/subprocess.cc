#include "subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace tldmon::integration {

Subprocess::Subprocess(const std::vector<std::string>& argv) { Start(argv, -1); }

Subprocess::Subprocess(const std::vector<std::string>& argv, const std::string& stdin_data) {
  // An anonymous in-memory file: the child reads it at its own pace and a
  // child that never reads cannot block or SIGPIPE the test.
  const int fd = memfd_create("tldmon-test-stdin", MFD_CLOEXEC);
  if (fd < 0) return;
  if (write(fd, stdin_data.data(), stdin_data.size()) != static_cast<ssize_t>(stdin_data.size()) ||
      lseek(fd, 0, SEEK_SET) != 0) {
    close(fd);
    return;
  }
  Start(argv, fd);
  close(fd);
}

void Subprocess::Start(const std::vector<std::string>& argv, int stdin_fd) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return;
  pid_ = fork();
  if (pid_ == 0) {
    const int in = stdin_fd >= 0 ? stdin_fd : open("/dev/null", O_RDONLY);
    dup2(in, 0);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  if (pid_ < 0) {
    close(fds[0]);
    return;
  }
  fd_ = fds[0];
}

Subprocess::~Subprocess() {
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    Wait();
  }
  if (fd_ >= 0) close(fd_);
}

bool Subprocess::Fill(Deadline deadline) {
  if (eof_ || fd_ < 0) return false;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd p{fd_, POLLIN, 0};
  const int r = poll(&p, 1, static_cast<int>(left.count()));
  if (r < 0 && errno == EINTR) return true;
  if (r <= 0) return false;
  char buf[4096];
  const ssize_t n = read(fd_, buf, sizeof buf);
  if (n < 0) return errno == EINTR;
  if (n == 0) {
    eof_ = true;
    return false;
  }
  buffer_.append(buf, static_cast<std::size_t>(n));
  return true;
}

bool Subprocess::ReadLine(std::string* line, Deadline deadline) {
  for (;;) {
    const std::size_t nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      *line = buffer_.substr(0, nl);
      buffer_.erase(0, nl + 1);
      return true;
    }
    if (!Fill(deadline)) {
      if (eof_ && !buffer_.empty()) {
        *line = std::move(buffer_);
        buffer_.clear();
        return true;
      }
      return false;
    }
  }
}

std::string Subprocess::ReadAll(Deadline deadline) {
  while (Fill(deadline)) {
  }
  std::string out = std::move(buffer_);
  buffer_.clear();
  return out;
}

void Subprocess::Kill(int sig) {
  if (pid_ > 0 && !reaped_) kill(pid_, sig);
}

int Subprocess::Wait() {
  if (pid_ <= 0) return -1;
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  reaped_ = true;
  return status;
}

bool RunResult::exited() const { return status >= 0 && WIFEXITED(status); }
int RunResult::exit_code() const { return exited() ? WEXITSTATUS(status) : -1; }

namespace {

RunResult Finish(Subprocess& p, std::chrono::seconds timeout) {
  RunResult r;
  if (!p.started()) return r;
  r.output = p.ReadAll(std::chrono::steady_clock::now() + timeout);
  if (!p.eof()) p.Kill(SIGKILL);  // the deadline passed: bounded, never hangs
  r.status = p.Wait();
  return r;
}

}  // namespace

RunResult RunToEnd(const std::vector<std::string>& argv, std::chrono::seconds timeout) {
  Subprocess p(argv);
  return Finish(p, timeout);
}

RunResult RunToEnd(const std::vector<std::string>& argv, std::chrono::seconds timeout,
                   const std::string& stdin_data) {
  Subprocess p(argv, stdin_data);
  return Finish(p, timeout);
}

}  // namespace tldmon::integration

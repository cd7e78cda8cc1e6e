#include "app/stop_signal.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace tldmon::app {
namespace {

volatile std::sig_atomic_t g_stop = 0;
// Self-pipe: the handler writes one byte (write(2) is async-signal-safe),
// WaitForStop polls the read end.
int g_wake[2] = {-1, -1};

extern "C" void OnStopSignal(int) {
  const int saved = errno;
  g_stop = 1;
  if (g_wake[1] >= 0) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_wake[1], &byte, 1);
  }
  errno = saved;
}

}  // namespace

void InstallStopHandlers() {
  if (g_wake[0] < 0 && ::pipe2(g_wake, O_CLOEXEC | O_NONBLOCK) != 0) g_wake[0] = g_wake[1] = -1;
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sa.sa_flags = SA_RESTART;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

bool StopRequested() { return g_stop != 0; }

void WaitForStop() {
  while (!StopRequested()) {
    if (g_wake[0] < 0) {
      ::pause();  // no pipe: a signal still interrupts pause()
      continue;
    }
    // A signal that arrives between the flag check and poll has written its
    // byte already, so poll returns at once: no lost wake-up.
    pollfd p{g_wake[0], POLLIN, 0};
    ::poll(&p, 1, -1);
  }
}

}  // namespace tldmon::app

#include "blackhole_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstring>

namespace tldmon::integration {

namespace {

int ConnectTo(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Moves what is readable on `from` to `to`; false when `from` is closed.
bool Pump(int from, int to) {
  std::array<char, 16384> buf;
  const ssize_t n = ::read(from, buf.data(), buf.size());
  if (n <= 0) return false;
  for (ssize_t off = 0; off < n;) {
    const ssize_t w = ::write(to, buf.data() + off, static_cast<std::size_t>(n - off));
    if (w <= 0) return false;
    off += w;
  }
  return true;
}

}  // namespace

std::unique_ptr<BlackholeProxy> BlackholeProxy::Start(int target_port) {
  std::unique_ptr<BlackholeProxy> p(new BlackholeProxy());
  p->target_ = target_port;
  p->listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(p->listener_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(p->listener_, 64) != 0 ||
      ::getsockname(p->listener_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    return nullptr;
  p->port_ = ntohs(a.sin_port);
  p->thread_ = std::thread([raw = p.get()] { raw->Run(); });
  return p;
}

BlackholeProxy::~BlackholeProxy() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (listener_ >= 0) ::close(listener_);
}

void BlackholeProxy::Run() {
  struct Pair {
    int client, server;
  };
  std::vector<Pair> pairs;
  while (!stop_) {
    std::vector<pollfd> fds{{listener_, POLLIN, 0}};
    const bool cut = cut_;
    if (!cut)
      for (const Pair& p : pairs) {
        fds.push_back({p.client, POLLIN, 0});
        fds.push_back({p.server, POLLIN, 0});
      }
    if (::poll(fds.data(), fds.size(), 50) <= 0) continue;
    if ((fds[0].revents & POLLIN) != 0) {
      const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      const int server = client >= 0 ? ConnectTo(target_) : -1;
      if (server >= 0) {
        pairs.push_back({client, server});
      } else if (client >= 0) {
        ::close(client);
      }
    }
    if (cut) continue;  // accepted, but nothing moves: a partition
    std::vector<Pair> alive;
    for (std::size_t i = 0; i + 1 < fds.size(); i += 2) {
      const Pair& p = pairs[i / 2];
      bool ok = true;
      if ((fds[i + 1].revents & (POLLIN | POLLHUP | POLLERR)) != 0) ok = Pump(p.client, p.server);
      if (ok && (fds[i + 2].revents & (POLLIN | POLLHUP | POLLERR)) != 0)
        ok = Pump(p.server, p.client);
      if (ok) {
        alive.push_back(p);
      } else {
        ::close(p.client);
        ::close(p.server);
      }
    }
    // Pairs accepted in this round are not in fds yet.
    for (std::size_t i = (fds.size() - 1) / 2; i < pairs.size(); ++i) alive.push_back(pairs[i]);
    pairs = std::move(alive);
  }
  for (const Pair& p : pairs) {
    ::close(p.client);
    ::close(p.server);
  }
}

}  // namespace tldmon::integration

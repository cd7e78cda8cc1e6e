#include "probe/dns_exchange.h"

#include <sys/socket.h>
#include <time.h>

#include <cerrno>
#include <cstring>

#include <boost/asio/buffer.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace tldmon::probe {
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// Closes `socket` when the deadline passes, so that the pending operation
// completes with operation_aborted. Cancelled when the exchange ends.
template <typename Socket>
void ArmDeadline(asio::steady_timer& timer, Socket& socket, bool* expired) {
  timer.async_wait([&socket, expired](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled: the exchange finished in time
    *expired = true;
    boost::system::error_code ignored;
    socket.close(ignored);
  });
}

bool SameId(const std::vector<std::uint8_t>& query, const std::uint8_t* reply, std::size_t n) {
  return n >= 2 && reply[0] == query[0] && reply[1] == query[1];
}

// The kernel's receive time of a datagram read with recvmsg from a socket
// with SO_TIMESTAMPNS on (CLOCK_REALTIME), if it came with one.
bool KernelArrival(msghdr& msg, timespec* at) {
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
      std::memcpy(at, CMSG_DATA(c), sizeof *at);
      return true;
    }
  }
  return false;
}

double RealMs(const timespec& from, const timespec& to) {
  return static_cast<double>(to.tv_sec - from.tv_sec) * 1e3 +
         static_cast<double>(to.tv_nsec - from.tv_nsec) / 1e6;
}

asio::awaitable<ExchangeResult> Udp(DnsEndpoint server, std::vector<std::uint8_t> query,
                                    std::chrono::milliseconds timeout) {
  auto ex = co_await asio::this_coro::executor;
  ExchangeResult r;
  const Clock::time_point deadline = Clock::now() + timeout;
  asio::ip::udp::socket socket(ex);
  boost::system::error_code ec;
  const asio::ip::udp::endpoint to(server.address, server.port);
  socket.open(to.protocol(), ec);
  if (!ec) socket.connect(to, ec);
  if (ec) co_return r;  // kNetworkError
  // The arrival is the kernel's timestamp, not the moment this loop gets
  // round to reading: with thousands of queries in flight the loop may be
  // busy sending others, and the reply must not pay for that.
  const int on = 1;
  const bool stamped =
      ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) == 0;
  asio::steady_timer timer(ex, deadline);
  bool expired = false;
  ArmDeadline(timer, socket, &expired);
  timespec sent_real{};
  ::clock_gettime(CLOCK_REALTIME, &sent_real);
  const Clock::time_point sent = Clock::now();
  co_await socket.async_send(asio::buffer(query), asio::redirect_error(asio::use_awaitable, ec));
  std::vector<std::uint8_t> buf(65535);
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
  while (!ec) {
    // Wait, then read with recvmsg (for the timestamp): no speculative read
    // that would find nothing on a fresh socket.
    co_await socket.async_wait(asio::socket_base::wait_read,
                               asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    for (;;) {
      iovec iov{buf.data(), buf.size()};
      msghdr msg{};
      msg.msg_iov = &iov;
      msg.msg_iovlen = 1;
      msg.msg_control = control;
      msg.msg_controllen = sizeof control;
      const ssize_t got = ::recvmsg(socket.native_handle(), &msg, MSG_DONTWAIT);
      const Clock::time_point arrived = Clock::now();
      if (got < 0) {
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
          ec.assign(errno, boost::system::system_category());  // e.g. ICMP port unreachable
        }
        break;
      }
      const auto n = static_cast<std::size_t>(got);
      // A connected socket only sees the server's datagrams; a stray one with
      // another ID is not our answer: keep waiting until the deadline.
      if (!SameId(query, buf.data(), n)) continue;
      timer.cancel();
      r.outcome = ExchangeResult::Outcome::kReply;
      r.reply.assign(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
      r.rtt_ms = Ms(sent, arrived);
      timespec at{};
      if (stamped && KernelArrival(msg, &at)) {
        // Both ends on the real-time clock; a clock step in between shows
        // as a value outside [0, the loop's measure]: then keep the latter.
        const double kernel_ms = RealMs(sent_real, at);
        if (kernel_ms >= 0 && kernel_ms <= r.rtt_ms) r.rtt_ms = kernel_ms;
      }
      co_return r;
    }
  }
  timer.cancel();
  r.outcome = expired ? ExchangeResult::Outcome::kTimeout : ExchangeResult::Outcome::kNetworkError;
  co_return r;
}

asio::awaitable<ExchangeResult> Tcp(DnsEndpoint server, std::vector<std::uint8_t> query,
                                    std::chrono::milliseconds timeout) {
  auto ex = co_await asio::this_coro::executor;
  ExchangeResult r;
  const Clock::time_point start = Clock::now();
  asio::ip::tcp::socket socket(ex);
  asio::steady_timer timer(ex, start + timeout);
  bool expired = false;
  ArmDeadline(timer, socket, &expired);
  boost::system::error_code ec;
  co_await socket.async_connect(asio::ip::tcp::endpoint(server.address, server.port),
                                asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    timer.cancel();
    r.outcome = expired ? ExchangeResult::Outcome::kTimeout : ExchangeResult::Outcome::kConnectError;
    co_return r;
  }
  std::vector<std::uint8_t> framed;
  framed.reserve(query.size() + 2);
  framed.push_back(static_cast<std::uint8_t>(query.size() >> 8));
  framed.push_back(static_cast<std::uint8_t>(query.size() & 0xff));
  framed.insert(framed.end(), query.begin(), query.end());
  co_await asio::async_write(socket, asio::buffer(framed), asio::redirect_error(asio::use_awaitable, ec));
  std::uint8_t len[2];
  if (!ec) co_await asio::async_read(socket, asio::buffer(len), asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) {
    r.reply.resize(static_cast<std::size_t>(len[0]) << 8 | len[1]);
    co_await asio::async_read(socket, asio::buffer(r.reply), asio::redirect_error(asio::use_awaitable, ec));
  }
  const Clock::time_point arrived = Clock::now();
  timer.cancel();
  if (ec || !SameId(query, r.reply.data(), r.reply.size())) {
    // A connection closed early or an answer to another ID: no usable reply.
    r.reply.clear();
    r.outcome = expired ? ExchangeResult::Outcome::kTimeout : ExchangeResult::Outcome::kNetworkError;
    co_return r;
  }
  r.outcome = ExchangeResult::Outcome::kReply;
  r.rtt_ms = Ms(start, arrived);
  co_return r;
}

}  // namespace

asio::awaitable<ExchangeResult> Exchange(DnsEndpoint server, std::vector<std::uint8_t> query,
                                         Transport transport, std::chrono::milliseconds timeout) {
  if (query.size() < 12) co_return ExchangeResult{};
  if (transport == Transport::kTcp) co_return co_await Tcp(server, std::move(query), timeout);
  co_return co_await Udp(server, std::move(query), timeout);
}

}  // namespace tldmon::probe

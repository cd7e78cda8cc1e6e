#include "probe/dns_exchange.h"

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

asio::awaitable<ExchangeResult> Udp(DnsEndpoint server, std::vector<std::uint8_t> query,
                                    std::chrono::milliseconds timeout) {
  auto ex = co_await asio::this_coro::executor;
  ExchangeResult r;
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + timeout;
  asio::ip::udp::socket socket(ex);
  boost::system::error_code ec;
  const asio::ip::udp::endpoint to(server.address, server.port);
  socket.open(to.protocol(), ec);
  if (!ec) socket.connect(to, ec);
  if (ec) co_return r;  // kNetworkError
  asio::steady_timer timer(ex, deadline);
  bool expired = false;
  ArmDeadline(timer, socket, &expired);
  co_await socket.async_send(asio::buffer(query), asio::redirect_error(asio::use_awaitable, ec));
  std::vector<std::uint8_t> buf(65535);
  while (!ec) {
    const std::size_t n = co_await socket.async_receive(
        asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
    const Clock::time_point arrived = Clock::now();
    if (ec) break;
    // A connected socket only sees the server's datagrams; a stray one with
    // another ID is not our answer: keep waiting until the deadline.
    if (!SameId(query, buf.data(), n)) continue;
    timer.cancel();
    r.outcome = ExchangeResult::Outcome::kReply;
    r.reply.assign(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n));
    r.rtt_ms = Ms(start, arrived);
    co_return r;
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

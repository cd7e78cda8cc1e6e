#include "probe/whois_query.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cctype>

namespace tldmon::probe {
namespace asio = boost::asio;

namespace {

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

bool HasNameServer(std::string_view reply, std::string_view marker) {
  if (marker.empty() || reply.size() < marker.size()) return false;
  for (std::size_t at = 0; at + marker.size() <= reply.size(); ++at) {
    std::size_t i = 0;
    while (i < marker.size() && Lower(reply[at + i]) == Lower(marker[i])) ++i;
    if (i < marker.size()) continue;
    std::size_t k = at + marker.size();
    while (k < reply.size() && (reply[k] == ' ' || reply[k] == '\t')) ++k;
    if (k < reply.size() && std::isalnum(static_cast<unsigned char>(reply[k]))) return true;
  }
  return false;
}

asio::awaitable<WhoisResult> QueryWhois(asio::ip::tcp::endpoint server, std::string domain,
                                        WhoisOptions options) {
  using Clock = std::chrono::steady_clock;
  auto ex = co_await asio::this_coro::executor;
  WhoisResult r;
  const Clock::time_point start = Clock::now();
  asio::ip::tcp::socket socket(ex);
  asio::steady_timer timer(ex, start + options.timeout);
  bool expired = false;
  timer.async_wait([&socket, &expired](const boost::system::error_code& ec) {
    if (ec) return;
    expired = true;
    boost::system::error_code ignored;
    socket.close(ignored);
  });
  boost::system::error_code ec;
  co_await socket.async_connect(server, asio::redirect_error(asio::use_awaitable, ec));
  const std::string request = domain + "\r\n";
  if (!ec) {
    co_await asio::async_write(socket, asio::buffer(request),
                               asio::redirect_error(asio::use_awaitable, ec));
  }
  std::vector<char> buf(16384);
  while (!ec) {
    const std::size_t n = co_await socket.async_read_some(
        asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
    r.reply.append(buf.data(), n);
    if (r.reply.size() >= options.max_reply_bytes) {
      r.reply.resize(options.max_reply_bytes);
      break;
    }
  }
  const Clock::time_point ended = Clock::now();
  timer.cancel();
  const bool eof = ec == asio::error::eof;
  if (expired) {
    r.code = kRdds43Timeout;
  } else if (ec && !eof && r.reply.size() < options.max_reply_bytes) {
    r.code = kRdds43ConnectError;
  } else if (r.reply.empty()) {
    r.code = kRdds43Empty;
  } else {
    r.rtt_ms = std::chrono::duration<double, std::milli>(ended - start).count();
    r.code = HasNameServer(r.reply, options.name_server_string) ? 0 : kRdds43NoNameServer;
  }
  co_return r;
}

}  // namespace tldmon::probe

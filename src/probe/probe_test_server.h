// Test-only: a TCP server on 127.0.0.1:<free port> on its own thread, and
// the canned HTTP/1.1 responder the RDDS80/RDAP and CurlMulti tests use.
// Header-only; included by tests, never by the library.
#pragma once

#include <utility>  // before Boost headers (Boost 1.74)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <thread>

namespace tldmon::probe::testing {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Accepts connections on 127.0.0.1:<free port>; `serve` handles each.
class TestServer {
 public:
  using Serve = std::function<asio::awaitable<void>(tcp::socket)>;
  explicit TestServer(Serve serve) : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    asio::co_spawn(io_, Accept(std::move(serve)), asio::detached);
    thread_ = std::thread([this] { io_.run(); });
  }
  ~TestServer() {
    io_.stop();
    thread_.join();
  }
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  asio::awaitable<void> Accept(Serve serve) {
    for (;;) {
      boost::system::error_code ec;
      tcp::socket s = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      asio::co_spawn(io_, serve(std::move(s)), asio::detached);
    }
  }
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
};

// HTTP/1.1: the request's path picks the canned response; closes after it.
inline TestServer::Serve Http(std::map<std::string, std::string> responses) {
  return [responses](tcp::socket s) -> asio::awaitable<void> {
    asio::streambuf buf;
    boost::system::error_code ec;
    co_await asio::async_read_until(s, buf, "\r\n\r\n", asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    std::istream in(&buf);
    std::string method, path;
    in >> method >> path;
    auto it = responses.find(path);
    const std::string body = it == responses.end() ? "" : it->second;
    std::string out = it == responses.end() ? "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n" : body;
    if (it == responses.end()) out += "Connection: close\r\n\r\n";
    co_await asio::async_write(s, asio::buffer(out), asio::redirect_error(asio::use_awaitable, ec));
  };
}

inline std::string Response(const std::string& status_line, const std::string& body,
                     const std::string& extra = "") {
  return "HTTP/1.1 " + status_line + "\r\n" + extra + "Content-Length: " + std::to_string(body.size()) +
         "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace tldmon::probe::testing

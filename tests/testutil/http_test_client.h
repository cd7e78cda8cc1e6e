// Test-only: a small blocking HTTP(S) client over real loopback sockets for
// the server tests. Every operation is bounded (kBound): it runs the
// client's own io_context until the operation completes or the bound
// passes, so a server that never answers fails the test instead of hanging
// it. No sleeps anywhere.
#pragma once

#include <utility>  // before Boost: Boost 1.74 misses it with GCC 12

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tldmon::testutil {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;
using HttpResponse = http::response<http::string_body>;

inline constexpr std::chrono::seconds kBound{10};

// A header field's value ("" when absent).
inline std::string Field(const HttpResponse& r, std::string_view name) {
  const auto v = r[boost::beast::string_view(name.data(), name.size())];
  return std::string(v.data(), v.size());
}

class TestClient {
 public:
  // Plain HTTP, or TLS with `tls` (not owned; must outlive the client).
  explicit TestClient(std::uint16_t port, ssl::context* tls = nullptr) : port_(port) {
    if (tls) tls_ = std::make_unique<ssl::stream<tcp::socket>>(ctx_, *tls);
  }

  // Connects (and handshakes, for TLS). Returns the error, if any.
  boost::system::error_code Connect(const std::string& host = "127.0.0.1") {
    boost::system::error_code result = net::error::timed_out;
    bool done = false;
    const tcp::endpoint ep(net::ip::make_address(host), port_);
    Socket().async_connect(ep, [&](boost::system::error_code ec) {
      result = ec;
      done = true;
    });
    if (!RunUntil(done)) return net::error::timed_out;
    if (result || !tls_) return result;
    done = false;
    result = net::error::timed_out;
    tls_->async_handshake(ssl::stream_base::client, [&](boost::system::error_code ec) {
      result = ec;
      done = true;
    });
    if (!RunUntil(done)) return net::error::timed_out;
    return result;
  }

  bool Write(std::string_view bytes) {
    boost::system::error_code result = net::error::timed_out;
    bool done = false;
    auto handler = [&](boost::system::error_code ec, std::size_t) {
      result = ec;
      done = true;
    };
    if (tls_) net::async_write(*tls_, net::buffer(bytes.data(), bytes.size()), handler);
    else net::async_write(socket_, net::buffer(bytes.data(), bytes.size()), handler);
    return RunUntil(done) && !result;
  }

  // Reads one response; `head` for a response to HEAD (no body follows).
  std::optional<HttpResponse> Read(bool head = false) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    parser.skip(head);
    boost::system::error_code result = net::error::timed_out;
    bool done = false;
    auto handler = [&](boost::system::error_code ec, std::size_t) {
      result = ec;
      done = true;
    };
    if (tls_) http::async_read(*tls_, buffer_, parser, handler);
    else http::async_read(socket_, buffer_, parser, handler);
    if (!RunUntil(done) || result) {
      last_error_ = result;
      return std::nullopt;
    }
    return parser.release();
  }

  std::optional<HttpResponse> Request(std::string_view raw, bool head = false) {
    if (!Write(raw)) return std::nullopt;
    return Read(head);
  }

  // Reads raw bytes until the server closes the connection. True when it
  // closed within the bound; `out` gets what arrived before the close.
  bool ReadUntilClosed(std::string* out = nullptr) {
    std::string data(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    buffer_.consume(buffer_.size());
    bool closed = false;
    for (;;) {
      char chunk[4096];
      boost::system::error_code result = net::error::timed_out;
      std::size_t n = 0;
      bool done = false;
      auto handler = [&](boost::system::error_code ec, std::size_t bytes) {
        result = ec;
        n = bytes;
        done = true;
      };
      if (tls_) tls_->async_read_some(net::buffer(chunk), handler);
      else socket_.async_read_some(net::buffer(chunk), handler);
      if (!RunUntil(done)) break;
      data.append(chunk, n);
      if (result) {
        closed = result != net::error::timed_out;
        break;
      }
    }
    if (out) *out = data;
    return closed;
  }

  // Reads exactly n raw bytes (e.g. a "100 Continue" interim response).
  std::optional<std::string> ReadExactly(std::size_t n) {
    std::string data(n, '\0');
    std::size_t have = std::min(n, buffer_.size());
    if (have > 0) std::memcpy(data.data(), buffer_.data().data(), have);
    buffer_.consume(have);
    if (have == n) return data;
    boost::system::error_code result = net::error::timed_out;
    bool done = false;
    auto handler = [&](boost::system::error_code ec, std::size_t) {
      result = ec;
      done = true;
    };
    auto rest = net::buffer(data.data() + have, n - have);
    if (tls_) net::async_read(*tls_, rest, handler);
    else net::async_read(socket_, rest, handler);
    if (!RunUntil(done) || result) return std::nullopt;
    return data;
  }

  ssl::stream<tcp::socket>* tls() { return tls_.get(); }
  boost::system::error_code last_error() const { return last_error_; }

 private:
  tcp::socket& Socket() { return tls_ ? tls_->next_layer() : socket_; }

  bool RunUntil(const bool& done) {
    ctx_.restart();
    const auto deadline = std::chrono::steady_clock::now() + kBound;
    while (!done && std::chrono::steady_clock::now() < deadline)
      ctx_.run_one_until(deadline);
    if (!done) {
      boost::system::error_code ec;
      Socket().cancel(ec);
      ctx_.restart();
      ctx_.run_for(std::chrono::seconds(1));  // let the cancelled handler finish
    }
    return done;
  }

  std::uint16_t port_;
  net::io_context ctx_;
  tcp::socket socket_{ctx_};
  std::unique_ptr<ssl::stream<tcp::socket>> tls_;
  boost::beast::flat_buffer buffer_;
  boost::system::error_code last_error_;
};

}  // namespace tldmon::testutil

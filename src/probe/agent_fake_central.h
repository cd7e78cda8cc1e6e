// Test-only: a fake central side on 127.0.0.1 for the pusher's and config
// client's tests — a Beast HTTP/1.1 server on its own thread that answers
// every request with a handler the test sets, and records what it got
// (gzip bodies decoded). One request per connection (Connection: close), so
// stopping never waits on an idle keep-alive connection.
#pragma once

#include <utility>  // before Boost headers (Boost 1.74)

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "probe/agent_gzip.h"

namespace tldmon::probe::testing {

struct FakeRequest {
  std::string method;
  std::string target;
  std::string authorization;
  std::string content_encoding;
  std::string if_none_match;
  std::string body;  // gunzipped when Content-Encoding is gzip
};

struct FakeResponse {
  int status = 200;
  std::string body;
  std::string etag;
  std::string content_type = "application/json";
};

class FakeCentral {
 public:
  using Handler = std::function<FakeResponse(const FakeRequest&)>;

  FakeCentral() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { Serve(); });
  }
  ~FakeCentral() {
    stopping_ = true;
    // Wakes the blocking accept with a connection of our own.
    boost::system::error_code ec;
    boost::asio::ip::tcp::socket poke(io_);
    poke.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    thread_.join();
  }
  FakeCentral(const FakeCentral&) = delete;
  FakeCentral& operator=(const FakeCentral&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  void SetHandler(Handler handler) {
    std::lock_guard lock(mu_);
    handler_ = std::move(handler);
  }
  std::vector<FakeRequest> requests() {
    std::lock_guard lock(mu_);
    return requests_;
  }

 private:
  void Serve() {
    namespace http = boost::beast::http;
    while (!stopping_) {
      boost::system::error_code ec;
      boost::asio::ip::tcp::socket socket(io_);
      acceptor_.accept(socket, ec);
      if (ec || stopping_) continue;
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(socket, buffer, req, ec);
      if (ec) continue;
      FakeRequest seen;
      seen.method = std::string(req.method_string());
      seen.target = std::string(req.target());
      seen.authorization = std::string(req[http::field::authorization]);
      seen.content_encoding = std::string(req[http::field::content_encoding]);
      seen.if_none_match = std::string(req[http::field::if_none_match]);
      seen.body = req.body();
      if (seen.content_encoding == "gzip") {
        auto plain = GzipDecompress(seen.body, 64u << 20);
        seen.body = plain.ok() ? *plain : "<corrupt gzip>";
      }
      FakeResponse answer;
      {
        std::lock_guard lock(mu_);
        requests_.push_back(seen);
        if (handler_) answer = handler_(seen);
      }
      http::response<http::string_body> res{static_cast<http::status>(answer.status), 11};
      res.set(http::field::content_type, answer.content_type);
      if (!answer.etag.empty()) res.set(http::field::etag, answer.etag);
      res.keep_alive(false);
      res.body() = answer.body;
      res.prepare_payload();
      http::write(socket, res, ec);
      socket.shutdown(boost::asio::ip::tcp::socket::shutdown_both, ec);
    }
  }

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  Handler handler_;
  std::vector<FakeRequest> requests_;
  std::thread thread_;
};

// A loopback URL where nothing listens (the port was bound, then released).
inline std::string UnreachableUrl() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  const auto port = acceptor.local_endpoint().port();
  acceptor.close();
  return "http://127.0.0.1:" + std::to_string(port);
}

}  // namespace tldmon::probe::testing

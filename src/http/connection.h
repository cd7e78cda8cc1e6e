// One client connection, plain or TLS, as a coroutine on its worker's
// io_context: read a request, hand it to the RequestHandler, write the
// response, repeat while keep-alive allows. Internal to http_server.cc.
#pragma once

#include <utility>  // before Boost: Boost 1.74 misses it with GCC 12

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <array>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <optional>
#include <string>
#include <type_traits>

#include <spdlog/spdlog.h>

#include "http/peer_certificate.h"
#include "http/input_buffer.h"
#include "http/request_parser.h"
#include "http/request_target.h"
#include "http/response_writer.h"
#include "http/server_internal.h"

namespace tldmon::http::internal {

namespace ssl = net::ssl;
using TlsStream = ssl::stream<Socket>;

// A lingering close waits at most this long for the client to finish
// sending, so that our close does not reset a response still in flight.
inline constexpr std::chrono::milliseconds kMaxLinger{2'000};
inline constexpr std::size_t kMaxLingerBytes = 256 * 1024;
// TLS: bodies up to this size are copied behind the head so that one TLS
// write carries both. (Plain TCP uses one gather write instead.)
inline constexpr std::size_t kTlsCoalesceBytes = 64 * 1024;

template <class Stream>
class Connection final : public ConnectionBase,
                         public std::enable_shared_from_this<Connection<Stream>> {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  // `reject`: answer 503 and close (the connection limit was exceeded).
  Connection(Worker& worker, Socket socket, bool reject)
      : ConnectionBase(worker),
        shared_(worker.shared()),
        stream_(MakeStream(std::move(socket), worker)),
        reject_(reject),
        in_(4096, shared_.limits.max_header_bytes + 4096) {
    id_ = shared_.next_connection_id.fetch_add(1, std::memory_order_relaxed);
    CapturePeerAddress();
  }

  ~Connection() override {
    if (reject_) shared_.rejecting.fetch_sub(1, std::memory_order_relaxed);
    else shared_.open_connections.fetch_sub(1, std::memory_order_relaxed);
  }

  net::awaitable<void> Run() {
    auto self = this->shared_from_this();  // the coroutine frame keeps us alive
    if (worker_.draining()) {
      Close();
      co_return;
    }
    if constexpr (kTls) {
      SetPhase(Phase::kHandshake, shared_.limits.read_timeout);
      boost::system::error_code ec;
      co_await stream_.async_handshake(ssl::stream_base::server,
                                       net::redirect_error(net::use_awaitable, ec));
      if (ec) {
        WorkerCounters::Add(worker_.counters().tls_failures);
        Close();
        co_return;
      }
      CapturePeerCertificate();
    }
    if (reject_) {
      PrepareError(HttpError::kServiceUnavailable, "too many connections");
      if (co_await WritePrepared()) co_await CloseGracefully();
      Close();
      co_return;
    }
    // One iteration per request. Everything is inline in this coroutine (no
    // nested coroutine per request): Asio 1.18 recycles only one coroutine
    // frame per thread, so each nested call would cost a heap allocation.
    for (bool first = true; !closed_; first = false) {
      const ServerLimits& limits = shared_.limits;
      storage_.Reset();
      RequestParser parser(storage_, limits, shared_.handler);
      bool request_started = false;  // the parser has consumed a byte
      bool got_bytes = !in_.empty();
      if (got_bytes) {
        SetPhase(Phase::kReading, limits.read_timeout);
      } else {
        if (worker_.draining()) break;
        // A new connection must send its first request within the read
        // timeout; a kept-alive one gets the idle timeout.
        SetPhase(Phase::kIdle, first ? limits.read_timeout : limits.idle_timeout);
      }

      // Read until the parser has one complete request, or fails.
      HttpError error = HttpError::kNone;
      bool sent_continue = false;
      boost::system::error_code ec;
      for (;;) {
        if (!in_.empty() && !request_started) {
          // RFC 9112 §2.2: ignore empty lines before the request-line (a
          // few; more than that is garbage for the parser to refuse).
          in_.consume(LeadingEmptyLineBytes(
              std::string_view(in_.data(), in_.size()), 4));
        }
        if (!in_.empty()) {
          ec = {};
          const std::size_t n = parser.put(net::const_buffer(in_.data(), in_.size()), ec);
          if (ec && ec != boost::beast::http::error::need_more) {
            error = parser.ErrorKindFor(
                ec, std::string_view(in_.data(), in_.size()));
            in_.consume(n);
            break;
          }
          in_.consume(n);
          request_started = request_started || n > 0;
          if (parser.is_done()) break;
          if (!ec && n > 0 && !in_.empty()) continue;
        }
        if (timed_out_) break;
        if (!sent_continue && parser.is_header_done() && storage_.expect_continue()) {
          // RFC 9110 §10.1.1: the client waits for this before sending the body.
          sent_continue = true;
          static constexpr std::string_view k100 = "HTTP/1.1 100 Continue\r\n\r\n";
          co_await net::async_write(stream_, net::buffer(k100.data(), k100.size()),
                                    net::redirect_error(net::use_awaitable, ec));
          if (ec || closed_) break;
        }
        const std::span<char> space = in_.prepare();
        if (space.empty()) {
          error = HttpError::kHeaderTooLarge;
          break;
        }
        ec = {};
        const std::size_t n = co_await stream_.async_read_some(
            net::buffer(space.data(), space.size()), net::redirect_error(net::use_awaitable, ec));
        in_.commit(n);
        if (timed_out_ || closed_ || ec) break;
        if (!got_bytes && n > 0) {
          got_bytes = true;
          SetPhase(Phase::kReading, limits.read_timeout);
        }
      }
      if (closed_) break;
      if (error == HttpError::kNone && !parser.is_done()) {
        if (!timed_out_) break;  // EOF or reset mid-request: nobody to answer
        error = HttpError::kRequestTimeout;
      }

      bool keep_alive = false;
      if (error != HttpError::kNone) {
        PrepareError(error, error == HttpError::kRequestTimeout
                                ? "request not complete within the read timeout"
                                : storage_.error_detail());
      } else {
        Request request;
        BeginRequest(request);
        std::optional<std::string> slow_key;
        if (shared_.slow_pool != nullptr) slow_key = shared_.handler->SlowKey(request);
        if (slow_key)
          co_await HandleOnSlowPool(request, std::move(*slow_key));
        else
          InvokeHandler(request);
        keep_alive = FinishRequest(request, parser);
      }

      // Write the response (inline, see above).
      SetPhase(Phase::kWriting, limits.write_timeout);
      ec = {};
      if (single_buffer_) {
        co_await net::async_write(stream_, net::buffer(head_),
                                  net::redirect_error(net::use_awaitable, ec));
      } else {
        const std::array<net::const_buffer, 2> buffers = {net::buffer(head_), body_};
        co_await net::async_write(stream_, buffers, net::redirect_error(net::use_awaitable, ec));
      }
      response_.ReleaseHold();  // the request is no longer in flight
      if (ec || closed_) break;
      if (!keep_alive) {
        co_await CloseGracefully();
        break;
      }
    }
    Close();
  }

  void OnTimeout() override {
    WorkerCounters::Add(worker_.counters().timeouts);
    if (phase_ == Phase::kReading) {
      // Part of a request arrived: the coroutine answers 408, under a
      // write deadline.
      timed_out_ = true;
      SetPhase(Phase::kWriting, shared_.limits.write_timeout);
      boost::system::error_code ec;
      Lowest().cancel(ec);
      return;
    }
    Close();
  }

  void OnDrain() override {
    if (phase_ == Phase::kIdle || phase_ == Phase::kHandshake) Close();
  }

  void ForceClose() override { Close(); }

 private:
  static Stream MakeStream(Socket socket, Worker& worker) {
    if constexpr (kTls) return Stream(std::move(socket), worker.tls());
    else return Stream(std::move(socket));
  }

  Socket& Lowest() {
    if constexpr (kTls) return stream_.next_layer();
    else return stream_;
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    deadline_ = TimePoint::max();
    boost::system::error_code ec;
    Lowest().close(ec);
  }

  void CapturePeerAddress() {
    boost::system::error_code ec;
    Lowest().set_option(net::ip::tcp::no_delay(true), ec);
    const auto endpoint = Lowest().remote_endpoint(ec);
    if (ec) return;
    auto address = endpoint.address();
    if (address.is_v6() && address.to_v6().is_v4_mapped())
      address = net::ip::make_address_v4(net::ip::v4_mapped, address.to_v6());
    if (address.is_v4()) {
      const auto b = address.to_v4().to_bytes();
      std::copy(b.begin(), b.end(), peer_.bytes.begin());
      peer_.is_v4 = true;
    } else {
      const auto b = address.to_v6().to_bytes();
      std::copy(b.begin(), b.end(), peer_.bytes.begin());
    }
    peer_.port = endpoint.port();
    peer_text_ = address.to_string();
  }

  void CapturePeerCertificate() {
    if constexpr (kTls) {
      X509* cert = SSL_get0_peer_certificate(stream_.native_handle());
      if (cert == nullptr) return;
      // A certificate that cannot be read counts as none: it authenticates nothing.
      if (auto pc = ReadPeerCertificate(cert); pc.ok()) certificate_ = std::move(pc).value();
    }
  }

  // Fills `request` from the parsed request and the connection.
  void BeginRequest(Request& request) {
    storage_.Fill(request);
    const TargetParts parts = SplitTarget(request.target);
    request.path = parts.path;
    request.query = parts.query;
    request.peer = peer_;
    request.peer.text = peer_text_;
    request.tls = kTls;
    request.peer_certificate = certificate_ ? &*certificate_ : nullptr;
    request.connection_id = id_;
    request.request_index = request_index_++;
    WorkerCounters::Add(worker_.counters().requests);
    SetPhaseWithoutDeadline(Phase::kHandling);
    response_.Reset();
  }

  // Runs the handler on this thread; any exception becomes a 500, logged
  // first (the client sees only "unexpected error").
  void InvokeHandler(const Request& request) {
    try {
      shared_.handler->Handle(request, response_);
    } catch (const std::exception& e) {
      spdlog::error("http: {} {}: the handler threw: {}", request.method_name, request.path,
                    e.what());
      response_.Reset();
      shared_.handler->RenderError(HttpError::kInternal, "unexpected error while handling the request",
                                response_);
    } catch (...) {
      spdlog::error("http: {} {}: the handler threw an exception of unknown type",
                    request.method_name, request.path);
      response_.Reset();
      shared_.handler->RenderError(HttpError::kInternal, "unexpected error while handling the request",
                                response_);
    }
  }

  // Runs the handler on the slow-request pool and resumes on this worker
  // when it is done (a nested coroutine: only password checks take this
  // path). Over ServerLimits::max_slow_requests, or over
  // max_slow_requests_per_key for `key`: 503 at once.
  net::awaitable<void> HandleOnSlowPool(const Request& request, std::string key) {
    std::atomic<std::size_t>& in_flight = shared_.slow_in_flight;
    if (in_flight.fetch_add(1, std::memory_order_relaxed) >= shared_.limits.max_slow_requests) {
      in_flight.fetch_sub(1, std::memory_order_relaxed);
      RejectSlow("too many password verifications in progress");
      co_return;
    }
    if (!AcquireSlowKey(key)) {
      in_flight.fetch_sub(1, std::memory_order_relaxed);
      RejectSlow("too many password verifications in progress for this tenant");
      co_return;
    }
    // The pool thread writes response_ while this coroutine is suspended;
    // posting the completion back to the worker orders those writes before
    // our reads. The fair queue decides when the task runs.
    co_await net::async_initiate<decltype(net::use_awaitable), void()>(
        [this, &request, &key](auto completion) {
          shared_.slow_queue->Submit(
              key, std::make_unique<SlowTask<decltype(completion)>>(*this, request,
                                                                    std::move(completion)));
          // Counted once queued: a count of n means n tasks are in the queue
          // or done (tests order their requests by it).
          WorkerCounters::Add(worker_.counters().slow_requests);
        },
        net::use_awaitable);
    ReleaseSlowKey(key);
    in_flight.fetch_sub(1, std::memory_order_relaxed);
  }

  // Runs the handler on a pool thread, then resumes the connection's
  // coroutine on its worker (the completion's associated executor).
  template <class Completion>
  class SlowTask final : public FairQueue::Task {
   public:
    SlowTask(Connection& connection, const Request& request, Completion completion)
        : connection_(connection), request_(request), completion_(std::move(completion)) {}
    void Run() override {
      connection_.InvokeHandler(request_);
      auto executor = net::get_associated_executor(completion_);
      net::post(executor, std::move(completion_));
    }

   private:
    Connection& connection_;
    const Request& request_;
    Completion completion_;
  };

  void RejectSlow(std::string_view why) {
    WorkerCounters::Add(worker_.counters().slow_rejected);
    shared_.handler->RenderError(HttpError::kServiceUnavailable, why, response_);
    response_.AddHeader("Retry-After", "1");
  }

  bool AcquireSlowKey(const std::string& key) {
    std::lock_guard lock(shared_.slow_keys_mu);
    std::size_t& n = shared_.slow_by_key[key];
    if (n >= shared_.limits.max_slow_requests_per_key) {
      if (n == 0) shared_.slow_by_key.erase(key);
      return false;
    }
    ++n;
    return true;
  }

  void ReleaseSlowKey(const std::string& key) {
    std::lock_guard lock(shared_.slow_keys_mu);
    const auto it = shared_.slow_by_key.find(key);
    if (it != shared_.slow_by_key.end() && --it->second == 0) shared_.slow_by_key.erase(it);
  }

  // Prepares the response; returns whether the connection stays open.
  bool FinishRequest(const Request& request, const RequestParser& parser) {
    const bool keep_alive = parser.keep_alive() && !storage_.must_close() &&
                            !response_.close_connection() && !worker_.draining();
    Prepare(request, keep_alive);
    return keep_alive;
  }

  // Serializes response_ into head_ (and body_) for `request`.
  void Prepare(const Request& request, bool keep_alive) {
    const SerializedResponse out =
        SerializeResponse(request, response_, keep_alive, worker_.Date(), head_, scratch_);
    const int status_class = out.status / 100;
    if (status_class >= 1 && status_class <= 5)
      WorkerCounters::Add(worker_.counters().responses[static_cast<std::size_t>(status_class)]);
    single_buffer_ = out.body.empty() || (kTls && out.body.size() <= kTlsCoalesceBytes);
    if (single_buffer_) {
      head_.append(out.body);
      body_ = {};
    } else {
      body_ = net::const_buffer(out.body.data(), out.body.size());
    }
  }

  // A response the server gives itself (limits, timeouts, 503); the
  // connection closes after it.
  void PrepareError(HttpError kind, std::string_view detail) {
    Request request;  // GET over HTTP/1.1: the body is sent
    response_.Reset();
    shared_.handler->RenderError(kind, detail, response_);
    if (kind == HttpError::kServiceUnavailable) response_.AddHeader("Retry-After", "1");
    Prepare(request, /*keep_alive=*/false);
  }

  net::awaitable<bool> WritePrepared() {
    SetPhase(Phase::kWriting, shared_.limits.write_timeout);
    boost::system::error_code ec;
    if (single_buffer_) {
      co_await net::async_write(stream_, net::buffer(head_),
                                net::redirect_error(net::use_awaitable, ec));
    } else {
      const std::array<net::const_buffer, 2> buffers = {net::buffer(head_), body_};
      co_await net::async_write(stream_, buffers, net::redirect_error(net::use_awaitable, ec));
    }
    co_return !ec && !closed_;
  }

  // Close without losing the response just sent: TLS close_notify, then
  // half-close and discard what the client still sends until it closes
  // (RFC 9112 §9.6), bounded in time and bytes.
  net::awaitable<void> CloseGracefully() {
    if (closed_) co_return;
    const auto linger = std::min(shared_.limits.write_timeout, kMaxLinger);
    SetPhase(Phase::kClosing, linger);
    boost::system::error_code ec;
    if constexpr (kTls) {
      co_await stream_.async_shutdown(net::redirect_error(net::use_awaitable, ec));
      if (closed_) co_return;
    }
    Lowest().shutdown(net::ip::tcp::socket::shutdown_send, ec);
    std::size_t drained = 0;
    while (!closed_ && drained < kMaxLingerBytes) {
      in_.consume(in_.size());
      const std::span<char> space = in_.prepare();
      ec = {};
      const std::size_t n = co_await Lowest().async_read_some(
          net::buffer(space.data(), space.size()), net::redirect_error(net::use_awaitable, ec));
      if (ec) break;
      drained += n;
    }
    Close();
  }

  ServerShared& shared_;
  Stream stream_;
  bool reject_;
  bool closed_ = false;
  bool timed_out_ = false;
  std::uint64_t id_ = 0;
  std::uint32_t request_index_ = 0;
  PeerAddress peer_;
  std::string peer_text_;
  std::optional<PeerCertificate> certificate_;
  InputBuffer in_;
  RequestStorage storage_;
  Response response_;
  std::string head_;     // status line and header fields (and a coalesced body)
  std::string scratch_;  // per-response gzip of dynamic bodies
  net::const_buffer body_;  // body sent after head_ when not coalesced
  bool single_buffer_ = true;
};

}  // namespace tldmon::http::internal

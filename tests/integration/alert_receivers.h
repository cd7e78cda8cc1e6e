// The receivers of the alert end-to-end test (alerts_test.cc), each on a
// loopback port of its own, one accept loop thread, stopped by the
// destructor:
//   WebhookReceiver — answers every POST with 200 (HTTP/1.1, one request per
//     connection) and keeps its headers and body;
//   SmtpSink — an SMTP server that offers STARTTLS (with the certificate and
//     key files it is given) and keeps every message with whether it came
//     over TLS.
// Test code: blocking sockets with short poll timeouts so Stop is prompt.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tldmon::integration {

// Binds 127.0.0.1:`port` (0: any free port); -1 on failure.
int ListenLoopback(std::uint16_t port, std::uint16_t* bound);

class WebhookReceiver {
 public:
  struct Request {
    std::map<std::string, std::string> headers;  // names lower-cased
    std::string body;
    std::chrono::steady_clock::time_point at;     // when the whole request was read
  };
  // Listens on `port` (0: a free one).
  explicit WebhookReceiver(std::uint16_t port = 0);
  ~WebhookReceiver();
  std::uint16_t port() const { return port_; }
  bool listening() const { return fd_ >= 0; }
  std::vector<Request> requests() const;
  std::size_t count() const;

 private:
  void Loop();
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::vector<Request> requests_;
  std::thread thread_;
};

class SmtpSink {
 public:
  struct Message {
    std::string from;
    std::vector<std::string> to;
    std::string data;  // the message as sent, dot-unstuffed
    bool tls = false;  // it came after STARTTLS
  };
  SmtpSink(const std::string& certificate_file, const std::string& key_file);
  ~SmtpSink();
  std::uint16_t port() const { return port_; }
  bool listening() const { return fd_ >= 0; }
  std::vector<Message> messages() const;

 private:
  void Loop();
  void Serve(int client);
  int fd_ = -1;
  std::uint16_t port_ = 0;
  void* ctx_ = nullptr;  // SSL_CTX
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::vector<Message> messages_;
  std::thread thread_;
};

}  // namespace tldmon::integration

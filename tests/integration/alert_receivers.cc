#include "alert_receivers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace tldmon::integration {
namespace {

// Waits up to 200 ms for a client; -1 if none came.
int AcceptSome(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 200) != 1) return -1;
  return ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
}

void SetTimeout(int fd) {
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// One SMTP connection's byte stream, plain or after STARTTLS.
struct Stream {
  int fd;
  SSL* ssl = nullptr;
  std::string in;
  bool Fill() {
    char buf[4096];
    const long n = ssl ? SSL_read(ssl, buf, sizeof buf) : ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    in.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  bool Line(std::string* line) {
    for (;;) {
      const auto end = in.find("\r\n");
      if (end != std::string::npos) {
        *line = in.substr(0, end);
        in.erase(0, end + 2);
        return true;
      }
      if (in.size() > 1 << 20 || !Fill()) return false;
    }
  }
  void Send(const std::string& s) {
    if (ssl) SSL_write(ssl, s.data(), static_cast<int>(s.size()));
    else ::send(fd, s.data(), s.size(), MSG_NOSIGNAL);
  }
};

}  // namespace

int ListenLoopback(std::uint16_t port, std::uint16_t* bound) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 16) != 0) {
    ::close(fd);
    return -1;
  }
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  *bound = ntohs(a.sin_port);
  return fd;
}

WebhookReceiver::WebhookReceiver(std::uint16_t port) {
  fd_ = ListenLoopback(port, &port_);
  if (fd_ >= 0) thread_ = std::thread([this] { Loop(); });
}

WebhookReceiver::~WebhookReceiver() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) ::close(fd_);
}

std::vector<WebhookReceiver::Request> WebhookReceiver::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

std::size_t WebhookReceiver::count() const {
  std::lock_guard lock(mu_);
  return requests_.size();
}

void WebhookReceiver::Loop() {
  while (!stop_) {
    const int c = AcceptSome(fd_);
    if (c < 0) continue;
    SetTimeout(c);
    std::string data;
    char buf[8192];
    std::size_t head_end = std::string::npos, length = 0;
    Request r;
    for (;;) {
      const long n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) break;
      data.append(buf, static_cast<std::size_t>(n));
      if (head_end == std::string::npos && (head_end = data.find("\r\n\r\n")) != std::string::npos) {
        std::size_t at = data.find("\r\n") + 2;
        while (at < head_end) {
          const std::size_t eol = data.find("\r\n", at);
          const std::string line = data.substr(at, eol - at);
          const std::size_t colon = line.find(':');
          if (colon != std::string::npos) {
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            r.headers[Lower(line.substr(0, colon))] = value;
          }
          at = eol + 2;
        }
        length = r.headers.count("content-length") ? std::stoul(r.headers["content-length"]) : 0;
      }
      if (head_end != std::string::npos && data.size() >= head_end + 4 + length) break;
    }
    if (head_end != std::string::npos && data.size() >= head_end + 4 + length) {
      r.body = data.substr(head_end + 4, length);
      r.at = std::chrono::steady_clock::now();
      {
        std::lock_guard lock(mu_);
        requests_.push_back(std::move(r));
      }
      const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
      ::send(c, ok.data(), ok.size(), MSG_NOSIGNAL);
    }
    ::close(c);
  }
}

SmtpSink::SmtpSink(const std::string& certificate_file, const std::string& key_file) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (ctx == nullptr ||
      SSL_CTX_use_certificate_chain_file(ctx, certificate_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx, key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
    if (ctx != nullptr) SSL_CTX_free(ctx);
    return;
  }
  ctx_ = ctx;
  fd_ = ListenLoopback(0, &port_);
  if (fd_ >= 0) thread_ = std::thread([this] { Loop(); });
}

SmtpSink::~SmtpSink() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) ::close(fd_);
  if (ctx_ != nullptr) SSL_CTX_free(static_cast<SSL_CTX*>(ctx_));
}

std::vector<SmtpSink::Message> SmtpSink::messages() const {
  std::lock_guard lock(mu_);
  return messages_;
}

void SmtpSink::Loop() {
  while (!stop_) {
    const int c = AcceptSome(fd_);
    if (c < 0) continue;
    SetTimeout(c);
    Serve(c);
    ::close(c);
  }
}

void SmtpSink::Serve(int client) {
  Stream s{client, nullptr, {}};
  s.Send("220 sink.test ESMTP\r\n");
  Message m;
  std::string line;
  while (s.Line(&line)) {
    const std::string verb = Lower(line.substr(0, std::min<std::size_t>(line.find(' '), line.size())));
    if (verb == "ehlo" || verb == "helo") {
      s.Send(s.ssl ? "250-sink.test\r\n250 8BITMIME\r\n"
                   : "250-sink.test\r\n250-8BITMIME\r\n250 STARTTLS\r\n");
    } else if (verb == "starttls" && s.ssl == nullptr) {
      s.Send("220 go ahead\r\n");
      s.ssl = SSL_new(static_cast<SSL_CTX*>(ctx_));
      SSL_set_fd(s.ssl, client);
      if (SSL_accept(s.ssl) != 1) break;
      s.in.clear();
    } else if (verb == "mail") {
      m = Message{};
      m.tls = s.ssl != nullptr;
      m.from = line.substr(line.find(':') + 1);
      s.Send("250 OK\r\n");
    } else if (verb == "rcpt") {
      m.to.push_back(line.substr(line.find(':') + 1));
      s.Send("250 OK\r\n");
    } else if (verb == "data") {
      s.Send("354 end with .\r\n");
      std::string data;
      while (s.Line(&line) && line != ".") data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
      m.data = data;
      m.tls = m.tls && s.ssl != nullptr;
      {
        std::lock_guard lock(mu_);
        messages_.push_back(m);
      }
      s.Send("250 queued\r\n");
    } else if (verb == "quit") {
      s.Send("221 bye\r\n");
      break;
    } else if (verb == "rset" || verb == "noop") {
      s.Send("250 OK\r\n");
    } else {
      s.Send("502 not implemented\r\n");
    }
  }
  if (s.ssl != nullptr) {
    SSL_shutdown(s.ssl);
    SSL_free(s.ssl);
  }
}

}  // namespace tldmon::integration

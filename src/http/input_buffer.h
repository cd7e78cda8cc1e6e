// A connection's receive buffer: contiguous, grows on demand up to a bound,
// compacts instead of reallocating. Not thread-safe. Internal to the server.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>

namespace tldmon::http {

class InputBuffer {
 public:
  InputBuffer(std::size_t initial, std::size_t max) : initial_(initial), max_(max) {}

  const char* data() const { return buf_.get() + begin_; }
  std::size_t size() const { return end_ - begin_; }
  bool empty() const { return begin_ == end_; }

  void consume(std::size_t n) {
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;
  }

  // Free space to read into: compacts, then grows (doubling, up to max).
  // Empty only when `max` bytes are buffered.
  std::span<char> prepare() {
    if (!buf_) {
      cap_ = initial_;
      buf_ = std::make_unique<char[]>(cap_);
    }
    if (end_ == cap_ && begin_ > 0) {
      std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    if (end_ == cap_ && cap_ < max_) {
      const std::size_t cap = cap_ * 2 < max_ ? cap_ * 2 : max_;
      auto bigger = std::make_unique<char[]>(cap);
      std::memcpy(bigger.get(), buf_.get() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
      buf_ = std::move(bigger);
      cap_ = cap;
    }
    return {buf_.get() + end_, cap_ - end_};
  }
  void commit(std::size_t n) { end_ += n; }

 private:
  std::size_t initial_, max_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0, begin_ = 0, end_ = 0;
};

}  // namespace tldmon::http

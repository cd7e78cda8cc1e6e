#include "probe/curl_multi.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "probe/agent_http.h"

namespace tldmon::probe {
namespace asio = boost::asio;

CurlMulti::CurlMulti(asio::any_io_executor executor)
    : executor_(std::move(executor)), multi_(nullptr), timer_(executor_) {
  GlobalInitOnce();
  multi_ = curl_multi_init();
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlMulti::OnSocket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlMulti::OnTimer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
}

CurlMulti::~CurlMulti() {
  for (auto& [easy, t] : transfers_) curl_multi_remove_handle(multi_, easy);
  for (auto& [s, w] : watches_) {
    boost::system::error_code ec;
    w.descriptor->cancel(ec);
    w.descriptor->release();  // libcurl's socket: never closed by us
  }
  curl_multi_cleanup(multi_);
}

int CurlMulti::OnSocket(CURL*, curl_socket_t s, int what, void* self, void*) {
  auto* m = static_cast<CurlMulti*>(self);
  if (what == CURL_POLL_REMOVE) {
    auto it = m->watches_.find(s);
    if (it != m->watches_.end()) {
      boost::system::error_code ec;
      it->second.descriptor->cancel(ec);
      it->second.descriptor->release();
      m->watches_.erase(it);
    }
    return 0;
  }
  Watch& w = m->watches_[s];
  if (!w.descriptor) {
    w.descriptor = std::make_unique<asio::posix::stream_descriptor>(m->executor_, s);
    w.generation = m->next_generation_++;
  }
  w.what = what;
  m->Arm(s);
  return 0;
}

int CurlMulti::OnTimer(CURLM*, long timeout_ms, void* self) {
  auto* m = static_cast<CurlMulti*>(self);
  if (timeout_ms < 0) {
    m->timer_.cancel();
    return 0;
  }
  // socket_action must not be called from inside this callback: the timer's
  // handler runs it from the loop, even for a timeout of 0.
  m->timer_.expires_after(std::chrono::milliseconds(timeout_ms));
  m->timer_.async_wait([m](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled or replaced
    int running = 0;
    curl_multi_socket_action(m->multi_, CURL_SOCKET_TIMEOUT, 0, &running);
    m->Collect();
  });
  return 0;
}

void CurlMulti::Arm(curl_socket_t s) {
  auto it = watches_.find(s);
  if (it == watches_.end()) return;
  Watch& w = it->second;
  const std::uint64_t generation = w.generation;
  auto handler = [this, s, generation](int event) {
    return [this, s, generation, event](const boost::system::error_code& ec) {
      auto found = watches_.find(s);
      if (found == watches_.end() || found->second.generation != generation) return;  // closed since
      (event == CURL_CSELECT_IN ? found->second.reading : found->second.writing) = false;
      if (ec) return;
      Act(s, event);
    };
  };
  if ((w.what & CURL_POLL_IN) != 0 && !w.reading) {
    w.reading = true;
    w.descriptor->async_wait(asio::posix::stream_descriptor::wait_read, handler(CURL_CSELECT_IN));
  }
  if ((w.what & CURL_POLL_OUT) != 0 && !w.writing) {
    w.writing = true;
    w.descriptor->async_wait(asio::posix::stream_descriptor::wait_write, handler(CURL_CSELECT_OUT));
  }
}

void CurlMulti::Act(curl_socket_t s, int events) {
  int running = 0;
  curl_multi_socket_action(multi_, s, events, &running);
  Collect();
  // Still watched with the same interest: wait again (a changed interest
  // was armed by OnSocket already).
  Arm(s);
}

void CurlMulti::Collect() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    const CURLcode result = msg->data.result;
    auto it = transfers_.find(easy);
    curl_multi_remove_handle(multi_, easy);
    if (it == transfers_.end()) continue;
    it->second->result = result;
    it->second->finished = true;
    it->second->done.cancel();
    transfers_.erase(it);
  }
}

asio::awaitable<CURLcode> CurlMulti::Perform(CURL* easy) {
  auto t = std::make_shared<Transfer>(executor_);
  t->done.expires_at(asio::steady_timer::time_point::max());
  transfers_.emplace(easy, t);
  if (const CURLMcode rc = curl_multi_add_handle(multi_, easy); rc != CURLM_OK) {
    transfers_.erase(easy);
    co_return CURLE_FAILED_INIT;
  }
  boost::system::error_code ec;
  while (!t->finished) co_await t->done.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  co_return t->result;
}

}  // namespace tldmon::probe

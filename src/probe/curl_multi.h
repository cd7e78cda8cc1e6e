// CurlMulti: libcurl's multi interface driven by the probe's Asio event loop
// (issue 9: the RDDS80 and RDAP fetches "without blocking the loop", and
// without a thread per transfer). libcurl tells us which sockets it wants
// watched (CURLMOPT_SOCKETFUNCTION) and when it next needs the time
// (CURLMOPT_TIMERFUNCTION); we watch them with posix::stream_descriptor
// waits and one steady_timer, and hand readiness back with
// curl_multi_socket_action. So thousands of fetches — most of them waiting
// on a slow or dead server for their 11 s — run at once on the one thread
// that also runs the DNS tests.
//
// Each transfer is an easy handle the caller configured; Perform adds it,
// waits until libcurl reports it done and removes it. The descriptors never
// own the sockets (libcurl opens and closes them). A generation per watched
// socket keeps a wait started for a socket that libcurl closed — whose
// number may already be reused — from acting on the new one.
//
// Not thread-safe: construct, Perform and destroy on the loop's thread
// (a single-threaded io_context). Destroy only after every Perform ended.
#pragma once

#include <curl/curl.h>

#include <utility>  // before Boost headers (Boost 1.74)

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <map>
#include <memory>

namespace tldmon::probe {

class CurlMulti {
 public:
  explicit CurlMulti(boost::asio::any_io_executor executor);
  ~CurlMulti();
  CurlMulti(const CurlMulti&) = delete;
  CurlMulti& operator=(const CurlMulti&) = delete;

  // Runs `easy` to completion on the loop; its result code. The handle
  // stays the caller's (read its info, then clean it up).
  boost::asio::awaitable<CURLcode> Perform(CURL* easy);

  // Transfers in progress (for tests and logs).
  std::size_t active() const { return transfers_.size(); }

 private:
  struct Transfer {
    explicit Transfer(const boost::asio::any_io_executor& ex) : done(ex) {}
    boost::asio::steady_timer done;  // cancelled when libcurl reports the end
    CURLcode result = CURLE_OK;
    bool finished = false;
  };
  struct Watch {
    std::unique_ptr<boost::asio::posix::stream_descriptor> descriptor;
    int what = 0;  // CURL_POLL_IN / OUT / INOUT
    std::uint64_t generation = 0;
    bool reading = false, writing = false;  // a wait is pending
  };

  static int OnSocket(CURL* easy, curl_socket_t s, int what, void* self, void* socketp);
  static int OnTimer(CURLM* multi, long timeout_ms, void* self);
  void Arm(curl_socket_t s);
  void Act(curl_socket_t s, int events);
  void Collect();

  boost::asio::any_io_executor executor_;
  CURLM* multi_;
  boost::asio::steady_timer timer_;
  std::map<curl_socket_t, Watch> watches_;
  std::map<CURL*, std::shared_ptr<Transfer>> transfers_;
  std::uint64_t next_generation_ = 1;
};

}  // namespace tldmon::probe

// BlackholeProxy: a TCP proxy on 127.0.0.1 between one process and a
// server, that the test can cut: while cut, nothing is forwarded either way
// and every connection stays open — what a network partition looks like to
// both ends (no reset, no FIN: statements just never get an answer). Heal()
// forwards again, including what was held back. Test-only.
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace tldmon::integration {

class BlackholeProxy {
 public:
  // Listens on a free 127.0.0.1 port and forwards to 127.0.0.1:`target`.
  // nullptr if it cannot listen.
  static std::unique_ptr<BlackholeProxy> Start(int target_port);
  ~BlackholeProxy();

  int port() const { return port_; }
  void Cut() { cut_ = true; }
  void Heal() { cut_ = false; }

 private:
  BlackholeProxy() = default;
  void Run();

  int listener_ = -1;
  int port_ = 0;
  int target_ = 0;
  std::atomic<bool> cut_{false};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace tldmon::integration

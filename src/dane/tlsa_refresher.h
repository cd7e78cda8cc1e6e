// Keeps the TlsaCache fresh (dane-client-auth.md §6): one round looks up
// every configured owner name, about every `period` with ±10 % jitter, and
// at once when Trigger() says the configuration changed. A background
// thread; the resolver and cache are used only from it (the cache is also
// read by requests, which it allows). Changes of a name's state are logged
// (secure → bogus with why_bogus, …).
//
// Thread-safe: Trigger and Stop from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "core/clock.h"
#include "dane/tlsa_cache.h"
#include "dane/tlsa_lookup.h"

namespace tldmon::dane {

struct RefreshRound {
  std::size_t names = 0;
  std::size_t secure = 0;  // names with records usable after the round
  std::size_t changed = 0;  // names whose state changed
  std::chrono::milliseconds took{0};
};

class TlsaRefresher {
 public:
  using NamesFn = std::function<std::set<std::string>()>;
  using RoundFn = std::function<void(const RefreshRound&)>;

  // `on_round` (optional) runs on the refresher's thread after each round.
  TlsaRefresher(TlsaResolver& resolver, TlsaCache& cache, const Clock& clock, NamesFn names,
                std::chrono::seconds period, RoundFn on_round = {})
      : resolver_(resolver),
        cache_(cache),
        clock_(clock),
        names_(std::move(names)),
        period_(period),
        on_round_(std::move(on_round)) {}
  ~TlsaRefresher() { Stop(); }
  TlsaRefresher(const TlsaRefresher&) = delete;
  TlsaRefresher& operator=(const TlsaRefresher&) = delete;

  // Runs a first round at once, then every period.
  void Start();
  void Stop();
  // Start the next round now (the configured names changed).
  void Trigger();
  // One round on the calling thread (not while started).
  RefreshRound RefreshOnce();
  // Rounds completed since Start.
  std::size_t rounds() const;

 private:
  void Loop(std::stop_token stop);

  TlsaResolver& resolver_;
  TlsaCache& cache_;
  const Clock& clock_;
  const NamesFn names_;
  const std::chrono::seconds period_;
  const RoundFn on_round_;
  mutable std::mutex mu_;
  std::condition_variable_any wake_;
  bool triggered_ = false;
  std::size_t rounds_ = 0;
  std::jthread thread_;
};

}  // namespace tldmon::dane

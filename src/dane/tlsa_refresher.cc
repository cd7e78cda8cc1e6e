#include "dane/tlsa_refresher.h"

#include <spdlog/spdlog.h>

#include <map>
#include <random>
#include <vector>

namespace tldmon::dane {

RefreshRound TlsaRefresher::RefreshOnce() {
  const auto started = std::chrono::steady_clock::now();
  const std::set<std::string> names = names_();
  std::map<std::string, TlsaState> before;
  for (const TlsaNameStatus& s : cache_.Status(clock_.Now())) before[s.name] = s.state;
  const std::vector<std::string> list(names.begin(), names.end());
  const std::vector<TlsaLookup> lookups = resolver_.Resolve(list);
  const UnixSeconds now = clock_.Now();
  RefreshRound round;
  round.names = names.size();
  for (const TlsaLookup& l : lookups) {
    cache_.Apply(l, now);
    const auto was = before.find(l.name);
    if (was != before.end() && was->second == l.state) continue;
    ++round.changed;
    const bool good = l.state == TlsaState::kSecure;
    spdlog::log(good ? spdlog::level::info : spdlog::level::warn,
                "dane: TLSA at {} is now {} ({} records){}{}", l.name, TlsaStateName(l.state),
                l.records.size(), l.why.empty() ? "" : ": ", l.why);
  }
  cache_.Retain(names);
  for (const TlsaNameStatus& s : cache_.Status(now)) round.secure += s.records > 0 ? 1 : 0;
  round.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                     started);
  return round;
}

void TlsaRefresher::Start() {
  thread_ = std::jthread([this](std::stop_token stop) { Loop(stop); });
}

void TlsaRefresher::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  wake_.notify_all();
  thread_.join();
}

void TlsaRefresher::Trigger() {
  {
    std::lock_guard lock(mu_);
    triggered_ = true;
  }
  wake_.notify_all();
}

std::size_t TlsaRefresher::rounds() const {
  std::lock_guard lock(mu_);
  return rounds_;
}

void TlsaRefresher::Loop(std::stop_token stop) {
  std::mt19937_64 rng(std::random_device{}());
  while (!stop.stop_requested()) {
    const RefreshRound round = RefreshOnce();
    spdlog::debug("dane: TLSA refresh of {} names took {} ms; {} usable, {} changed", round.names,
                  round.took.count(), round.secure, round.changed);
    if (on_round_) on_round_(round);
    // ±10 % jitter, so many servers do not query in step.
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(period_).count();
    std::uniform_int_distribution<long long> jitter(-ms / 10, ms / 10);
    const auto wait = std::chrono::milliseconds(ms + jitter(rng));
    std::unique_lock lock(mu_);
    ++rounds_;
    wake_.wait_for(lock, stop, wait, [this] { return triggered_; });
    triggered_ = false;
  }
}

}  // namespace tldmon::dane

#include "app/storage_thread.h"

#include <spdlog/spdlog.h>

namespace tldmon::app {

StorageThread::StorageThread(store::Store* store, const Clock* wall,
                             store::StorageScheduleOptions options,
                             std::chrono::milliseconds interval)
    : wall_(wall),
      schedule_(store, options, [](const std::string& line) { spdlog::info("{}", line); }),
      interval_(interval) {}

StorageThread::~StorageThread() { Stop(); }

void StorageThread::Start() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (thread_.joinable()) return;
    stop_ = false;
  }
  thread_ = std::thread([this] { Run(); });
}

void StorageThread::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool StorageThread::Stopping() {
  std::lock_guard<std::mutex> lock(mu_);
  return stop_;
}

void StorageThread::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    lock.unlock();
    auto work = schedule_.RunDue(wall_->Now(), [this] { return !Stopping(); });
    if (!work.ok()) {
      // The same failure every minute is logged once.
      if (work.status().ToString() != last_error_)
        spdlog::error("storage: {}", work.status().ToString());
      last_error_ = work.status().ToString();
    } else if (!last_error_.empty()) {
      spdlog::info("storage: recovered");
      last_error_.clear();
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace tldmon::app

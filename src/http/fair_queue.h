// FairQueue: the slow-request pool's run queue, shared round-robin between
// keys (RequestHandler::SlowKey: the tenant). A pool thread that becomes
// free runs the oldest task of the next key in turn, not the oldest task
// overall, so a tenant whose login flood queued many password checks delays
// another tenant's login by at most one of its own per round, not by all.
// Internal to the server.
//
// Thread-safe: Submit from any thread; tasks run on the pool's threads.
#pragma once

#include <utility>  // before Boost: Boost 1.74 misses it with GCC 12

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace tldmon::http::internal {

class FairQueue {
 public:
  // One unit of slow work. Run() is called once, on a pool thread.
  class Task {
   public:
    virtual ~Task() = default;
    virtual void Run() = 0;
  };

  // `pool` must outlive the queue and must not be stopped while tasks are
  // queued (each Submit posts one runner to it).
  explicit FairQueue(boost::asio::thread_pool& pool) : pool_(pool) {}

  void Submit(const std::string& key, std::unique_ptr<Task> task) {
    {
      std::lock_guard lock(mu_);
      std::deque<std::unique_ptr<Task>>& q = queues_[key];
      if (q.empty()) turns_.push_back(key);
      q.push_back(std::move(task));
    }
    // One runner per task: the counts match, so every task runs once.
    boost::asio::post(pool_, [this] { RunNext(); });
  }

 private:
  void RunNext() {
    std::unique_ptr<Task> task;
    {
      std::lock_guard lock(mu_);
      if (turns_.empty()) return;  // cannot happen: one runner per task
      const std::string key = std::move(turns_.front());
      turns_.pop_front();
      const auto it = queues_.find(key);
      task = std::move(it->second.front());
      it->second.pop_front();
      if (it->second.empty()) queues_.erase(it);
      else turns_.push_back(key);  // its next task waits for the others' turn
    }
    task->Run();
  }

  boost::asio::thread_pool& pool_;
  std::mutex mu_;
  // Keys with queued tasks, in the order of their next turn.
  std::deque<std::string> turns_;                                            // GUARDED_BY(mu_)
  std::unordered_map<std::string, std::deque<std::unique_ptr<Task>>> queues_;  // GUARDED_BY(mu_)
};

}  // namespace tldmon::http::internal

// FileLock: an advisory, exclusive lock on a file (flock(2)) that
// coordinates tldmon processes sharing one data directory
// (docs/operations.md "Several processes on one data directory"):
//   <data>/serve.lock   held by a running `serve` or `demo` for its lifetime,
//                       so a second one on the same directory refuses to start;
//   <data>/engine.lock  held while engine state or configuration is written:
//                       by the engine thread for each tick, by `tldmon admin`
//                       for each change.
// The kernel drops the lock when the holder dies, so a crash never leaves a
// stale lock behind. Not for use across NFS.
//
// Move-only; one owner; not thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "core/status.h"

namespace tldmon::app {

class FileLock {
 public:
  FileLock() = default;
  ~FileLock();
  FileLock(FileLock&& other) noexcept;
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

  // Creates the file if needed and locks it; Unavailable at once if another
  // holder has it, IoError if the file cannot be opened.
  static Result<FileLock> TryAcquire(const std::string& path);
  // Retries TryAcquire every 50 ms for up to `wait` (the only waiting in
  // tldmon's coordination: an operator's command waiting for one engine tick).
  static Result<FileLock> Acquire(const std::string& path, std::chrono::milliseconds wait);

  bool held() const { return fd_ >= 0; }
  void Release();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace tldmon::app

// Clang thread-safety annotations (DESIGN.md house rule 7: shared state
// names its mutex) and the annotated mutex types they need.
//
// Under clang the macros expand to the thread-safety attributes that
// `-Wthread-safety` checks (the `tsan` preset builds with it and with
// -Werror, so a read of a GUARDED_BY member without its mutex fails the
// build); under GCC they expand to nothing. libstdc++'s std::mutex carries
// no annotations, so annotated state uses tldmon::Mutex / tldmon::SharedMutex
// and the scoped MutexLock / ReaderLock / WriterLock below, which are thin
// wrappers with the same cost as std::mutex and std::lock_guard.
//
// Thread-safe (they are the synchronisation).
#pragma once

#include <mutex>
#include <shared_mutex>

#if defined(__clang__)
#define TLDMON_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define TLDMON_THREAD_ANNOTATION(x)
#endif

// On a class: its objects are a capability (a mutex) named `x` in messages.
#define CAPABILITY(x) TLDMON_THREAD_ANNOTATION(capability(x))
// On a class: RAII objects that hold a capability for their lifetime.
#define SCOPED_CAPABILITY TLDMON_THREAD_ANNOTATION(scoped_lockable)
// On a member: read and written only with `x` held (reads: shared is enough).
#define GUARDED_BY(x) TLDMON_THREAD_ANNOTATION(guarded_by(x))
// On a pointer member: the pointee is guarded by `x`.
#define PT_GUARDED_BY(x) TLDMON_THREAD_ANNOTATION(pt_guarded_by(x))
// On a mutex member: lock order.
#define ACQUIRED_BEFORE(...) TLDMON_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define ACQUIRED_AFTER(...) TLDMON_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
// On a function: the caller must hold the capability (exclusively / shared).
#define REQUIRES(...) TLDMON_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) TLDMON_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
// On a function: it acquires / releases the capability.
#define ACQUIRE(...) TLDMON_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define ACQUIRE_SHARED(...) TLDMON_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define RELEASE(...) TLDMON_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define RELEASE_SHARED(...) TLDMON_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) TLDMON_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
// On a function: the caller must NOT hold the capability (it takes it).
#define EXCLUDES(...) TLDMON_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
// On a function returning a reference to a mutex.
#define RETURN_CAPABILITY(x) TLDMON_THREAD_ANNOTATION(lock_returned(x))
// Opts a function out of the analysis; say why next to every use.
#define NO_THREAD_SAFETY_ANALYSIS TLDMON_THREAD_ANNOTATION(no_thread_safety_analysis)

namespace tldmon {

// std::mutex with annotations. Also BasicLockable, for std::condition_variable_any.
class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  bool try_lock() TRY_ACQUIRE(true) { return mu_.try_lock(); }

 private:
  std::mutex mu_;
};

// std::shared_mutex with annotations.
class CAPABILITY("shared_mutex") SharedMutex {
 public:
  SharedMutex() = default;
  SharedMutex(const SharedMutex&) = delete;
  SharedMutex& operator=(const SharedMutex&) = delete;

  void lock() ACQUIRE() { mu_.lock(); }
  void unlock() RELEASE() { mu_.unlock(); }
  void lock_shared() ACQUIRE_SHARED() { mu_.lock_shared(); }
  void unlock_shared() RELEASE_SHARED() { mu_.unlock_shared(); }

 private:
  std::shared_mutex mu_;
};

// Holds a Mutex for its scope (std::lock_guard). unlock()/lock() let a
// std::condition_variable_any wait on it, and let a loop drop the mutex for
// a while; the destructor releases it only if held.
class SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() RELEASE() {
    if (held_) mu_.unlock();
  }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

  void lock() ACQUIRE() {
    mu_.lock();
    held_ = true;
  }
  void unlock() RELEASE() {
    held_ = false;
    mu_.unlock();
  }

 private:
  Mutex& mu_;
  bool held_ = true;
};

// Holds a SharedMutex exclusively for its scope.
class SCOPED_CAPABILITY WriterLock {
 public:
  explicit WriterLock(SharedMutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~WriterLock() RELEASE() { mu_.unlock(); }
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  SharedMutex& mu_;
};

// Holds a SharedMutex shared for its scope.
class SCOPED_CAPABILITY ReaderLock {
 public:
  explicit ReaderLock(SharedMutex& mu) ACQUIRE_SHARED(mu) : mu_(mu) { mu_.lock_shared(); }
  ~ReaderLock() RELEASE() { mu_.unlock_shared(); }
  ReaderLock(const ReaderLock&) = delete;
  ReaderLock& operator=(const ReaderLock&) = delete;

 private:
  SharedMutex& mu_;
};

}  // namespace tldmon

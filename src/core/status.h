// Status and Result<T>: the one error model across tldmon modules (house rule 4).
// No exception crosses a module boundary; functions that can fail for reasons
// outside the program's control (input, I/O) return Status or Result<T>.
// Probe failures are data (negative codes in results), never a Status.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

namespace tldmon {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // caller's input is malformed or inconsistent
  kNotFound,           // the named thing does not exist
  kAlreadyExists,      // a create collided with an existing thing
  kFailedPrecondition, // state does not allow the operation now
  kIoError,            // file system or database failure
  kUnavailable,        // a dependency is temporarily unreachable
  kInternal,           // broken invariant; a bug
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "InvalidArgument: <message>", or "OK".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status InvalidArgument(std::string m) {
  return {StatusCode::kInvalidArgument, std::move(m)};
}
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExists(std::string m) {
  return {StatusCode::kAlreadyExists, std::move(m)};
}
inline Status FailedPrecondition(std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(m)};
}
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status Unavailable(std::string m) {
  return {StatusCode::kUnavailable, std::move(m)};
}
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

// Result<T, E> holds either a value or an error: the one "value or why not"
// type of the project. E is a Status unless the caller needs more structure
// than a code and a message to answer (the HTTP/400 extended error of
// MoSAPI, admin::ExtendedError; the query-string error the MoSAPI layer maps
// to its result codes, http::QueryError).
template <typename T, typename E = Status>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(E error) : v_(std::in_place_index<1>, std::move(error)) {    // NOLINT
    if constexpr (std::is_same_v<E, Status>) {
      assert(!std::get<1>(v_).ok() && "Result from an OK status has no value");
    }
  }

  bool ok() const { return v_.index() == 0; }
  // The error; only when !ok().
  const E& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  // The Status, OK when there is a value (Status results only).
  const Status& status() const
    requires std::is_same_v<E, Status>
  {
    static const Status kOk;
    return ok() ? kOk : std::get<1>(v_);
  }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, E> v_;
};

}  // namespace tldmon

// Early return of a non-OK Status from an expression yielding Status.
#define TLDMON_RETURN_IF_ERROR(expr)               \
  do {                                             \
    ::tldmon::Status tldmon_status_ = (expr);      \
    if (!tldmon_status_.ok()) return tldmon_status_; \
  } while (0)

// HTTP request methods the API distinguishes, and sets of them (for 405 and
// the Allow header, RFC 9110 §15.5.6).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tldmon::http {

enum class Method : std::uint8_t { kGet, kHead, kPost, kPut, kDelete, kOptions, kOther };

std::string_view MethodName(Method m);  // "GET", ...; "" for kOther
Method ParseMethod(std::string_view name);  // case-sensitive (RFC 9110 §9.1)

class MethodSet {
 public:
  constexpr MethodSet() = default;
  constexpr MethodSet(std::initializer_list<Method> ms) {
    for (Method m : ms) bits_ |= Bit(m);
  }
  constexpr bool Contains(Method m) const { return (bits_ & Bit(m)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  // "GET, HEAD, POST": the Allow header value, in enum order.
  std::string AllowHeader() const;

 private:
  static constexpr std::uint8_t Bit(Method m) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(m));
  }
  std::uint8_t bits_ = 0;
};

}  // namespace tldmon::http

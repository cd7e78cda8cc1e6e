#include "admin/dns_name.h"

namespace tldmon::admin {
namespace {

bool IsLdh(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

}  // namespace

bool IsValidHostName(std::string_view name, int min_labels) {
  if (name.empty() || name.size() > kMaxDomainNameLength) return false;
  int labels = 0;
  bool last_all_digits = false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = name.find('.', start);
    const std::string_view label =
        name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    last_all_digits = true;
    for (char c : label) {
      if (!IsLdh(c)) return false;
      last_all_digits = last_all_digits && c >= '0' && c <= '9';
    }
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= min_labels && !last_all_digits;
}

bool IsUnderDomain(std::string_view name, std::string_view suffix) {
  if (name.size() <= suffix.size() + 1) return false;
  const std::size_t offset = name.size() - suffix.size();
  if (name[offset - 1] != '.') return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (AsciiLower(name[offset + i]) != AsciiLower(suffix[i])) return false;
  }
  return true;
}

}  // namespace tldmon::admin

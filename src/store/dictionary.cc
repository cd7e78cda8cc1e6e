#include "store/dictionary.h"

namespace tldmon::store {

std::uint64_t Dictionary::Intern(std::string_view text) {
  if (text.empty()) return 0;
  if (auto it = codes_.find(text); it != codes_.end()) return it->second;
  texts_.emplace_back(text);
  const std::uint64_t code = texts_.size();
  codes_.emplace(texts_.back(), code);
  return code;
}

const std::string* Dictionary::Lookup(std::uint64_t code) const {
  static const std::string kEmpty;
  if (code == 0) return &kEmpty;
  if (code > texts_.size()) return nullptr;
  return &texts_[code - 1];
}

std::vector<std::pair<std::uint64_t, std::string_view>> Dictionary::Pending() const {
  std::vector<std::pair<std::uint64_t, std::string_view>> out;
  for (std::size_t i = committed_size_; i < texts_.size(); ++i) out.emplace_back(i + 1, texts_[i]);
  return out;
}

void Dictionary::RollbackPending() {
  while (texts_.size() > committed_size_) {
    codes_.erase(texts_.back());
    texts_.pop_back();
  }
}

bool Dictionary::LoadStored(std::uint64_t code, std::string text) {
  if (code != texts_.size() + 1 || text.empty() || codes_.contains(text)) return false;
  texts_.push_back(std::move(text));
  codes_.emplace(texts_.back(), code);
  committed_size_ = texts_.size();
  return true;
}

void Dictionary::Clear() {
  texts_.clear();
  codes_.clear();
  committed_size_ = 0;
}

}  // namespace tldmon::store

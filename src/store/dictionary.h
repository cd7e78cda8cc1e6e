// Dictionary: the string <-> code table that keeps report bodies small
// (DESIGN.md "Storage": dictionary-coded names and IPs). Codes are dense from
// 1 in order of first use; "" is always code 0 and never stored. The table is
// append-only, so a code inside a stored body stays valid forever.
//
// Codes handed out inside a transaction are "pending" until the store has
// written them and committed; on rollback they are forgotten, so memory never
// holds a code the database does not. Not thread-safe: the store's lock
// guards it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tldmon::store {

class Dictionary {
 public:
  // The code of `text`, assigning the next free one (pending) if new.
  std::uint64_t Intern(std::string_view text);
  // The text of a code, or nullptr for an unknown code.
  const std::string* Lookup(std::uint64_t code) const;

  // Entries assigned since the last Commit/Rollback, ascending by code.
  std::vector<std::pair<std::uint64_t, std::string_view>> Pending() const;
  void CommitPending() { committed_size_ = texts_.size(); }
  void RollbackPending();

  // Loads a stored entry (database order: ascending codes without gaps).
  // False if `code` is not the next code.
  bool LoadStored(std::uint64_t code, std::string text);
  void Clear();
  std::size_t size() const { return texts_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // texts_[i] is the text of code i + 1.
  std::vector<std::string> texts_;
  std::unordered_map<std::string, std::uint64_t, Hash, std::equal_to<>> codes_;
  std::size_t committed_size_ = 0;
};

}  // namespace tldmon::store

#include "app/change_marker.h"

#include <charconv>
#include <string>

namespace tldmon::app {

Result<std::uint64_t> ReadChangeGeneration(const store::Store& store) {
  auto bytes = store.GetRecord(kChangeKind, kChangeGenerationKey);
  if (!bytes.ok()) return bytes.status();
  if (!bytes->has_value()) return std::uint64_t{0};
  const std::string& text = **bytes;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    return Internal("damaged record app.changes/generation");
  return value;
}

Result<std::uint64_t> BumpChangeGeneration(store::Store& store) {
  auto current = ReadChangeGeneration(store);
  if (!current.ok()) return current.status();
  const std::uint64_t next = *current + 1;
  TLDMON_RETURN_IF_ERROR(store.PutRecord(kChangeKind, kChangeGenerationKey, std::to_string(next)));
  return next;
}

}  // namespace tldmon::app

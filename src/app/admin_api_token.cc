#include "app/admin_api_token.h"

#include <openssl/rand.h>

#include <array>

#include "app/data_dir.h"
#include "core/text.h"

namespace tldmon::app {

std::string DefaultAdminTokenPath(const std::string& data_dir) {
  return data_dir + "/admin-api.token";
}

Result<std::string> LoadOrCreateAdminToken(const std::string& path) {
  if (!FileExists(path)) {
    std::array<unsigned char, 32> secret{};
    if (RAND_bytes(secret.data(), static_cast<int>(secret.size())) != 1)
      return Internal("admin API token: no random bytes");
    std::string token;
    AppendHex(std::string_view(reinterpret_cast<const char*>(secret.data()), secret.size()), token);
    TLDMON_RETURN_IF_ERROR(WriteFileAtomically(path, token + "\n", 0600));
    return token;
  }
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.status();
  std::string token = *text;
  const auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!token.empty() && space(token.back())) token.pop_back();
  std::size_t start = 0;
  while (start < token.size() && space(token[start])) ++start;
  token.erase(0, start);
  if (token.size() < 32 || token.size() > 256)
    return InvalidArgument(path + ": the admin API token must be 32 to 256 characters, got " +
                           std::to_string(token.size()));
  for (char c : token)
    if (c <= ' ' || c > '~')
      return InvalidArgument(path + ": the admin API token must be visible ASCII characters only");
  return token;
}

}  // namespace tldmon::app

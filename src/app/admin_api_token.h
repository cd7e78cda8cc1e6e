// The operator token of the admin API (docs/admin-api.md): a file holding
// 64 hex characters (32 random bytes), made with mode 0600 the first time
// serve starts with the admin API on, and read as it is afterwards, so an
// operator can replace it (any 32 to 256 visible ASCII characters) and
// restart. Surrounding white space is ignored.
#pragma once

#include <string>

#include "core/status.h"

namespace tldmon::app {

// "<data>/admin-api.token".
std::string DefaultAdminTokenPath(const std::string& data_dir);

// The token in `path`, made first if the file does not exist.
// InvalidArgument when the file holds something that is not a token.
Result<std::string> LoadOrCreateAdminToken(const std::string& path);

}  // namespace tldmon::app

// AdminApiHandler: the operator's HTTP admin API of `tldmon serve`, mounted
// at /admin/v1/ (docs/admin-api.md). Today it edits what `tldmon admin tls`
// edits — the TLS access entries of DANE client authentication (issue 10:
// "the same through the admin API") — with the same validation, the same
// JSON and the same store transactions (dane/tls_access_edit.h):
//   GET    /admin/v1/tls[?entity=ry/x]            the entries and their DNS state
//   POST   /admin/v1/tls        {"entity", "domain", "roles", "allow"}
//          201 added, 200 extended or unchanged
//   DELETE /admin/v1/tls?entity=ry/x&domain=D      200 removed, 404 none
//   POST   /admin/v1/tls/import[?dryRun=true]      the bulk import file
//          (docs/formats/tls-access-import.md), all or nothing, its report
// A running serve applies an edit at its next tick, as for the CLI.
//
// Who may call it: the mount admits only the configured sources ([admin_api]
// allow, loopback by default) and every request must carry
// "Authorization: Bearer <token>" with the operator token (compared in
// constant time). Errors are {"error": "..."} with 400, 401, 403, 404, 405,
// 409 (a limit reached), 413, 500 or 503 (the change lock was busy).
//
// Edits take `lock_for_change` (serve: <data>/engine.lock, shared with the
// CLI and the engine thread) and so run on the server's slow pool, never on
// a worker thread. Holds a reference to the Store, which must outlive it.
// Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/entity_id.h"
#include "core/status.h"
#include "dane/tlsa_cache.h"
#include "http/request_handler.h"
#include "store/store.h"

namespace tldmon::admin {

struct AdminApiOptions {
  std::string token;  // the bearer token; must not be empty
  // Serializes an edit with every other writer of the configuration; the
  // returned holder releases it. Unavailable when busy (503).
  std::function<Result<std::shared_ptr<void>>()> lock_for_change;
  // The TLSA state of each owner name as serve sees it now.
  std::function<std::map<std::string, dane::TlsaNameStatus>()> tlsa_states;
};

class AdminApiHandler final : public http::RequestHandler {
 public:
  AdminApiHandler(store::Store& store, AdminApiOptions options);

  void Handle(const http::Request& request, http::Response& response) override;
  // Every authorized write: it waits for the change lock.
  std::optional<std::string> SlowKey(const http::Request& request) const override;
  std::size_t MaxBodyBytes(std::string_view path) const override;
  void RenderError(http::HttpError error, std::string_view detail,
                   http::Response& response) const override;

 private:
  bool Authorized(const http::Request& request) const;
  void ListTls(const http::Request& request, http::Response& response);
  void AddTls(const http::Request& request, http::Response& response);
  void RemoveTls(const http::Request& request, http::Response& response);
  void ImportTls(const http::Request& request, http::Response& response);
  // Takes the change lock into `lock`; else answers (503 when busy).
  bool BeginChange(std::shared_ptr<void>* lock, http::Response& response);

  store::Store& store_;
  AdminApiOptions options_;
};

// {"error": message} with `status`.
void SetAdminError(http::Response& response, int status, std::string_view message);

}  // namespace tldmon::admin
